/**
 * Read model 8, the employee-relations funnel: one row per ER case with the date it reached each stage
 * (received → triaged → investigated → findings → discipline) and its findings, and one row per individual
 * grievant of each grievance, so the report can tell which discipline was grieved. The ER stream does not name
 * the grievance (the discipline → grievance process manager only offers one); the report links a discipline to
 * the first grievance the disciplined employee filed in the same unit about something on or after that day.
 *
 * Each later event of a case writes its own fact by the stream id (`triages`, `investigations`,
 * `finding_dates`, `finding_counts`, `disciplines`, `closures`) and reads nothing, where updating the case row
 * meant reading it first (a SQL round trip when written in an earlier batch); `erCaseRows` joins them.
 */
import type { EmployeeRelationsEvent, FindingValue } from '@laborcase/domain/employee-relations';
import type { GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection } from '../../definition.js';
import type { Row, TableSpec } from '../../tables.js';
import { text, withStreamFacts } from '../grievances/facts.js';

export type ErFunnelTable = 'cases' | 'triages' | 'investigations' | 'finding_dates' | 'finding_counts' | 'disciplines' | 'closures' | 'grievants';

const findingCounts = (findings: readonly { readonly finding: FindingValue }[]): Row => ({
  substantiated: findings.filter((f) => f.finding === 'substantiated').length,
  unsubstantiated: findings.filter((f) => f.finding === 'unsubstantiated').length,
  inconclusive: findings.filter((f) => f.finding === 'inconclusive').length,
});

const factTable = <Name extends ErFunnelTable>(name: Name, columns: TableSpec['columns']) => ({ name, columns: { stream_id: 'text', ...columns }, primaryKey: ['stream_id'] }) as const;

/** One fact per case each, the latest standing. */
const FACTS = [
  factTable('triages', { triaged_on: 'date', route: 'text' }),
  factTable('investigations', { investigated_on: 'date' }),
  factTable('finding_dates', { findings_on: 'date' }),
  // Issued, then replaced by an appeal's decision.
  factTable('finding_counts', { substantiated: 'integer', unsubstantiated: 'integer', inconclusive: 'integer' }),
  factTable('closures', { closed_on: 'date' }),
];

/** Every discipline imposed, by the stream version of its event: the first is the funnel's stage, a later one does not move it. */
const DISCIPLINES = {
  name: 'disciplines',
  columns: { stream_id: 'text', stream_version: 'integer', discipline_on: 'date', discipline_level: 'text', disciplined_employee_id: 'text', disciplined_unit_id: 'text' },
  primaryKey: ['stream_id', 'stream_version'],
} as const;

export const erFunnelProjection = defineProjection<EmployeeRelationsEvent | GrievanceEvent, ErFunnelTable>({
  name: 'labor_er_funnel',
  version: 2,
  tables: [
    {
      name: 'cases',
      columns: { stream_id: 'text', case_id: 'text', channel: 'text', anonymous: 'boolean', respondent_unit_id: 'text', received_on: 'date' },
      primaryKey: ['stream_id'],
    },
    ...FACTS,
    DISCIPLINES,
    {
      name: 'grievants',
      columns: { employee_id: 'text', grievance_id: 'text', stream_id: 'text', unit_id: 'text', occurred_on: 'date', filed_on: 'date' },
      primaryKey: ['employee_id', 'grievance_id'],
    },
  ],
  streamColumn: {
    cases: 'stream_id',
    triages: 'stream_id',
    investigations: 'stream_id',
    finding_dates: 'stream_id',
    finding_counts: 'stream_id',
    disciplines: 'stream_id',
    closures: 'stream_id',
    grievants: 'stream_id',
  },
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
    ComplaintTriaged: ({ streamId, data }, rows) => rows.upsert('triages', { stream_id: streamId, triaged_on: data.occurredOn, route: data.route }),
    InvestigationOpened: ({ streamId, data }, rows) => rows.upsert('investigations', { stream_id: streamId, investigated_on: data.occurredOn }),
    async FindingsIssued({ streamId, data }, rows) {
      await rows.upsert('finding_dates', { stream_id: streamId, findings_on: data.occurredOn });
      await rows.upsert('finding_counts', { stream_id: streamId, ...findingCounts(data.findings) });
    },
    // An appeal decision replaces the findings; the stage was still reached when they were first issued.
    FindingsAppealDecided: ({ streamId, data }, rows) => rows.upsert('finding_counts', { stream_id: streamId, ...findingCounts(data.findings) }),
    DisciplineImposed: ({ streamId, streamVersion, data }, rows) =>
      rows.upsert('disciplines', {
        stream_id: streamId,
        stream_version: streamVersion,
        discipline_on: data.occurredOn,
        discipline_level: data.level,
        disciplined_employee_id: data.employeeId,
        disciplined_unit_id: data.unitId ?? null,
      }),
    EmployeeRelationsCaseClosed: ({ streamId, data }, rows) => rows.upsert('closures', { stream_id: streamId, closed_on: data.occurredOn }),
    EmployeeRelationsCaseReopened: ({ streamId }, rows) => rows.delete('closures', { stream_id: streamId }),
    async GrievanceFiled({ streamId, data }, rows) {
      if (data.grievant.kind !== 'individual') return;
      for (const employeeId of data.grievant.employeeIds) {
        await rows.upsert('grievants', { employee_id: employeeId, grievance_id: data.grievanceId, stream_id: streamId, unit_id: data.unitId, occurred_on: data.occurredOn, filed_on: data.filedOn });
      }
    },
  },
});

/** One row per ER case: its receipt, every later fact (null where none) and its first discipline. */
export const erCaseRows = (tables: { readonly [Table in ErFunnelTable]: readonly Row[] }): Row[] => {
  // Rows come in key order, so a stream's first discipline is the first of its rows.
  const firstDisciplines = new Map<string, Row>();
  for (const row of tables.disciplines) if (!firstDisciplines.has(text(row, 'stream_id'))) firstDisciplines.set(text(row, 'stream_id'), row);
  const facts = [...FACTS.map((spec) => ({ spec, rows: tables[spec.name] })), { spec: DISCIPLINES, rows: [...firstDisciplines.values()] }];
  return withStreamFacts(tables.cases, facts).map(({ stream_version: _version, ...row }) => row);
};
