/**
 * Grievances: each case is filed on a business date and then moves one act at a time, each act chosen from the
 * case's state as the decider left it (the step it is at, the deadlines it has open) and run on its own business
 * date from the agenda. Mostly parties act on or before their deadlines; some meetings and answers come late, some
 * answers never come (the scheduler records the lapse), some appeals and arbitration notices are let lapse (deemed
 * settled or waived as the edition says), some deadlines are extended by both sides, some cases wait in abeyance,
 * some settle or are withdrawn, some go to arbitration and an award. Snow days move open deadlines through the
 * calendar → grievance process manager.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { addDays, eachDate, toDayNumber, fromDayNumber, type CommandResult, type Provenance, type StoredEvent } from '@laborcase/core';
import { schoolYearOf } from '@laborcase/domain';
import { calendarTimeline, currentCalendar, schoolYearsFromTo, shiftSchoolYear, type WorkCalendarEvent, type WorkCalendarState } from '@laborcase/domain/calendar';
import { onCalendarChanged } from '@laborcase/domain/calendar-to-grievance';
import { recalculableDeadlines, type ClosureOutcome, type DeadlineKind, type FiledGrievance, type GrievanceState, type StepDisposition } from '@laborcase/domain/grievance';
import { must } from './must.js';
import { addWeekdays, later, weekdayOnOrAfter } from './dates.js';
import { isStudentDay, type GeneratedCalendar } from './calendars.js';
import { DISTRICT_ID, SCHOOLS, UNITS, unitProfile, type KnownWorld, type UnitProfile } from './district.js';
import type { GrievanceDriver } from './grievanceDriver.js';
import type { Random } from './random.js';
import type { Agenda } from './scheduler.js';

export interface GrievanceFiling {
  readonly grievanceId: string;
  readonly unit: UnitProfile;
  readonly grievant: { readonly kind: 'individual'; readonly employeeIds: string[] } | { readonly kind: 'class'; readonly memberCount: number; readonly description: string } | { readonly kind: 'association' };
  readonly articleKey: string;
  readonly occurredOn: string;
  readonly discoveredOn?: string;
  readonly filedOn: string;
  readonly schoolId: string;
  readonly remedySought: string;
  /** Ties the case's commands together (an ER case id for a grievance over discipline). */
  readonly correlationId: string;
}

export interface GrievanceStats {
  filed: number;
  readonly outcomes: Partial<Record<ClosureOutcome, number>>;
  readonly kinds: Record<'individual' | 'class' | 'association', number>;
  recalculated: number;
  extended: number;
  abeyances: number;
  lapses: number;
}

export const emptyGrievanceStats = (): GrievanceStats => ({ filed: 0, outcomes: {}, kinds: { individual: 0, class: 0, association: 0 }, recalculated: 0, extended: 0, abeyances: 0, lapses: 0 });

interface Case {
  readonly filing: GrievanceFiling;
  state: FiledGrievance;
  /** The business date the case's next act may not precede. */
  lastDate: string;
  usedAbeyance: boolean;
  readonly extendedSteps: Set<string>;
}

export interface GrievanceSimulationOptions {
  readonly driver: GrievanceDriver;
  readonly world: KnownWorld;
  readonly random: Random;
  readonly agenda: Agenda;
  readonly advanceTo: (date: string) => void;
  /** No act is dated after this day; cases still open then stay open. */
  readonly endOn: string;
  readonly stats: GrievanceStats;
}

const LABOR_RELATIONS: Provenance = { actorId: 'ecps.labor-relations', role: 'labor-relations' };
const SCHEDULER: Provenance = { actorId: 'deadline-scheduler', role: 'system' };
const CALENDAR_PM: Provenance = { actorId: 'calendar-deadline-recalculation', role: 'process-manager' };
const ARBITRATORS = ['Arbitrator R. Delgado (AAA)', 'Arbitrator M. Osei (AAA)', 'Arbitrator J. Brennan (FMCS)', 'Arbitrator S. Nakamura (AAA)', 'Arbitrator L. Haddad (FMCS)'];

const associationOf = (unit: UnitProfile): Provenance => ({ actorId: `${unit.unitId}.grievance-chair`, role: 'association-rep' });
const hearerOf = (state: FiledGrievance, stepId: string): Provenance => {
  const hearer = state.procedure.steps.find((s) => s.id === stepId)?.hearer ?? 'management';
  return { actorId: `ecps.${hearer.toLowerCase().replace(/[^a-z]+/g, '-')}`, role: hearer };
};

