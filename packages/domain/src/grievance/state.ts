/** The grievance's state, its initial value and `evolve` (how each event changes it). */
import type { CitedArticle, ClosureOutcome, DeadlineKind, DeadlineParty, GrievanceEvent, Grievant, StepDisposition } from './events.js';
import type { DeadlineRuleSnapshot, ProcedureSnapshot } from './procedureSnapshot.js';

/**
 * - `open`: waiting on someone; `tolled`: stopped while in abeyance; `met`/`missed`: settled for compliance
 *   counting; `moot`: still open when the grievance closed (nobody owes it any more).
 */
export type DeadlineStatus = 'open' | 'tolled' | 'met' | 'missed' | 'moot';

export interface TrackedDeadline {
  readonly deadlineId: string;
  readonly kind: DeadlineKind;
  readonly party: DeadlineParty;
  readonly stepId: string;
  readonly anchor: string;
  readonly dueOn: string;
  readonly rule: DeadlineRuleSnapshot;
  readonly status: DeadlineStatus;
  /** Set by a mutual extension: the due date is an agreed date, no longer counted from the anchor. */
  readonly extended: boolean;
  readonly tolledOn?: string;
}

export interface StepAnswer {
  readonly stepId: string;
  readonly disposition: StepDisposition;
  readonly answeredOn: string;
}

export type GrievanceStage =
  | {
      readonly kind: 'step';
      readonly stepId: string;
      readonly enteredOn: string;
      readonly meetingOn?: string;
      readonly answer?: StepAnswer;
      readonly answerOverdue: boolean;
      /** When the answer is overdue: its due date. Acting on the lapse is only possible after it. */
      readonly overdueAnswerDueOn?: string;
    }
  | {
      readonly kind: 'arbitration';
      readonly fromStepId: string;
      readonly demandedOn: string;
      readonly arbitrator?: string;
      readonly hearingClosedOn?: string;
    };

export interface FiledGrievance {
  readonly status: 'open' | 'inAbeyance' | 'closed';
  readonly grievanceId: string;
  readonly unitId: string;
  readonly agreementId: string;
  readonly editionId: string;
  readonly grievant: Grievant;
  readonly articles: readonly CitedArticle[];
  readonly occurredOn: string;
  readonly filedOn: string;
  readonly remedySought: string;
  readonly continuingViolation: boolean;
  /** Snapshot from the filing event: replays never need the agreement stream. */
  readonly procedure: ProcedureSnapshot;
  readonly stage: GrievanceStage;
  /** The most recent step answer (for `settledOnLastAnswer`). */
  readonly lastAnswer?: StepAnswer;
  /** Deadlines in the order they were scheduled. */
  readonly deadlines: readonly TrackedDeadline[];
  /** The latest business date any event recorded: later commands may not date themselves earlier. */
  readonly lastActivityOn: string;
  readonly abeyanceSince?: string;
  readonly closure?: { readonly closedOn: string; readonly outcome: ClosureOutcome; readonly resolvedAt: string };
}

export type GrievanceState = { readonly status: 'notFiled' } | FiledGrievance;

export const initialGrievanceState: GrievanceState = { status: 'notFiled' };

export const isFiled = (state: GrievanceState): state is FiledGrievance => state.status !== 'notFiled';

export const findDeadline = (state: FiledGrievance, deadlineId: string): TrackedDeadline | undefined =>
  state.deadlines.find((d) => d.deadlineId === deadlineId);

/** The pseudo step id arbitration deadlines are filed under. */
export const ARBITRATION_STAGE = 'arbitration';

/** Deadline ids are deterministic, so a replay or a retried command names the same deadline. */
export const deadlineIdFor = (grievanceId: string, stepId: string, kind: DeadlineKind): string => `${grievanceId}/${stepId}/${kind}`;

const later = (a: string, b: string): string => (a > b ? a : b);

const updateDeadline = (state: FiledGrievance, deadlineId: string, change: (d: TrackedDeadline) => TrackedDeadline): FiledGrievance => ({
  ...state,
  deadlines: state.deadlines.map((d) => (d.deadlineId === deadlineId ? change(d) : d)),
});

const touch = (state: FiledGrievance, date: string): FiledGrievance => ({ ...state, lastActivityOn: later(state.lastActivityOn, date) });

