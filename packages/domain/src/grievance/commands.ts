/**
 * Grievance commands. Per command: the codec of what a caller supplies to the service (`…Input`, business input
 * only, unknown fields rejected), and the decider's command: that input plus `type` and what the service loads
 * (the agreement edition a filing cites, the calendar version deadlines are counted on).
 */
import * as t from 'io-ts';
import { IsoDate, NonNegativeInteger, strictCommand, taggedUnion } from '@laborcase/core';
import type { AgreementState } from '../agreement/index.js';
import type { DeadlineCalendar } from '../calendar/index.js';
import { AwardDecision, SettlementType, StepDisposition } from './events.js';
import { boundedArray, storableText } from './inputCodecs.js';
import { DeadlineRuleSnapshot } from './procedureSnapshot.js';

// Sizes are bounded so that no command can outgrow an event (1 MiB, whatever the characters' encoded size).
/** An identifier: a grievance, employee, step or school id, an article key, an arbitrator's name, a unit or edition. */
const Identifier = storableText('Identifier', 120);
/** A deadline id, `{grievanceId}/{stepId}/{kind}`. */
const DeadlineId = storableText('DeadlineId', 400);
/** Free text a person writes: a remedy, a reason, settlement terms. */
const Prose = storableText('Prose', 4000);
/** A signature or remedy that may be blank: the decider turns blanks into its own typed rejection. */
const OptionalText = storableText('Text', 4000, true);

export const GrievantInput = taggedUnion('Grievant', 'kind', {
  individual: strictCommand('IndividualGrievant', { kind: t.literal('individual'), employeeIds: boundedArray(Identifier, 200) }),
  class: strictCommand('ClassGrievant', { kind: t.literal('class'), memberCount: NonNegativeInteger, description: Prose }),
  association: strictCommand('AssociationGrievant', { kind: t.literal('association') }),
});

/** The agreement a filing cites, by its business keys: the unit and the edition (`agreement-{unitId}-{edition}`). */
export const AgreementRef = strictCommand('AgreementRef', { unitId: Identifier, editionId: Identifier });
export type AgreementRef = t.TypeOf<typeof AgreementRef>;

const filing = { grievant: GrievantInput, articleKeys: boundedArray(Identifier, 50), occurredOn: IsoDate, filedOn: IsoDate, remedySought: Prose };
const filingOptional = { discoveredOn: IsoDate, continuingViolation: t.boolean, schoolIds: boundedArray(Identifier, 100) };
const meeting = { stepId: Identifier, meetingOn: IsoDate, scheduledOn: IsoDate };
const answer = { stepId: Identifier, disposition: StepDisposition, answeredOn: IsoDate, reason: Prose };
const appeal = { fromStepId: Identifier, appealedOn: IsoDate };
const lapse = { deadlineId: DeadlineId, asOf: IsoDate };
const signatures = strictCommand('ExtensionSignatures', {}, { association: OptionalText, management: OptionalText });
const extension = { deadlineId: DeadlineId, newDueOn: IsoDate, agreedOn: IsoDate, signedBy: signatures };
const abeyance = { placedOn: IsoDate, reason: Prose };
const resumption = { resumedOn: IsoDate };
const withdrawal = { withdrawnOn: IsoDate, reason: Prose };
const settlement = { settledOn: IsoDate, settlementType: SettlementType, terms: Prose };
const settlementOptional = { amountCents: NonNegativeInteger };
const demand = { demandedOn: IsoDate, demandedBy: t.keyof({ association: null, grievant: null }) };
const selection = { arbitrator: Identifier, selectedOn: IsoDate };
const hearingClosure = { closedOn: IsoDate };
const award = { issuedOn: IsoDate, decision: AwardDecision };
const awardOptional = { remedy: OptionalText };
const recalculation = { deadlineId: DeadlineId, previousDueOn: IsoDate, newDueOn: IsoDate, calendarVersion: NonNegativeInteger, rule: DeadlineRuleSnapshot };
/** Which calendar changed, when the rule names several (`rule.calendars`); otherwise `rule.calendarId`. */
const recalculationOptional = { calendarId: storableText('CalendarId', 200) };

