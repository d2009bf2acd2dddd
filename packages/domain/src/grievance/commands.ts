/**
 * Grievance commands. The decider cannot load other aggregates, so commands that need contract or calendar
 * facts carry them: the caller loads the agreement edition in force on the occurrence date and the calendar
 * version to count on (usually the current one).
 */
import type { AgreementState } from '../agreement/state.js';
import type { CalendarVersion } from '../calendar/calendarVersion.js';
import type { RecalculateDeadline } from '../calendar/recalculation.js';
import type { AwardDecision, ExtensionSignatures, Grievant, SettlementType, StepDisposition } from './events.js';

export interface FileGrievance {
  readonly type: 'FileGrievance';
  readonly grievanceId: string;
  readonly grievant: Grievant;
  /** The edition in force on `occurredOn` (see `editionInForceOn`); articles and procedure are read from it. */
  readonly agreement: AgreementState;
  readonly articleKeys: readonly string[];
  readonly occurredOn: string;
  readonly discoveredOn?: string;
  readonly filedOn: string;
  readonly remedySought: string;
  readonly continuingViolation?: boolean;
  readonly schoolIds?: readonly string[];
  readonly calendar: CalendarVersion;
}

export interface ScheduleStepMeeting {
  readonly type: 'ScheduleStepMeeting';
  readonly stepId: string;
  readonly meetingOn: string;
  readonly scheduledOn: string;
  readonly calendar: CalendarVersion;
}

export interface RecordStepAnswer {
  readonly type: 'RecordStepAnswer';
  readonly stepId: string;
  readonly disposition: StepDisposition;
  readonly answeredOn: string;
  readonly reason: string;
  readonly calendar: CalendarVersion;
}

export interface AppealToNextStep {
  readonly type: 'AppealToNextStep';
  readonly fromStepId: string;
  readonly appealedOn: string;
  readonly calendar: CalendarVersion;
}

/** Issued by the deadline scheduler once `asOf` is past a deadline's due date. */
export interface RecordDeadlineLapse {
  readonly type: 'RecordDeadlineLapse';
  readonly deadlineId: string;
  readonly asOf: string;
  readonly calendar: CalendarVersion;
}

export interface AgreeExtension {
  readonly type: 'AgreeExtension';
  readonly deadlineId: string;
  readonly newDueOn: string;
  readonly agreedOn: string;
  /** Both signatures are required; a missing or blank one is rejected. */
  readonly signedBy: Partial<ExtensionSignatures>;
}

export interface PlaceInAbeyance {
  readonly type: 'PlaceInAbeyance';
  readonly placedOn: string;
  readonly reason: string;
}

export interface ResumeGrievance {
  readonly type: 'ResumeGrievance';
  readonly resumedOn: string;
  readonly calendar: CalendarVersion;
}

export interface WithdrawGrievance {
  readonly type: 'WithdrawGrievance';
  readonly withdrawnOn: string;
  readonly reason: string;
}

export interface SettleGrievance {
  readonly type: 'SettleGrievance';
  readonly settledOn: string;
  readonly settlementType: SettlementType;
  readonly terms: string;
  readonly amountCents?: number;
}

export interface DemandArbitration {
  readonly type: 'DemandArbitration';
  readonly demandedOn: string;
  /** Who sends the notice: only the association may invoke arbitration. */
  readonly demandedBy: 'association' | 'grievant';
}

export interface SelectArbitrator {
  readonly type: 'SelectArbitrator';
  readonly arbitrator: string;
  readonly selectedOn: string;
}

export interface CloseArbitrationHearing {
  readonly type: 'CloseArbitrationHearing';
  readonly closedOn: string;
  readonly calendar: CalendarVersion;
}

export interface RecordAward {
  readonly type: 'RecordAward';
  readonly issuedOn: string;
  readonly decision: AwardDecision;
  readonly remedy?: string;
}

export type GrievanceCommand =
  | FileGrievance
  | ScheduleStepMeeting
  | RecordStepAnswer
  | AppealToNextStep
  | RecordDeadlineLapse
  | AgreeExtension
  | PlaceInAbeyance
  | ResumeGrievance
  | WithdrawGrievance
  | SettleGrievance
  | DemandArbitration
  | SelectArbitrator
  | CloseArbitrationHearing
  | RecordAward
  | RecalculateDeadline;
