/**
 * The case's commands: per command the codec of what a caller supplies (`…Input`, business input only) and the
 * codec of the decider's command (that input plus `type`; an intake also carries the case id the service takes
 * from its id argument). Every object codec is strict: an unknown field is an error.
 */
import * as t from 'io-ts';
import { IsoDate, NonEmptyString as Text, checkedString, commandUnion, optional, strictCommand } from '@laborcase/core';
import { Channel, DisciplineLevel, FindingValue, Route, type Allegation, type Finding, type Respondent } from './events.js';

/** A case id: it names the stream (`ercase-{caseId}`), so it is short text without surrounding spaces. */
export const CaseId = checkedString('CaseId (1–200 characters, no surrounding spaces)', (s) => Text.is(s) && s === s.trim() && s.length <= 200);

/** Who recorded the act and on which business date; every event carries both. */
interface Recorded {
  readonly occurredOn: string;
  readonly actor: string;
}
const recorded = { occurredOn: IsoDate, actor: Text };

/** Both codecs of one command, from the fields of its input. */
const codecsOf = <Type extends string, Props extends t.Props>(type: Type, props: Props) => ({
  input: strictCommand(`${type}Input`, props),
  command: strictCommand(type, { type: t.literal(type), ...props }),
});

const AllegationInput = strictCommand('Allegation', { allegationId: Text, summary: Text, policyRef: optional(Text) });
const RespondentInput = strictCommand('Respondent', { employeeId: Text, unitId: optional(Text), role: optional(Text) });
const FindingInput = strictCommand('Finding', { allegationId: Text, finding: FindingValue, rationale: optional(Text) });

export interface ReceiveComplaintInput extends Recorded {
  readonly channel: Channel;
  readonly anonymous: boolean;
  readonly complainant?: string;
  readonly respondent?: Respondent;
  readonly allegations: readonly Allegation[];
}
export interface ReceiveComplaint extends ReceiveComplaintInput {
  readonly type: 'ReceiveComplaint';
  readonly caseId: string;
}
const receiveFields = {
  channel: Channel,
  anonymous: t.boolean,
  complainant: optional(Text),
  respondent: optional(RespondentInput),
  allegations: t.array(AllegationInput),
  ...recorded,
};
export const ReceiveComplaintInput: t.Decoder<unknown, ReceiveComplaintInput> = strictCommand('ReceiveComplaintInput', receiveFields);
export const ReceiveComplaint: t.Decoder<unknown, ReceiveComplaint> = strictCommand('ReceiveComplaint', {
  type: t.literal('ReceiveComplaint'),
  caseId: CaseId,
  ...receiveFields,
});

export interface TriageComplaintInput extends Recorded {
  readonly route: Route;
  readonly reason: string;
  readonly referredTo?: string;
}
export interface TriageComplaint extends TriageComplaintInput {
  readonly type: 'TriageComplaint';
}
const triage = codecsOf('TriageComplaint', { route: Route, reason: Text, referredTo: optional(Text), ...recorded });
export const TriageComplaintInput: t.Decoder<unknown, TriageComplaintInput> = triage.input;
export const TriageComplaint: t.Decoder<unknown, TriageComplaint> = triage.command;

export interface OpenInvestigationInput extends Recorded {
  readonly investigator: string;
  readonly conflictCheck: { readonly cleared: boolean; readonly checkedOn: string; readonly disclosures: readonly string[] };
}
export interface OpenInvestigation extends OpenInvestigationInput {
  readonly type: 'OpenInvestigation';
}
const ConflictCheckInput = strictCommand('ConflictCheck', { cleared: t.boolean, checkedOn: IsoDate, disclosures: t.array(Text) });
const open = codecsOf('OpenInvestigation', { investigator: Text, conflictCheck: ConflictCheckInput, ...recorded });
export const OpenInvestigationInput: t.Decoder<unknown, OpenInvestigationInput> = open.input;
export const OpenInvestigation: t.Decoder<unknown, OpenInvestigation> = open.command;

export const InterimAction = t.keyof({ administrativeLeave: null, reassignment: null, noContactDirective: null, other: null }, 'InterimAction');
export interface TakeInterimActionInput extends Recorded {
  readonly action: t.TypeOf<typeof InterimAction>;
  readonly description: string;
}
export interface TakeInterimAction extends TakeInterimActionInput {
  readonly type: 'TakeInterimAction';
}
const interim = codecsOf('TakeInterimAction', { action: InterimAction, description: Text, ...recorded });
export const TakeInterimActionInput: t.Decoder<unknown, TakeInterimActionInput> = interim.input;
export const TakeInterimAction: t.Decoder<unknown, TakeInterimAction> = interim.command;

