import * as t from 'io-ts';
import { IsoDate, NonEmptyString, NonNegativeInteger, defineEventType, type EventOfDefinition } from '@laborcase/core';
import { DeadlineRuleSnapshot, ProcedureSnapshot } from './procedureSnapshot.js';

/** Who brings the grievance: named employees, a class of unit members, or the association in its own name. */
export const Grievant = t.union(
  [
    t.type({ kind: t.literal('individual'), employeeIds: t.readonlyArray(NonEmptyString) }),
    t.type({ kind: t.literal('class'), memberCount: NonNegativeInteger, description: NonEmptyString }),
    t.type({ kind: t.literal('association') }),
  ],
  'Grievant',
);
export type Grievant = t.TypeOf<typeof Grievant>;

/** An article as cited: the stable key plus the number and title it carried in the edition on the occurrence date. */
export const CitedArticle = t.type({ key: NonEmptyString, number: NonEmptyString, title: NonEmptyString }, 'CitedArticle');
export type CitedArticle = t.TypeOf<typeof CitedArticle>;

export const DeadlineKind = t.keyof({ file: null, meet: null, answer: null, appeal: null, arbitrationNotice: null, award: null }, 'DeadlineKind');
export type DeadlineKind = t.TypeOf<typeof DeadlineKind>;

/** The side a deadline binds: missing it has different consequences for each (domain.md §1.4). */
export const DeadlineParty = t.keyof({ grievant: null, association: null, management: null, arbitrator: null }, 'DeadlineParty');
export type DeadlineParty = t.TypeOf<typeof DeadlineParty>;

export const StepDisposition = t.keyof({ granted: null, denied: null, grantedInPart: null }, 'StepDisposition');
export type StepDisposition = t.TypeOf<typeof StepDisposition>;

export const AwardDecision = t.keyof({ sustained: null, denied: null, sustainedInPart: null }, 'AwardDecision');
export type AwardDecision = t.TypeOf<typeof AwardDecision>;

export const SettlementType = t.keyof(
  { monetary: null, nonMonetary: null, policyChange: null, reinstatement: null, apology: null, training: null, other: null },
  'SettlementType',
);
export type SettlementType = t.TypeOf<typeof SettlementType>;

export const ClosureOutcome = t.keyof(
  {
    granted: null,
    grantedInPart: null,
    denied: null,
    withdrawn: null,
    settled: null,
    waived: null,
    settledOnLastAnswer: null,
    awardSustained: null,
    awardSustainedInPart: null,
    awardDenied: null,
  },
  'ClosureOutcome',
);
export type ClosureOutcome = t.TypeOf<typeof ClosureOutcome>;

/** Both parties' signatures on a written mutual extension. */
export const ExtensionSignatures = t.type({ association: NonEmptyString, management: NonEmptyString }, 'ExtensionSignatures');
export type ExtensionSignatures = t.TypeOf<typeof ExtensionSignatures>;

export const GrievanceFiled = defineEventType(
  'GrievanceFiled',
  1,
  t.intersection([
    t.type({
      grievanceId: NonEmptyString,
      unitId: NonEmptyString,
      agreementId: NonEmptyString,
      editionId: NonEmptyString,
      grievant: Grievant,
      articles: t.readonlyArray(CitedArticle),
      occurredOn: IsoDate,
      filedOn: IsoDate,
      remedySought: NonEmptyString,
      continuingViolation: t.boolean,
      /** The edition's procedure as in force on the occurrence date: every later deadline reads its limits from here. */
      procedure: ProcedureSnapshot,
      entryStepId: NonEmptyString,
    }),
    t.partial({ discoveredOn: IsoDate, schoolIds: t.readonlyArray(NonEmptyString) }),
  ]),
);

export const DeadlineScheduled = defineEventType(
  'DeadlineScheduled',
  1,
  t.type({
    deadlineId: NonEmptyString,
    kind: DeadlineKind,
    party: DeadlineParty,
    stepId: NonEmptyString,
    anchor: IsoDate,
    dueOn: IsoDate,
    rule: DeadlineRuleSnapshot,
  }),
);

/**
 * `metOn` is when the obligation is fulfilled; `recordedOn`, when it differs, is when that became known. A meeting
 * scheduled on 1/14 for 1/21 meets the "meet within" limit on 1/21, recorded on 1/14.
 */
export const DeadlineMet = defineEventType(
  'DeadlineMet',
  1,
  t.intersection([t.type({ deadlineId: NonEmptyString, metOn: IsoDate }), t.partial({ recordedOn: IsoDate })]),
);

export const DeadlineMissed = defineEventType(
  'DeadlineMissed',
  1,
  t.type({ deadlineId: NonEmptyString, party: DeadlineParty, dueOn: IsoDate, recordedAsOf: IsoDate }),
);

export const DeadlineExtended = defineEventType(
  'DeadlineExtended',
  1,
  t.type({ deadlineId: NonEmptyString, previousDueOn: IsoDate, newDueOn: IsoDate, agreedOn: IsoDate, signedBy: ExtensionSignatures }),
);