export const evolveGrievance = (state: GrievanceState, event: GrievanceEvent): GrievanceState => {
  if (event.type === 'GrievanceFiled') {
    const d = event.data;
    return {
      status: 'open',
      grievanceId: d.grievanceId,
      unitId: d.unitId,
      agreementId: d.agreementId,
      editionId: d.editionId,
      grievant: d.grievant,
      articles: d.articles,
      occurredOn: d.occurredOn,
      filedOn: d.filedOn,
      remedySought: d.remedySought,
      continuingViolation: d.continuingViolation,
      procedure: d.procedure,
      stage: { kind: 'step', stepId: d.entryStepId, enteredOn: d.filedOn, answerOverdue: false },
      deadlines: [],
      lastActivityOn: d.filedOn,
    };
  }
  if (!isFiled(state)) return state;
  switch (event.type) {
    case 'DeadlineScheduled':
      return { ...state, deadlines: [...state.deadlines, { ...event.data, status: 'open', extended: false }] };
    case 'DeadlineMet':
      // A future fulfilment (a scheduled meeting) must not block what may still happen before it.
      return touch(updateDeadline(state, event.data.deadlineId, (d) => ({ ...d, status: 'met' })), event.data.recordedOn ?? event.data.metOn);
    case 'DeadlineMissed':
      return updateDeadline(state, event.data.deadlineId, (d) => ({ ...d, status: 'missed' }));
    case 'DeadlineExtended':
      return touch(updateDeadline(state, event.data.deadlineId, (d) => ({ ...d, dueOn: event.data.newDueOn, extended: true })), event.data.agreedOn);
    case 'DeadlineRecalculated':
      return updateDeadline(state, event.data.deadlineId, (d) => ({ ...d, dueOn: event.data.newDueOn, rule: event.data.rule }));
    case 'DeadlineTolled':
      return updateDeadline(state, event.data.deadlineId, (d) => ({ ...d, status: 'tolled', tolledOn: event.data.tolledOn }));
    case 'DeadlineResumed':
      return updateDeadline(state, event.data.deadlineId, ({ tolledOn: _, ...d }) => ({
        ...d,
        status: 'open',
        anchor: event.data.anchor,
        dueOn: event.data.dueOn,
        rule: event.data.rule,
        extended: false,
      }));
    case 'StepMeetingScheduled':
      return state.stage.kind === 'step' ? touch({ ...state, stage: { ...state.stage, meetingOn: event.data.meetingOn } }, event.data.scheduledOn) : state;
    case 'StepAnswered': {
      if (state.stage.kind !== 'step') return state;
      const answer = { stepId: event.data.stepId, disposition: event.data.disposition, answeredOn: event.data.answeredOn };
      return touch({ ...state, stage: { ...state.stage, answer }, lastAnswer: answer }, event.data.answeredOn);
    }
    case 'StepAnswerOverdue':
      return state.stage.kind === 'step' ? { ...state, stage: { ...state.stage, answerOverdue: true, overdueAnswerDueOn: event.data.dueOn } } : state;
    case 'GrievanceAppealed':
      return touch(
        { ...state, stage: { kind: 'step', stepId: event.data.toStepId, enteredOn: event.data.appealedOn, answerOverdue: false } },
        event.data.appealedOn,
      );
    case 'GrievancePlacedInAbeyance':
      return touch({ ...state, status: 'inAbeyance', abeyanceSince: event.data.placedOn }, event.data.placedOn);
    case 'GrievanceResumed': {
      const { abeyanceSince: _, ...rest } = state;
      return touch({ ...rest, status: 'open' }, event.data.resumedOn);
    }
    case 'GrievanceWithdrawn':
      return touch(state, event.data.withdrawnOn);
    case 'GrievanceSettled':
      return touch(state, event.data.settledOn);
    case 'GrievanceDeemedWaived':
    case 'GrievanceDeemedSettledOnLastAnswer':
      return state;
    case 'ArbitrationDemanded':
      return touch({ ...state, stage: { kind: 'arbitration', fromStepId: event.data.fromStepId, demandedOn: event.data.demandedOn } }, event.data.demandedOn);
    case 'ArbitratorSelected':
      return state.stage.kind === 'arbitration' ? touch({ ...state, stage: { ...state.stage, arbitrator: event.data.arbitrator } }, event.data.selectedOn) : state;
    case 'ArbitrationHearingClosed':
      return state.stage.kind === 'arbitration' ? touch({ ...state, stage: { ...state.stage, hearingClosedOn: event.data.closedOn } }, event.data.closedOn) : state;
    case 'ArbitrationAwardIssued':
      return touch(state, event.data.issuedOn);
    case 'GrievanceClosed': {
      const { abeyanceSince: _, ...rest } = state;
      return touch(
        {
          ...rest,
          status: 'closed',
          closure: { ...event.data },
          deadlines: state.deadlines.map((d) => (d.status === 'open' || d.status === 'tolled' ? { ...d, status: 'moot' } : d)),
        },
        event.data.closedOn,
      );
    }
  }
};