export const createGrievanceSimulation = (options: GrievanceSimulationOptions) => {
  const { driver, world, random, agenda, advanceTo, endOn, stats } = options;
  const open = new Map<string, Case>();

  /** A weekday uniformly between `first` and `last` (`first` when the range is empty). */
  const between = (first: string, last: string): string => {
    const from = toDayNumber(weekdayOnOrAfter(first));
    const to = toDayNumber(last);
    return to <= from ? fromDayNumber(from) : weekdayOnOrAfter(fromDayNumber(random.int(from, to)));
  };

  const at = (date: string, act: (date: string) => Promise<void>): void => {
    if (date > endOn) return;
    agenda.at(date, async () => {
      advanceTo(date);
      await act(date);
    });
  };

  const openDeadline = (state: FiledGrievance, kind: DeadlineKind) => state.deadlines.find((d) => d.kind === kind && d.status === 'open');

  const applied = (c: Case, result: CommandResult<GrievanceState>, date: string): void => {
    c.lastDate = later(c.lastDate, date);
    const state = result.state;
    if (state.status === 'notFiled') return;
    c.state = state;
    if (state.status === 'closed') {
      open.delete(state.grievanceId);
      const outcome = state.closure?.outcome;
      if (outcome !== undefined) stats.outcomes[outcome] = (stats.outcomes[outcome] ?? 0) + 1;
      return;
    }
    planNext(c);
  };

  type Operation = keyof GrievanceDriver;
  const send = async (c: Case, operation: Operation, input: object, actor: Provenance, date: string): Promise<void> => {
    const call = driver[operation] as (id: string, input: unknown, actor: Provenance, options: { correlationId: string }) => ReturnType<GrievanceDriver['file']>;
    const result = await must(`${c.filing.grievanceId} ${operation} on ${date}`, call(c.filing.grievanceId, input, actor, { correlationId: c.filing.correlationId }));
    applied(c, result, date);
  };

  /** The scheduler records a lapse the weekday after the due date, as the due date stands then. */
  const lapseOf = (c: Case, kind: DeadlineKind, date: string): Promise<void> => {
    const deadline = openDeadline(c.state, kind);
    if (deadline === undefined || c.state.status !== 'open') {
      planNext(c);
      return Promise.resolve();
    }
    if (deadline.dueOn >= date) {
      at(addWeekdays(deadline.dueOn, 1), (d) => lapseOf(c, kind, d));
      return Promise.resolve();
    }
    stats.lapses++;
    return send(c, 'recordLapse', { deadlineId: deadline.deadlineId, asOf: date }, SCHEDULER, date);
  };

  const settle = (c: Case, date: string) =>
    send(
      c,
      'settle',
      random.chance(0.6)
        ? { settledOn: date, settlementType: 'monetary', terms: 'Back pay for the hours in dispute', amountCents: random.int(20, 400) * 10_000 }
        : { settledOn: date, settlementType: random.pick(['nonMonetary', 'policyChange', 'training', 'apology'] as const), terms: 'Parties agree on corrective steps; no precedent' },
      LABOR_RELATIONS,
      date,
    );
  const withdraw = (c: Case, date: string) => send(c, 'withdraw', { withdrawnOn: date, reason: 'Withdrawn by the association after review' }, associationOf(c.filing.unit), date);

  // Higher steps grant less; a final answer (ECAP's Step III) is more often a compromise.
  const dispositionFor = (level: number): StepDisposition =>
    random.weighted(level === 1 ? { granted: 0.22, grantedInPart: 0.2, denied: 0.58 } : level === 2 ? { granted: 0.15, grantedInPart: 0.2, denied: 0.65 } : { granted: 0.1, grantedInPart: 0.35, denied: 0.55 });

  const planStep = (c: Case, state: FiledGrievance, stage: Extract<FiledGrievance['stage'], { kind: 'step' }>): void => {
    const today = c.lastDate;
    const step = state.procedure.steps.find((s) => s.id === stage.stepId);
    if (step === undefined) throw new Error(`${state.grievanceId}: no step ${stage.stepId}`);
    const hearer = hearerOf(state, step.id);
    if (stage.answer === undefined && !stage.answerOverdue) {
      if (step.meetWithin !== undefined && stage.meetingOn === undefined) {
        const meet = openDeadline(state, 'meet');
        const scheduledOn = addWeekdays(today, random.int(1, 3));
        const dueOn = meet?.dueOn ?? addWeekdays(scheduledOn, 5);
        const meetingOn = random.chance(0.92) ? between(addWeekdays(scheduledOn, 1), dueOn) : addWeekdays(later(dueOn, scheduledOn), random.int(1, 5));
        at(scheduledOn, async (date) => {
          await send(c, 'scheduleMeeting', { stepId: step.id, meetingOn, scheduledOn: date }, hearer, date);
        });
        // The answer comes on or after the meeting.
        c.lastDate = later(c.lastDate, meetingOn);
        return;
      }
      const answer = openDeadline(state, 'answer');
      const dueOn = answer?.dueOn ?? addWeekdays(today, 10);
      const start = addWeekdays(today, 1);
      const roll = random.next();
      if (roll < 0.06) return at(between(start, dueOn), (d) => settle(c, d));
      if (roll < 0.09) return at(between(start, dueOn), (d) => withdraw(c, d));
      if (roll < 0.11 && !c.usedAbeyance) {
        c.usedAbeyance = true;
        stats.abeyances++;
        return at(addWeekdays(today, random.int(1, 5)), (d) => send(c, 'placeInAbeyance', { placedOn: d, reason: 'Parties await a related arbitration award' }, LABOR_RELATIONS, d));
      }
      if (roll < 0.15 && answer !== undefined && !c.extendedSteps.has(step.id) && dueOn > start) {
        c.extendedSteps.add(step.id);
        return at(between(start, addDays(dueOn, -1)), async (d) => {
          const current = openDeadline(c.state, 'answer');
          if (current === undefined || current.dueOn < d) return planNext(c);
          stats.extended++;
          const signedBy = { association: associationOf(c.filing.unit).actorId, management: hearer.actorId };
          await send(c, 'extend', { deadlineId: current.deadlineId, newDueOn: addWeekdays(current.dueOn, random.int(5, 10)), agreedOn: d, signedBy }, LABOR_RELATIONS, d);
        });
      }
      if (roll < 0.25 && answer !== undefined) return at(addWeekdays(dueOn, 1), (d) => lapseOf(c, 'answer', d));
      const answeredOn = random.chance(0.93) ? between(later(today, stage.meetingOn ?? today), dueOn) : addWeekdays(later(dueOn, today), random.int(1, 5));
      const disposition = dispositionFor(step.level);
      return at(answeredOn, (d) => send(c, 'answer', { stepId: step.id, disposition, answeredOn: d, reason: reasonFor(disposition, c.filing.articleKey) }, hearer, d));
    }
    const start = addWeekdays(today, 1);
    const appeal = openDeadline(state, 'appeal');
    if (appeal !== undefined) {
      const roll = random.next();
      if (roll < 0.55 && appeal.dueOn >= start) return at(between(start, appeal.dueOn), (d) => send(c, 'appeal', { fromStepId: step.id, appealedOn: d }, associationOf(c.filing.unit), d));
      if (roll < 0.65) return at(between(start, later(appeal.dueOn, start)), (d) => settle(c, d));
      if (roll < 0.72) return at(between(start, later(appeal.dueOn, start)), (d) => withdraw(c, d));
      return at(addWeekdays(later(appeal.dueOn, today), 1), (d) => lapseOf(c, 'appeal', d));
    }
    const notice = openDeadline(state, 'arbitrationNotice');
    if (notice !== undefined) {
      const roll = random.next();
      if (roll < 0.4 && notice.dueOn >= start) return at(between(start, notice.dueOn), (d) => send(c, 'demandArbitration', { demandedOn: d, demandedBy: 'association' }, associationOf(c.filing.unit), d));
      if (roll < 0.5) return at(between(start, later(notice.dueOn, start)), (d) => settle(c, d));
      if (roll < 0.55) return at(between(start, later(notice.dueOn, start)), (d) => withdraw(c, d));
      return at(addWeekdays(later(notice.dueOn, today), 1), (d) => lapseOf(c, 'arbitrationNotice', d));
    }
    // No clock runs (an overdue answer the grievant may not appeal yet): management answers late.
    const disposition = dispositionFor(step.level);
    return at(addWeekdays(today, random.int(1, 10)), (d) => send(c, 'answer', { stepId: step.id, disposition, answeredOn: d, reason: reasonFor(disposition, c.filing.articleKey) }, hearer, d));
  };

  const planArbitration = (c: Case, stage: Extract<FiledGrievance['stage'], { kind: 'arbitration' }>): void => {
    const today = c.lastDate;
    if (stage.arbitrator === undefined) {
      if (random.chance(0.12)) return at(addWeekdays(today, random.int(5, 20)), (d) => settle(c, d));
      const arbitrator = random.pick(ARBITRATORS);
      return at(addWeekdays(today, random.int(5, 20)), (d) => send(c, 'selectArbitrator', { arbitrator, selectedOn: d }, LABOR_RELATIONS, d));
    }
    if (stage.hearingClosedOn === undefined) {
      const roll = random.next();
      if (roll < 0.22) return at(addWeekdays(today, random.int(10, 40)), (d) => settle(c, d));
      if (roll < 0.27) return at(addWeekdays(today, random.int(10, 40)), (d) => withdraw(c, d));
      return at(addWeekdays(today, random.int(20, 60)), (d) => send(c, 'closeHearing', { closedOn: d }, { actorId: 'arbitrator', role: 'arbitrator' }, d));
    }
    const due = openDeadline(c.state, 'award')?.dueOn ?? addDays(today, 30);
    const issuedOn = random.chance(0.9) ? between(addWeekdays(today, 1), due) : addWeekdays(due, random.int(1, 8));
    const decision = random.weighted({ sustained: 0.3, sustainedInPart: 0.3, denied: 0.4 });
    const remedy = decision === 'denied' ? {} : { remedy: decision === 'sustained' ? 'Make the grievant whole' : 'Partial back pay; future compliance' };
    return at(issuedOn, (d) => send(c, 'recordAward', { issuedOn: d, decision, ...remedy }, { actorId: 'arbitrator', role: 'arbitrator' }, d));
  };

  const planNext = (c: Case): void => {
    const state = c.state;
    if (state.status === 'closed') return;
    if (state.status === 'inAbeyance') {
      return at(addWeekdays(c.lastDate, random.int(10, 40)), (d) => send(c, 'resume', { resumedOn: d }, LABOR_RELATIONS, d));
    }
    return state.stage.kind === 'step' ? planStep(c, state, state.stage) : planArbitration(c, state.stage);
  };

  /** Schedules the filing on its date; the case then plans its own acts. */
  const scheduleFiling = (filing: GrievanceFiling): void => {
    if (filing.filedOn > endOn) return;
    agenda.at(filing.filedOn, async () => {
      advanceTo(filing.filedOn);
      const edition = world.editionOn(filing.unit.unitId, filing.occurredOn);
      if (edition === undefined) throw new Error(`${filing.grievanceId}: no ${filing.unit.unitId} edition covers ${filing.occurredOn}`);
      const input = {
        grievant: filing.grievant,
        agreement: { unitId: filing.unit.unitId, editionId: edition.editionId },
        articleKeys: [filing.articleKey],
        occurredOn: filing.occurredOn,
        ...(filing.discoveredOn === undefined ? {} : { discoveredOn: filing.discoveredOn }),
        filedOn: filing.filedOn,
        remedySought: filing.remedySought,
        schoolIds: [filing.schoolId],
      };
      const result = await must(`${filing.grievanceId} file`, driver.file(filing.grievanceId, input, associationOf(filing.unit), { correlationId: filing.correlationId }));
      if (result.state.status === 'notFiled') throw new Error(`${filing.grievanceId} was not filed`);
      stats.filed++;
      stats.kinds[filing.grievant.kind]++;
      const c: Case = { filing, state: result.state as FiledGrievance, lastDate: filing.filedOn, usedAbeyance: false, extendedSteps: new Set() };
      open.set(filing.grievanceId, c);
      applied(c, result, filing.filedOn);
    });
  };

  /**
   * The calendar → grievance process manager after a calendar event (adoption or snow day): every open case's
   * deadlines counted on an older version of that calendar are recounted, through the grievance operation.
   */
  const onCalendarEvent = async (stored: StoredEvent, stateAfter: WorkCalendarState): Promise<void> => {
    const event = { type: stored.type, data: stored.data } as WorkCalendarEvent;
    const schoolYear = currentCalendar(stateAfter)?.schoolYear ?? schoolYearOf(stored.metadata.effectiveOn);
    const entries = schoolYearsFromTo(shiftSchoolYear(schoolYear, -1), shiftSchoolYear(schoolYear, 1)).map((year) => {
      const known = world.calendar(year);
      const calendar = known === undefined ? undefined : currentCalendar(known);
      return calendar === undefined ? { schoolYear: year } : { schoolYear: year, calendar };
    });
    const timeline = calendarTimeline(DISTRICT_ID, entries);
    if (isLeft(timeline)) throw new Error(`timeline around ${schoolYear}: ${timeline.left.message}`);
    for (const c of [...open.values()]) {
      const plan = onCalendarChanged(event, stateAfter, recalculableDeadlines(c.state), timeline.right);
      for (const { type: _type, streamId: _streamId, ...instruction } of plan.recalculations) {
        const result = await must(
          `${c.filing.grievanceId} recalculateDeadline`,
          driver.recalculateDeadline(c.filing.grievanceId, { ...instruction, calendarChangedOn: stored.metadata.effectiveOn }, CALENDAR_PM, {
            commandId: `${stored.eventId}/${instruction.deadlineId}`,
            correlationId: stored.eventId,
          }),
        );
        stats.recalculated += result.events.length > 0 ? 1 : 0;
        if (result.state.status !== 'notFiled') c.state = result.state as FiledGrievance;
      }
    }
  };

  return { scheduleFiling, onCalendarEvent, openCases: () => open.size };
};

