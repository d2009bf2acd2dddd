/**
 * Read model 1, open cases: one row per grievance not yet closed (in abeyance included), with its unit,
 * agreement edition, article (stable key, and the number and title the filing cited), step, grievant kind, and
 * one row per school it names; closing a grievance deletes its rows. Plus the agreements' article versions
 * (`articles`), so the report prints each article's number and title as of the edition in force on its date.
 */
import type { AgreementEvent } from '@laborcase/domain/agreement';
import { ARBITRATION_STAGE, type GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection } from '../../definition.js';
import { articleHandlers, articlesTable } from '../grievances/articles.js';
import { filingColumnTypes, filingColumns, grievanceRow, hearerOf, idsOf, levelOf, type GrievanceEventFor } from '../grievances/facts.js';
import type { RowWriter } from '../../definition.js';
import type { JsonValue } from '../../tables.js';

type Tables = 'cases' | 'case_schools' | 'articles';

interface LadderStep {
  readonly id: string;
  readonly level: number;
  readonly hearer: string;
}

const moveTo = async (rows: RowWriter<Tables>, streamId: string, stepId: string, stage: 'step' | 'arbitration'): Promise<void> => {
  const row = await grievanceRow(rows, 'cases', streamId);
  if (row === undefined) return;
  const ladder = row['ladder'] as unknown as readonly LadderStep[];
  await rows.upsert('cases', { ...row, stage, step_id: stepId, step_level: levelOf(ladder, stepId), hearer: hearerOf(ladder, stepId) });
};

const setStatus = async (rows: RowWriter<Tables>, streamId: string, status: 'open' | 'inAbeyance'): Promise<void> => {
  const row = await grievanceRow(rows, 'cases', streamId);
  if (row !== undefined) await rows.upsert('cases', { ...row, status });
};

export const openCasesProjection = defineProjection<GrievanceEvent | AgreementEvent, Tables>({
  name: 'open_cases',
  version: 2,
  tables: [
    {
      name: 'cases',
      columns: { ...filingColumnTypes, status: 'text', stage: 'text', step_id: 'text', step_level: 'integer', hearer: 'text', ladder: 'json', school_ids: 'json' },
      primaryKey: ['grievance_id'],
      indexes: [['unit_id', 'edition_id', 'article_key'], ['step_id'], ['stream_id']],
    },
    { name: 'case_schools', columns: { grievance_id: 'text', school_id: 'text', stream_id: 'text' }, primaryKey: ['grievance_id', 'school_id'], indexes: [['school_id']] },
    articlesTable,
  ],
  streamColumn: { cases: 'stream_id', case_schools: 'stream_id', articles: 'stream_id' },
  handlers: {
    ...articleHandlers,
    async GrievanceFiled(event: GrievanceEventFor<'GrievanceFiled'>, rows) {
      const { procedure, entryStepId, grievanceId } = event.data;
      const schoolIds = new Set(event.data.schoolIds ?? []);
      const ladder: LadderStep[] = procedure.steps.map((s) => ({ id: s.id, level: s.level, hearer: s.hearer }));
      await rows.upsert('cases', {
        ...filingColumns(event),
        status: 'open',
        stage: 'step',
        step_id: entryStepId,
        step_level: levelOf(procedure.steps, entryStepId),
        hearer: hearerOf(procedure.steps, entryStepId),
        ladder: ladder as unknown as JsonValue,
        // So closing the grievance deletes its `case_schools` rows by key (a search would flush the batch's writes).
        school_ids: [...schoolIds],
      });
      for (const schoolId of schoolIds) await rows.upsert('case_schools', { grievance_id: grievanceId, school_id: schoolId, stream_id: event.streamId });
    },
    GrievanceAppealed: (event, rows) => moveTo(rows, event.streamId, event.data.toStepId, 'step'),
    ArbitrationDemanded: (event, rows) => moveTo(rows, event.streamId, ARBITRATION_STAGE, 'arbitration'),
    GrievancePlacedInAbeyance: (event, rows) => setStatus(rows, event.streamId, 'inAbeyance'),
    GrievanceResumed: (event, rows) => setStatus(rows, event.streamId, 'open'),
    async GrievanceClosed(event, rows) {
      const row = await grievanceRow(rows, 'cases', event.streamId);
      if (row === undefined) return;
      const grievanceId = row['grievance_id'] ?? null;
      for (const schoolId of idsOf(row['school_ids'])) await rows.delete('case_schools', { grievance_id: grievanceId, school_id: schoolId });
      await rows.delete('cases', { grievance_id: grievanceId });
    },
  },
});