export const FileGrievanceInput = strictCommand('FileGrievanceInput', { ...filing, agreement: AgreementRef }, filingOptional);
export type FileGrievanceInput = t.TypeOf<typeof FileGrievanceInput>;
export const ScheduleStepMeetingInput = strictCommand('ScheduleStepMeetingInput', meeting);
export type ScheduleStepMeetingInput = t.TypeOf<typeof ScheduleStepMeetingInput>;
export const RecordStepAnswerInput = strictCommand('RecordStepAnswerInput', answer);
export type RecordStepAnswerInput = t.TypeOf<typeof RecordStepAnswerInput>;
export const AppealToNextStepInput = strictCommand('AppealToNextStepInput', appeal);
export type AppealToNextStepInput = t.TypeOf<typeof AppealToNextStepInput>;
export const RecordDeadlineLapseInput = strictCommand('RecordDeadlineLapseInput', lapse);
export type RecordDeadlineLapseInput = t.TypeOf<typeof RecordDeadlineLapseInput>;
export const AgreeExtensionInput = strictCommand('AgreeExtensionInput', extension);
export type AgreeExtensionInput = t.TypeOf<typeof AgreeExtensionInput>;
export const PlaceInAbeyanceInput = strictCommand('PlaceInAbeyanceInput', abeyance);
export type PlaceInAbeyanceInput = t.TypeOf<typeof PlaceInAbeyanceInput>;
export const ResumeGrievanceInput = strictCommand('ResumeGrievanceInput', resumption);
export type ResumeGrievanceInput = t.TypeOf<typeof ResumeGrievanceInput>;
export const WithdrawGrievanceInput = strictCommand('WithdrawGrievanceInput', withdrawal);
export type WithdrawGrievanceInput = t.TypeOf<typeof WithdrawGrievanceInput>;
export const SettleGrievanceInput = strictCommand('SettleGrievanceInput', settlement, settlementOptional);
export type SettleGrievanceInput = t.TypeOf<typeof SettleGrievanceInput>;
export const DemandArbitrationInput = strictCommand('DemandArbitrationInput', demand);
export type DemandArbitrationInput = t.TypeOf<typeof DemandArbitrationInput>;
export const SelectArbitratorInput = strictCommand('SelectArbitratorInput', selection);
export type SelectArbitratorInput = t.TypeOf<typeof SelectArbitratorInput>;
export const CloseArbitrationHearingInput = strictCommand('CloseArbitrationHearingInput', hearingClosure);
export type CloseArbitrationHearingInput = t.TypeOf<typeof CloseArbitrationHearingInput>;
export const RecordAwardInput = strictCommand('RecordAwardInput', award, awardOptional);
export type RecordAwardInput = t.TypeOf<typeof RecordAwardInput>;
/**
 * The calendar process manager's instruction (see `@laborcase/domain/calendar-to-grievance`) as the service takes
 * it: the deadline, its due date before and after, the calendar version and rule it is now counted under, and
 * `calendarChangedOn`, the business date of the calendar change it follows from (the events' `effectiveOn`).
 */
export const RecalculateDeadlineInput = strictCommand('RecalculateDeadlineInput', { ...recalculation, calendarChangedOn: IsoDate }, recalculationOptional);
export type RecalculateDeadlineInput = t.TypeOf<typeof RecalculateDeadlineInput>;

/**
 * What the service loads for commands that count deadlines: the district timeline (every school year a count
 * may touch, a year not adopted yet counted under the fallback), or a single calendar version.
 */
interface CountsOn {
  readonly calendar: DeadlineCalendar;
}