const reasonFor = (disposition: StepDisposition, articleKey: string): string =>
  disposition === 'granted'
    ? `The practice departed from the ${articleKey} article; remedy granted`
    : disposition === 'grantedInPart'
      ? `Partly within the ${articleKey} article; remedy granted in part`
      : `No violation of the ${articleKey} article was shown`;

/** A filing's grievant: mostly individuals, some class grievances (where the edition provides them), some by the association. */
const grievantFor = (random: Random, unit: UnitProfile, employee: () => string): GrievanceFiling['grievant'] => {
  const kind = random.weighted({ individual: 0.75, class: unit.class ? 0.12 : 0, association: 0.13 });
  if (kind === 'individual') return { kind, employeeIds: random.chance(0.9) ? [employee()] : [employee(), employee()] };
  if (kind === 'class') return { kind, memberCount: random.int(3, 60), description: 'Unit members affected by the same practice' };
  return { kind };
};

/** An article drawn with falling weights (the first grieved most), so recurring topics stand out year after year. */
const articleFor = (random: Random, unit: UnitProfile): string => {
  const weights = Object.fromEntries(unit.grievedArticles.map((key, i) => [key, 1 / (i + 1)])) as Record<string, number>;
  return random.weighted(weights);
};

const schoolFor = (random: Random): string => random.pick(SCHOOLS);

