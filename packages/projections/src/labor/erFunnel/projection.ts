/**
 * Read model 8, the employee-relations funnel: one row per ER case with the date it reached each stage
 * (received → triaged → investigated → findings → discipline) and its findings, and one row per individual
 * grievant of each grievance, so the report can tell which discipline was grieved. The ER stream does not name
 * the grievance (the discipline → grievance process manager only offers one); the report links a discipline to
 * the first grievance the disciplined employee filed in the same unit about something on or after that day.
 */
import type { EmployeeRelationsEvent, FindingValue } from '@laborcase/domain/employee-relations';
import type { GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection, type RowWriter } from '../../definition.js';
import type { Row } from '../../tables.js';

export type ErFunnelTable = 'cases' | 'grievants';

const update = async (rows: RowWriter<ErFunnelTable>, streamId: string, change: Row): Promise<void> => {
  const row = await rows.get('cases', { stream_id: streamId });
  if (row !== undefined) await rows.upsert('cases', { ...row, ...change });
};

const findingCounts = (findings: readonly { readonly finding: FindingValue }[]): Row => ({
  substantiated: findings.filter((f) => f.finding === 'substantiated').length,
  unsubstantiated: findings.filter((f) => f.finding === 'unsubstantiated').length,
  inconclusive: findings.filter((f) => f.finding === 'inconclusive').length,
});

export const erFunnelProjection = defineProjection<EmployeeRelationsEvent | GrievanceEvent, ErFunnelTable>({
  name: 'labor_er_funnel',
  version: 1,
  tables: [
    {
      name: 'cases',
      columns: {
        stream_id: 'text',
        case_id: 'text',
        channel: 'text',
        anonymous: 'boolean',
        respondent_unit_id: 'text',
        received_on: 'date',
        triaged_on: 'date',
        route: 'text',
        investigated_on: 'date',
        findings_on: 'date',
        substantiated: 'integer',
        unsubstantiated: 'integer',
        inconclusive: 'integer',
        discipline_on: 'date',
        discipline_level: 'text',
        disciplined_employee_id: 'text',
        disciplined_unit_id: 'text',
        closed_on: 'date',
      },
      primaryKey: ['stream_id'],
    },
    {
      name: 'grievants',
      columns: { employee_id: 'text', grievance_id: 'text', stream_id: 'text', unit_id: 'text', occurred_on: 'date', filed_on: 'date' },
      primaryKey: ['employee_id', 'grievance_id'],
    },
  ],
  streamColumn: { cases: 'stream_id', grievants: 'stream_id' },
  handlers: {
    async ComplaintReceived({ streamId, data }, rows) {
      await rows.upsert('cases', {
        stream_id: streamId,
        case_id: data.caseId,
        channel: data.channel,
        anonymous: data.anonymous,
        respondent_unit_id: data.respondent?.unitId ?? null,
        received_on: data.occurredOn,
      });
    },
    ComplaintTriaged: ({ streamId, data }, rows) => update(rows, streamId, { triaged_on: data.occurredOn, route: data.route }),
    InvestigationOpened: ({ streamId, data }, rows) => update(rows, streamId, { investigated_on: data.occurredOn }),
    FindingsIssued: ({ streamId, data }, rows) => update(rows, streamId, { findings_on: data.occurredOn, ...findingCounts(data.findings) }),
    // An appeal decision replaces the findings; the stage was still reached when they were first issued.
    FindingsAppealDecided: ({ streamId, data }, rows) => update(rows, streamId, findingCounts(data.findings)),
    async DisciplineImposed({ streamId, data }, rows) {
      const row = await rows.get('cases', { stream_id: streamId });
      // The first discipline is the funnel's stage; a later one does not move it.
      if (row !== undefined && row['discipline_on'] === null) {
        await rows.upsert('cases', { ...row, discipline_on: data.occurredOn, discipline_level: data.level, disciplined_employee_id: data.employeeId, disciplined_unit_id: data.unitId ?? null });
      }
    },
    EmployeeRelationsCaseClosed: ({ streamId, data }, rows) => update(rows, streamId, { closed_on: data.occurredOn }),
    EmployeeRelationsCaseReopened: ({ streamId }, rows) => update(rows, streamId, { closed_on: null }),
    async GrievanceFiled({ streamId, data }, rows) {
      if (data.grievant.kind !== 'individual') return;
      for (const employeeId of data.grievant.employeeIds) {
        await rows.upsert('grievants', { employee_id: employeeId, grievance_id: data.grievanceId, stream_id: streamId, unit_id: data.unitId, occurred_on: data.occurredOn, filed_on: data.filedOn });
      }
    },
  },
});
