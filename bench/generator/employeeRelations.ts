/**
 * Employee-relations cases (complaints and investigations) through the employee-relations service: received by
 * channel (some anonymous), triaged, investigated (conflict check, interim action, interviews), findings per
 * allegation, sometimes an appeal of the findings, discipline when something is substantiated, closure. The
 * discipline → grievance process manager offers the respondent's union a grievance, and some unions file one.
 */
import { addDays, type Provenance } from '@laborcase/core';
import type { EmployeeRelationsService } from '@laborcase/domain';
import { disciplineToGrievanceOption, type EmployeeRelationsEvent, type FindingValue } from '@laborcase/domain/employee-relations';
import { must } from './must.js';
import { addWeekdays } from './dates.js';
import { UNITS, unitProfile } from './district.js';
import type { GrievanceFiling } from './grievances.js';
import type { Random } from './random.js';
import type { Agenda } from './scheduler.js';

export interface EmployeeRelationsStats {
  cases: number;
  anonymous: number;
  investigated: number;
  disciplined: number;
  grievancesOverDiscipline: number;
}

export const emptyEmployeeRelationsStats = (): EmployeeRelationsStats => ({ cases: 0, anonymous: 0, investigated: 0, disciplined: 0, grievancesOverDiscipline: 0 });

export interface EmployeeRelationsSimulationOptions {
  readonly service: EmployeeRelationsService;
  readonly random: Random;
  readonly agenda: Agenda;
  readonly advanceTo: (date: string) => void;
  readonly endOn: string;
  readonly stats: EmployeeRelationsStats;
  /** Files the grievance a union brings over discipline (the grievance simulation's filing). */
  readonly fileGrievance: (filing: GrievanceFiling) => void;
  /** The next grievance id of a unit in the school year of a date. */
  readonly nextGrievanceId: (unitId: string, filedOn: string) => string;
  readonly employeeOf: (unitId: string) => string;
}

const OFFICE: Provenance = { actorId: 'ecps.employee-relations', role: 'employee-relations' };
const ACTOR = OFFICE.actorId;
const INVESTIGATORS = ['INV-Okonkwo', 'INV-Marsh', 'INV-Patel', 'INV-Romero'];
const SUMMARIES = [
  'demeaning remarks to staff',
  'retaliatory duty assignments',
  'inconsistent approval of leave',
  'unsafe handling of student discipline',
  'falsified time records',
  'harassment of a colleague',
  'misuse of district equipment',
];

type Step = readonly [date: string, what: string, send: () => Promise<readonly EmployeeRelationsEvent[]>];