export type FileGrievance = Readonly<Omit<FileGrievanceInput, 'agreement'>> & {
  readonly type: 'FileGrievance';
  readonly grievanceId: string;
  /** The edition the filing names, as loaded from its stream; it must govern `occurredOn`. */
  readonly agreement: AgreementState;
} & CountsOn;
export type ScheduleStepMeeting = Readonly<ScheduleStepMeetingInput> & { readonly type: 'ScheduleStepMeeting' } & CountsOn;
export type RecordStepAnswer = Readonly<RecordStepAnswerInput> & { readonly type: 'RecordStepAnswer' } & CountsOn;
export type AppealToNextStep = Readonly<AppealToNextStepInput> & { readonly type: 'AppealToNextStep' } & CountsOn;
/** Issued by the deadline scheduler once `asOf` is past a deadline's due date. */
export type RecordDeadlineLapse = Readonly<RecordDeadlineLapseInput> & { readonly type: 'RecordDeadlineLapse' } & CountsOn;
/** Both signatures are required; a missing or blank one is rejected. */
export type AgreeExtension = Readonly<AgreeExtensionInput> & { readonly type: 'AgreeExtension' };
export type PlaceInAbeyance = Readonly<PlaceInAbeyanceInput> & { readonly type: 'PlaceInAbeyance' };
export type ResumeGrievance = Readonly<ResumeGrievanceInput> & { readonly type: 'ResumeGrievance' } & CountsOn;
export type WithdrawGrievance = Readonly<WithdrawGrievanceInput> & { readonly type: 'WithdrawGrievance' };
export type SettleGrievance = Readonly<SettleGrievanceInput> & { readonly type: 'SettleGrievance' };
/** Who sends the notice: only the association may invoke arbitration. */
export type DemandArbitration = Readonly<DemandArbitrationInput> & {
  readonly type: 'DemandArbitration';
  /** The timeline a provisional notice deadline is recounted on (the service loads it; without it the recorded date holds). */
  readonly calendar?: DeadlineCalendar;
};
export type SelectArbitrator = Readonly<SelectArbitratorInput> & { readonly type: 'SelectArbitrator' };
export type CloseArbitrationHearing = Readonly<CloseArbitrationHearingInput> & { readonly type: 'CloseArbitrationHearing' } & CountsOn;
export type RecordAward = Readonly<RecordAwardInput> & { readonly type: 'RecordAward' };
/**
 * The process manager's instruction as it plans it: this deadline of stream `streamId` is now due on `newDueOn`
 * under `calendarVersion`. The decider refuses an instruction meant for another stream.
 */
export type RecalculateDeadline = Readonly<Omit<RecalculateDeadlineInput, 'calendarChangedOn'>> & {
  readonly type: 'RecalculateDeadline';
  readonly streamId: string;
};

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

/**
 * The business date a command is about, which the service gives its events as `effectiveOn` (the filing date, the
 * meeting date, the answer date…); undefined for a recalculation, which is dated by the calendar change behind it.
 */
export const grievanceCommandDate = (command: GrievanceCommand): string | undefined => {
  switch (command.type) {
    case 'FileGrievance':
      return command.filedOn;
    case 'ScheduleStepMeeting':
      return command.scheduledOn;
    case 'RecordStepAnswer':
      return command.answeredOn;
    case 'AppealToNextStep':
      return command.appealedOn;
    case 'RecordDeadlineLapse':
      return command.asOf;
    case 'AgreeExtension':
      return command.agreedOn;
    case 'PlaceInAbeyance':
      return command.placedOn;
    case 'ResumeGrievance':
      return command.resumedOn;
    case 'WithdrawGrievance':
      return command.withdrawnOn;
    case 'SettleGrievance':
      return command.settledOn;
    case 'DemandArbitration':
      return command.demandedOn;
    case 'SelectArbitrator':
      return command.selectedOn;
    case 'CloseArbitrationHearing':
      return command.closedOn;
    case 'RecordAward':
      return command.issuedOn;
    case 'RecalculateDeadline':
      return undefined;
  }
};

const fields = (required: t.Props, optional: t.Props = {}): t.Decoder<unknown, unknown> => t.intersection([t.type(required), t.partial(optional)]);

/**
 * Per decider command, the codec of the fields the decider reads (what the service loads is not checked here:
 * it comes from the streams). The decider checks a command with it first, so even a caller that bypasses the
 * service gets `InvalidCommand` for a malformed command, never an exception.
 */
export const grievanceCommandFields: { readonly [K in GrievanceCommand['type']]: t.Decoder<unknown, unknown> } = {
  FileGrievance: fields({ grievanceId: Identifier, ...filing }, filingOptional),
  ScheduleStepMeeting: fields(meeting),
  RecordStepAnswer: fields(answer),
  AppealToNextStep: fields(appeal),
  RecordDeadlineLapse: fields(lapse),
  AgreeExtension: fields(extension),
  PlaceInAbeyance: fields(abeyance),
  ResumeGrievance: fields(resumption),
  WithdrawGrievance: fields(withdrawal),
  SettleGrievance: fields(settlement, settlementOptional),
  DemandArbitration: fields(demand),
  SelectArbitrator: fields(selection),
  CloseArbitrationHearing: fields(hearingClosure),
  RecordAward: fields(award, awardOptional),
  RecalculateDeadline: fields({ ...recalculation, streamId: storableText('StreamId', 512) }, recalculationOptional),
};
