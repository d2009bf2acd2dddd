import type { GrievanceProcedure } from '../agreement/procedure.js';
import type { DeadlineRule } from '../calendar/deadline.js';
import type { CitedArticle, ClosureOutcome, DeadlineKind, DeadlineParty, Grievant, StepDisposition } from './events.js';

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
  readonly rule: DeadlineRule;
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
  readonly procedure: GrievanceProcedure;
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
