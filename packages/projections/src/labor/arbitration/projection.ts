/**
 * Read model 5, arbitration: one row per grievance (stream), with what the demand rate, the time from demand
 * to award and the awards by outcome are computed from. `arbitrable` records whether the edition's procedure
 * (as snapshotted at filing) has an arbitration step, so units whose contract has none (ECAP) do not dilute
 * the demand rate.
 */
import type { GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection, type RowWriter } from '../../definition.js';
import type { Row } from '../../tables.js';

export type ArbitrationTable = 'cases';

const update = async (rows: RowWriter<ArbitrationTable>, streamId: string, change: Row): Promise<void> => {
  const row = await rows.get('cases', { stream_id: streamId });
  // An event without its filing (outside an as-of window, or a stream that is not a grievance's) changes nothing.
  if (row !== undefined) await rows.upsert('cases', { ...row, ...change });
};

export const arbitrationProjection = defineProjection<GrievanceEvent, ArbitrationTable>({
  name: 'labor_arbitration',
  version: 1,
  tables: [
    {
      name: 'cases',
      columns: {
        stream_id: 'text',
        grievance_id: 'text',
        unit_id: 'text',
        edition_id: 'text',
        filed_on: 'date',
        arbitrable: 'boolean',
        demanded_on: 'date',
        from_step_id: 'text',
        binding: 'boolean',
        arbitrator: 'text',
        hearing_closed_on: 'date',
        award_on: 'date',
        award_decision: 'text',
        remedy: 'text',
        closed_on: 'date',
        outcome: 'text',
      },
      primaryKey: ['stream_id'],
      indexes: [['unit_id']],
    },
  ],
  streamColumn: { cases: 'stream_id' },
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
    ArbitrationDemanded: (event, rows) => update(rows, event.streamId, { demanded_on: event.data.demandedOn, from_step_id: event.data.fromStepId, binding: event.data.binding }),
    ArbitratorSelected: (event, rows) => update(rows, event.streamId, { arbitrator: event.data.arbitrator }),
    ArbitrationHearingClosed: (event, rows) => update(rows, event.streamId, { hearing_closed_on: event.data.closedOn }),
    ArbitrationAwardIssued: (event, rows) =>
      update(rows, event.streamId, { award_on: event.data.issuedOn, award_decision: event.data.decision, arbitrator: event.data.arbitrator, remedy: event.data.remedy ?? null }),
    GrievanceClosed: (event, rows) => update(rows, event.streamId, { closed_on: event.data.closedOn, outcome: event.data.outcome }),
  },
});
