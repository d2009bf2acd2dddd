/**
 * Read model 1, open cases: one row per grievance not yet closed (in abeyance included), with its unit,
 * agreement edition, article (stable key, and the number and title the filing cited), grievant kind, step ladder
 * and the schools it names; its current step (`positions`, once appealed or at arbitration) and whether it is in
 * abeyance (`abeyances`) in tables of their own; closing the grievance deletes its rows. Plus the agreements'
 * article versions (`articles`), so the report prints each article's number and title as of the edition in force
 * on its date.
 *
 * Every grievance event writes or deletes by the stream id and reads nothing (a read of a row written in an
 * earlier batch is a SQL round trip); `openCaseRows` (./rows.ts) joins the tables at report time.
 */
import type { AgreementEvent } from '@laborcase/domain/agreement';
import { ARBITRATION_STAGE, type GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection } from '../../definition.js';
import type { JsonValue } from '../../tables.js';
import { articleHandlers, articlesTable } from '../grievances/articles.js';
import { filingColumnTypes, filingColumns, type GrievanceEventFor } from '../grievances/facts.js';

export type OpenCasesTable = 'cases' | 'positions' | 'abeyances' | 'articles';

export const openCasesProjection = defineProjection<GrievanceEvent | AgreementEvent, OpenCasesTable>({
  name: 'open_cases',
  version: 3,
  tables: [
    {
      name: 'cases',
      columns: { ...filingColumnTypes, entry_step_id: 'text', ladder: 'json', school_ids: 'json' },
      primaryKey: ['stream_id'],
      indexes: [['unit_id', 'edition_id', 'article_key'], ['grievance_id']],
    },
    { name: 'positions', columns: { stream_id: 'text', stage: 'text', step_id: 'text' }, primaryKey: ['stream_id'], indexes: [['step_id']] },
    { name: 'abeyances', columns: { stream_id: 'text' }, primaryKey: ['stream_id'] },
    articlesTable,
  ],
  streamColumn: { cases: 'stream_id', positions: 'stream_id', abeyances: 'stream_id', articles: 'stream_id' },
  handlers: {
    ...articleHandlers,
    async GrievanceFiled(event: GrievanceEventFor<'GrievanceFiled'>, rows) {
      const { procedure, entryStepId } = event.data;
      await rows.upsert('cases', {
        ...filingColumns(event),
        entry_step_id: entryStepId,
        ladder: procedure.steps.map((s) => ({ id: s.id, level: s.level, hearer: s.hearer })) as unknown as JsonValue,
        school_ids: [...new Set(event.data.schoolIds ?? [])],
      });
    },
    GrievanceAppealed: (event, rows) => rows.upsert('positions', { stream_id: event.streamId, stage: 'step', step_id: event.data.toStepId }),
    ArbitrationDemanded: (event, rows) => rows.upsert('positions', { stream_id: event.streamId, stage: 'arbitration', step_id: ARBITRATION_STAGE }),
    GrievancePlacedInAbeyance: (event, rows) => rows.upsert('abeyances', { stream_id: event.streamId }),
    GrievanceResumed: (event, rows) => rows.delete('abeyances', { stream_id: event.streamId }),
    async GrievanceClosed(event, rows) {
      for (const table of ['cases', 'positions', 'abeyances'] as const) await rows.delete(table, { stream_id: event.streamId });
    },
  },
});