/**
 * A school year's `count` filings (ids and correlation ids still to assign), in filing order: units by their share,
 * occurring on student days, some discovered later, filed 1–12 days after.
 */
export const filingsOfYear = (
  random: Random,
  calendar: GeneratedCalendar,
  count: number,
  employeeOf: (unitId: string) => string,
): Omit<GrievanceFiling, 'grievanceId' | 'correlationId'>[] => {
  const studentDays = eachDate(calendar.adoption.firstStudentDay, calendar.adoption.lastStudentDay).filter((d) => isStudentDay(calendar, d));
  const shares = Object.fromEntries(UNITS.map((u) => [u.unitId, u.share])) as Record<string, number>;
  const filings: Omit<GrievanceFiling, 'grievanceId' | 'correlationId'>[] = [];
  for (let n = 0; n < count; n++) {
    const unit = unitProfile(random.weighted(shares));
    const occurredOn = random.pick(studentDays);
    const discoveredOn = random.chance(0.08) ? weekdayOnOrAfter(addDays(occurredOn, random.int(1, 6))) : undefined;
    const filedOn = weekdayOnOrAfter(addDays(discoveredOn ?? occurredOn, random.int(1, 12)));
    const articleKey = articleFor(random, unit);
    filings.push({
      unit,
      grievant: grievantFor(random, unit, () => employeeOf(unit.unitId)),
      articleKey,
      occurredOn,
      ...(discoveredOn === undefined ? {} : { discoveredOn }),
      filedOn,
      schoolId: schoolFor(random),
      remedySought: `Comply with the ${articleKey} article and make affected members whole`,
    });
  }
  return filings.sort((a, b) => (a.filedOn < b.filedOn ? -1 : a.filedOn > b.filedOn ? 1 : 0));
};