export const IntervieweeRole = t.keyof({ complainant: null, respondent: null, witness: null }, 'IntervieweeRole');
export interface RecordInterviewInput extends Recorded {
  readonly interviewId: string;
  readonly interviewee: string;
  readonly role: t.TypeOf<typeof IntervieweeRole>;
}
export interface RecordInterview extends RecordInterviewInput {
  readonly type: 'RecordInterview';
}
const interview = codecsOf('RecordInterview', { interviewId: Text, interviewee: Text, role: IntervieweeRole, ...recorded });
export const RecordInterviewInput: t.Decoder<unknown, RecordInterviewInput> = interview.input;
export const RecordInterview: t.Decoder<unknown, RecordInterview> = interview.command;

export interface IssueFindingsInput extends Recorded {
  readonly findings: readonly Finding[];
}
export interface IssueFindings extends IssueFindingsInput {
  readonly type: 'IssueFindings';
}
const findings = codecsOf('IssueFindings', { findings: t.array(FindingInput), ...recorded });
export const IssueFindingsInput: t.Decoder<unknown, IssueFindingsInput> = findings.input;
export const IssueFindings: t.Decoder<unknown, IssueFindings> = findings.command;

export interface ImposeDisciplineInput extends Recorded {
  readonly disciplineId: string;
  readonly level: DisciplineLevel;
  readonly allegationIds: readonly string[];
  /** When the discipline takes effect (a business fact of the discipline, not the event's `effectiveOn`). */
  readonly effectiveOn: string;
}
export interface ImposeDiscipline extends ImposeDisciplineInput {
  readonly type: 'ImposeDiscipline';
}
const discipline = codecsOf('ImposeDiscipline', { disciplineId: Text, level: DisciplineLevel, allegationIds: t.array(Text), effectiveOn: IsoDate, ...recorded });
export const ImposeDisciplineInput: t.Decoder<unknown, ImposeDisciplineInput> = discipline.input;
export const ImposeDiscipline: t.Decoder<unknown, ImposeDiscipline> = discipline.command;

export const Appellant = t.keyof({ respondent: null, complainant: null }, 'Appellant');
export interface AppealFindingsInput extends Recorded {
  readonly appellant: t.TypeOf<typeof Appellant>;
  readonly grounds: string;
}
export interface AppealFindings extends AppealFindingsInput {
  readonly type: 'AppealFindings';
}
const appeal = codecsOf('AppealFindings', { appellant: Appellant, grounds: Text, ...recorded });
export const AppealFindingsInput: t.Decoder<unknown, AppealFindingsInput> = appeal.input;
export const AppealFindings: t.Decoder<unknown, AppealFindings> = appeal.command;

export const AppealOutcome = t.keyof({ upheld: null, modified: null, reversed: null }, 'AppealOutcome');
export interface DecideFindingsAppealInput extends Recorded {
  readonly outcome: t.TypeOf<typeof AppealOutcome>;
  /** Required when the outcome is modified or reversed: the findings that now stand, one per allegation. */
  readonly revisedFindings?: readonly Finding[];
}
export interface DecideFindingsAppeal extends DecideFindingsAppealInput {
  readonly type: 'DecideFindingsAppeal';
}
const appealDecision = codecsOf('DecideFindingsAppeal', { outcome: AppealOutcome, revisedFindings: optional(t.array(FindingInput)), ...recorded });
export const DecideFindingsAppealInput: t.Decoder<unknown, DecideFindingsAppealInput> = appealDecision.input;
export const DecideFindingsAppeal: t.Decoder<unknown, DecideFindingsAppeal> = appealDecision.command;

export interface CloseCaseInput extends Recorded {
  readonly disposition: string;
}
export interface CloseCase extends CloseCaseInput {
  readonly type: 'CloseCase';
}
const close = codecsOf('CloseCase', { disposition: Text, ...recorded });
export const CloseCaseInput: t.Decoder<unknown, CloseCaseInput> = close.input;
export const CloseCase: t.Decoder<unknown, CloseCase> = close.command;

export interface ReopenCaseInput extends Recorded {
  readonly reason: string;
}
export interface ReopenCase extends ReopenCaseInput {
  readonly type: 'ReopenCase';
}
const reopen = codecsOf('ReopenCase', { reason: Text, ...recorded });
export const ReopenCaseInput: t.Decoder<unknown, ReopenCaseInput> = reopen.input;
export const ReopenCase: t.Decoder<unknown, ReopenCase> = reopen.command;

export type EmployeeRelationsCommand =
  | ReceiveComplaint
  | TriageComplaint
  | OpenInvestigation
  | TakeInterimAction
  | RecordInterview
  | IssueFindings
  | ImposeDiscipline
  | AppealFindings
  | DecideFindingsAppeal
  | CloseCase
  | ReopenCase;

/** Any case command, chosen by its `type`: the `commandCodec` of a case command handler. */
export const EmployeeRelationsCommand = commandUnion<EmployeeRelationsCommand>('EmployeeRelationsCommand', {
  ReceiveComplaint,
  TriageComplaint,
  OpenInvestigation,
  TakeInterimAction,
  RecordInterview,
  IssueFindings,
  ImposeDiscipline,
  AppealFindings,
  DecideFindingsAppeal,
  CloseCase,
  ReopenCase,
});