export const createEmployeeRelationsSimulation = (options: EmployeeRelationsSimulationOptions) => {
  const { service, random, agenda, advanceTo, endOn, stats } = options;

  const call =
    (caseId: string, operation: keyof Omit<EmployeeRelationsService, 'get'>, input: object) =>
    async (): Promise<readonly EmployeeRelationsEvent[]> => {
      const op = service[operation] as (id: string, input: unknown, actor: Provenance) => ReturnType<EmployeeRelationsService['closeCase']>;
      const result = await must(`${caseId} ${operation}`, op(caseId, input, OFFICE));
      return result.events.map((e) => ({ type: e.type, data: e.data }) as EmployeeRelationsEvent);
    };

  /** A case's acts, decided when the complaint arrives and run on their dates. */
  const scheduleCase = (caseId: string, receivedOn: string): void => {
    const channel = random.weighted({ adminComplaint: 0.4, misconductAllegation: 0.45, hotline: 0.15 });
    const anonymous = random.chance(channel === 'hotline' ? 0.7 : 0.08);
    const unit = random.chance(0.95) ? random.weighted({ ecea: 0.6, ecssu: 0.3, ecap: 0.1 }) : undefined;
    const hasRespondent = channel === 'misconductAllegation' || random.chance(0.8);
    const respondent = hasRespondent ? { employeeId: options.employeeOf(unit ?? 'ecps'), ...(unit === undefined ? {} : { unitId: unit }), role: unit === undefined ? 'contractor' : `${unit} member` } : undefined;
    const allegations = Array.from({ length: random.int(1, 3) }, (_, i) => ({ allegationId: `A${i + 1}`, summary: random.pick(SUMMARIES), ...(random.chance(0.5) ? { policyRef: 'GCB' } : {}) }));
    const on = (occurredOn: string) => ({ occurredOn, actor: ACTOR });

    let day = receivedOn;
    const next = (min: number, max: number) => (day = addWeekdays(day, random.int(min, max)));
    const steps: Step[] = [];
    steps.push([day, 'receive', call(caseId, 'receiveComplaint', {
      channel,
      anonymous,
      ...(anonymous ? {} : { complainant: options.employeeOf('ecps') }),
      ...(respondent === undefined ? {} : { respondent }),
      allegations,
      ...on(day),
    })]);
    const route = random.weighted({ investigation: hasRespondent ? 0.6 : 0, informalResolution: 0.15, administrativeReview: 0.1, referred: 0.05, noAction: 0.1 });
    steps.push([next(1, 3), 'triage', call(caseId, 'triageComplaint', { route, reason: `routed to ${route}`, ...(route === 'referred' ? { referredTo: 'Office of Civil Rights compliance' } : {}), ...on(day) })]);
    let disposition = `closed after ${route}`;
    if (route === 'investigation') {
      const checkedOn = next(1, 2);
      steps.push([next(0, 2), 'open', call(caseId, 'openInvestigation', { investigator: random.pick(INVESTIGATORS), conflictCheck: { cleared: true, checkedOn, disclosures: [] }, ...on(day) })]);
      if (random.chance(0.3)) steps.push([day, 'interim', call(caseId, 'takeInterimAction', { action: random.pick(['noContactDirective', 'reassignment', 'administrativeLeave'] as const), description: 'pending the investigation', ...on(day) })]);
      const interviews: { interviewee: string; role: 'complainant' | 'witness' | 'respondent' }[] = [
        ...(anonymous ? [] : [{ interviewee: options.employeeOf('ecps'), role: 'complainant' as const }]),
        ...Array.from({ length: random.int(0, 2) }, () => ({ interviewee: options.employeeOf('ecps'), role: 'witness' as const })),
        ...(respondent === undefined ? [] : [{ interviewee: respondent.employeeId, role: 'respondent' as const }]),
      ];
      interviews.forEach((interview, i) => steps.push([next(2, 6), 'interview', call(caseId, 'recordInterview', { interviewId: `${caseId}-I${i + 1}`, ...interview, ...on(day) })]));
      let findings = allegations.map((a) => ({ allegationId: a.allegationId, finding: random.weighted<FindingValue>({ substantiated: 0.35, unsubstantiated: 0.4, inconclusive: 0.25 }) }));
      steps.push([next(10, 25), 'findings', call(caseId, 'issueFindings', { findings, ...on(day) })]);
      let substantiated = findings.filter((f) => f.finding === 'substantiated').map((f) => f.allegationId);
      if (substantiated.length > 0 && respondent !== undefined && random.chance(0.08)) {
        steps.push([next(3, 8), 'appeal', call(caseId, 'appealFindings', { appellant: 'respondent', grounds: 'the witnesses were not credible', ...on(day) })]);
        const reversed = random.chance(0.3);
        if (reversed) findings = findings.map((f) => ({ ...f, finding: 'unsubstantiated' as const }));
        steps.push([next(10, 20), 'appeal decided', call(caseId, 'decideFindingsAppeal', reversed ? { outcome: 'reversed', revisedFindings: findings, ...on(day) } : { outcome: 'upheld', ...on(day) })]);
        if (reversed) substantiated = [];
      }
      disposition = substantiated.length > 0 ? `substantiated: ${substantiated.join(', ')}` : 'not substantiated';
      if (substantiated.length > 0 && respondent !== undefined && random.chance(0.75)) {
        const level = random.weighted({ verbalWarning: 0.3, writtenReprimand: 0.4, suspensionWithoutPay: 0.2, demotion: 0.04, termination: 0.06 });
        const imposedOn = next(2, 6);
        const discipline = call(caseId, 'imposeDiscipline', { disciplineId: `${caseId}-D1`, level, allegationIds: substantiated, effectiveOn: addDays(imposedOn, 1), ...on(imposedOn) });
        steps.push([imposedOn, 'discipline', async () => {
          const events = await discipline();
          stats.disciplined++;
          for (const offer of events.flatMap((event) => disciplineToGrievanceOption(caseId, event))) grieveDiscipline(caseId, offer.unitId, offer.employeeId, offer.imposedOn);
          return events;
        }]);
        disposition = `${disposition}; ${level}`;
      }
    }
    steps.push([next(2, 10), 'close', call(caseId, 'closeCase', { disposition, ...on(day) })]);

    stats.cases++;
    if (anonymous) stats.anonymous++;
    if (route === 'investigation') stats.investigated++;
    for (const [date, , send] of steps) {
      if (date > endOn) break;
      agenda.at(date, async () => {
        advanceTo(date);
        await send();
      });
    }
  };

  /** The union of a disciplined member files a grievance over it (some of the time), citing its discipline article. */
  const grieveDiscipline = (caseId: string, unitId: string, employeeId: string, imposedOn: string): void => {
    if (!UNITS.some((u) => u.unitId === unitId) || !random.chance(0.4)) return;
    const unit = unitProfile(unitId);
    const filedOn = addWeekdays(imposedOn, random.int(2, 8));
    if (filedOn > endOn) return;
    stats.grievancesOverDiscipline++;
    options.fileGrievance({
      grievanceId: options.nextGrievanceId(unitId, filedOn),
      unit,
      grievant: { kind: 'individual', employeeIds: [employeeId] },
      articleKey: unit.disciplineArticle,
      occurredOn: imposedOn,
      filedOn,
      schoolId: 'central-office',
      remedySought: 'Rescind the discipline and remove it from the personnel file',
      correlationId: caseId,
    });
  };

  return { scheduleCase };
};
