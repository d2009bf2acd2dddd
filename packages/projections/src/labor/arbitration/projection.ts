/**
 * Read model 5, arbitration: one row per grievance (stream) from its filing, with what the demand rate, the
 * time from demand to award and the awards by outcome are computed from. `arbitrable` records whether the
 * edition's procedure (as snapshotted at filing) has an arbitration step, so units whose contract has none
 * (ECAP) do not dilute the demand rate.
 *
 * Each later event writes its own fact by the stream id (`demands`, `selections`, `hearings`, `awards`,
 * `closures`) and reads nothing, where updating the case row meant reading it first (a SQL round trip when it
 * was written in an earlier batch); `arbitrationRows` joins them into one row per case at report time.
 */
import type { GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection } from '../../definition.js';
import type { Row, TableSpec } from '../../tables.js';
import { withStreamFacts } from '../grievances/facts.js';

export type ArbitrationTable = 'cases' | 'demands' | 'selections' | 'hearings' | 'awards' | 'closures';

const factTable = <Name extends ArbitrationTable>(name: Name, columns: TableSpec['columns']) => ({ name, columns: { stream_id: 'text', ...columns }, primaryKey: ['stream_id'] }) as const;

/** The facts in the order they happen: an award names the arbitrator who decided, over the one selected. */
const FACTS = [
  factTable('demands', { demanded_on: 'date', from_step_id: 'text', binding: 'boolean' }),
  factTable('selections', { arbitrator: 'text' }),
  factTable('hearings', { hearing_closed_on: 'date' }),
  factTable('awards', { award_on: 'date', award_decision: 'text', arbitrator: 'text', remedy: 'text' }),
  factTable('closures', { closed_on: 'date', outcome: 'text' }),
];

export const arbitrationProjection = defineProjection<GrievanceEvent, ArbitrationTable>({
  name: 'labor_arbitration',
  version: 2,
  tables: [
    {
      name: 'cases',
      columns: { stream_id: 'text', grievance_id: 'text', unit_id: 'text', edition_id: 'text', filed_on: 'date', arbitrable: 'boolean' },
      primaryKey: ['stream_id'],
      indexes: [['unit_id']],
    },
    ...FACTS,
  ],
  streamColumn: { cases: 'stream_id', demands: 'stream_id', selections: 'stream_id', hearings: 'stream_id', awards: 'stream_id', closures: 'stream_id' },
  handlers: {
    async GrievanceFiled(event, rows) {
      const { data } = event;
      await rows.upsert('cases', {
        stream_id: event.streamId,
        grievance_id: data.grievanceId,
        unit_id: data.unitId,
        edition_id: data.editionId,
        filed_on: data.filedOn,
        arbitrable: data.procedure.arbitration !== undefined,
      });
    },
    ArbitrationDemanded: (event, rows) =>
      rows.upsert('demands', { stream_id: event.streamId, demanded_on: event.data.demandedOn, from_step_id: event.data.fromStepId, binding: event.data.binding }),
    ArbitratorSelected: (event, rows) => rows.upsert('selections', { stream_id: event.streamId, arbitrator: event.data.arbitrator }),
    ArbitrationHearingClosed: (event, rows) => rows.upsert('hearings', { stream_id: event.streamId, hearing_closed_on: event.data.closedOn }),
    ArbitrationAwardIssued: (event, rows) =>
      rows.upsert('awards', { stream_id: event.streamId, award_on: event.data.issuedOn, award_decision: event.data.decision, arbitrator: event.data.arbitrator, remedy: event.data.remedy ?? null }),
    GrievanceClosed: (event, rows) => rows.upsert('closures', { stream_id: event.streamId, closed_on: event.data.closedOn, outcome: event.data.outcome }),
  },
});

/** One row per case: its filing and every fact a later event added (null where none did). */
export const arbitrationRows = (tables: { readonly [Table in ArbitrationTable]: readonly Row[] }): Row[] =>
  withStreamFacts(
    tables.cases,
    FACTS.map((spec) => ({ spec, rows: tables[spec.name] })),
  );