export const DeadlineRecalculated = defineEventType(
  'DeadlineRecalculated',
  1,
  t.type({ deadlineId: NonEmptyString, previousDueOn: IsoDate, newDueOn: IsoDate, rule: DeadlineRuleSnapshot }),
);

/** The clock of an open deadline stops while the grievance is in abeyance. */
export const DeadlineTolled = defineEventType('DeadlineTolled', 1, t.type({ deadlineId: NonEmptyString, tolledOn: IsoDate, dueOn: IsoDate }));

/** On resumption, a tolled deadline runs again for the days it had left, counted from the resumption date. */
export const DeadlineResumed = defineEventType(
  'DeadlineResumed',
  1,
  t.type({ deadlineId: NonEmptyString, anchor: IsoDate, daysRemaining: NonNegativeInteger, previousDueOn: IsoDate, dueOn: IsoDate, rule: DeadlineRuleSnapshot }),
);

export const StepMeetingScheduled = defineEventType(
  'StepMeetingScheduled',
  1,
  t.type({ stepId: NonEmptyString, meetingOn: IsoDate, scheduledOn: IsoDate }),
);

export const StepAnswered = defineEventType(
  'StepAnswered',
  1,
  t.type({ stepId: NonEmptyString, disposition: StepDisposition, answeredOn: IsoDate, reason: NonEmptyString, late: t.boolean }),
);

/** Management missed the answer deadline: the grievant may advance (never an automatic win). */
export const StepAnswerOverdue = defineEventType('StepAnswerOverdue', 1, t.type({ stepId: NonEmptyString, dueOn: IsoDate, recordedAsOf: IsoDate }));

export const GrievanceAppealed = defineEventType(
  'GrievanceAppealed',
  1,
  t.type({ fromStepId: NonEmptyString, toStepId: NonEmptyString, appealedOn: IsoDate, viaLateAnswer: t.boolean }),
);

export const GrievancePlacedInAbeyance = defineEventType('GrievancePlacedInAbeyance', 1, t.type({ placedOn: IsoDate, reason: NonEmptyString }));

export const GrievanceResumed = defineEventType('GrievanceResumed', 1, t.type({ resumedOn: IsoDate }));

export const GrievanceWithdrawn = defineEventType('GrievanceWithdrawn', 1, t.type({ withdrawnOn: IsoDate, reason: NonEmptyString }));

export const GrievanceDeemedWaived = defineEventType('GrievanceDeemedWaived', 1, t.type({ deadlineId: NonEmptyString, deemedOn: IsoDate }));

export const GrievanceDeemedSettledOnLastAnswer = defineEventType(
  'GrievanceDeemedSettledOnLastAnswer',
  1,
  t.type({ deadlineId: NonEmptyString, deemedOn: IsoDate, stepId: NonEmptyString, disposition: StepDisposition }),
);

export const GrievanceSettled = defineEventType(
  'GrievanceSettled',
  1,
  t.intersection([
    t.type({ settledOn: IsoDate, settlementType: SettlementType, terms: NonEmptyString }),
    t.partial({ amountCents: NonNegativeInteger }),
  ]),
);

export const ArbitrationDemanded = defineEventType('ArbitrationDemanded', 1, t.type({ demandedOn: IsoDate, fromStepId: NonEmptyString, binding: t.boolean }));

export const ArbitratorSelected = defineEventType('ArbitratorSelected', 1, t.type({ arbitrator: NonEmptyString, selectedOn: IsoDate }));

/** The hearing (or post-hearing briefing) closed: the award clock starts where the edition sets one. */
export const ArbitrationHearingClosed = defineEventType('ArbitrationHearingClosed', 1, t.type({ closedOn: IsoDate }));

export const ArbitrationAwardIssued = defineEventType(
  'ArbitrationAwardIssued',
  1,
  t.intersection([t.type({ issuedOn: IsoDate, decision: AwardDecision, arbitrator: NonEmptyString }), t.partial({ remedy: NonEmptyString })]),
);

/** Terminal. `resolvedAt` is the step id where the case ended, or `arbitration`. */
export const GrievanceClosed = defineEventType(
  'GrievanceClosed',
  1,
  t.type({ closedOn: IsoDate, outcome: ClosureOutcome, resolvedAt: NonEmptyString }),
);

export const grievanceEventDefinitions = [
  GrievanceFiled,
  DeadlineScheduled,
  DeadlineMet,
  DeadlineMissed,
  DeadlineExtended,
  DeadlineRecalculated,
  DeadlineTolled,
  DeadlineResumed,
  StepMeetingScheduled,
  StepAnswered,
  StepAnswerOverdue,
  GrievanceAppealed,
  GrievancePlacedInAbeyance,
  GrievanceResumed,
  GrievanceWithdrawn,
  GrievanceDeemedWaived,
  GrievanceDeemedSettledOnLastAnswer,
  GrievanceSettled,
  ArbitrationDemanded,
  ArbitratorSelected,
  ArbitrationHearingClosed,
  ArbitrationAwardIssued,
  GrievanceClosed,
] as const;

export type GrievanceEvent = EventOfDefinition<(typeof grievanceEventDefinitions)[number]>;
export type GrievanceEventOf<T extends GrievanceEvent['type']> = Extract<GrievanceEvent, { type: T }>;
