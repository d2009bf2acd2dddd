import * as t from 'io-ts';
import { IsoDate, NonEmptyString, NonNegativeInteger, defineEventType, type EventOfDefinition } from '@laborcase/core';
import { CentsCodec, CostingAttachment } from '../costing/attachment.js';

export const Side = t.keyof({ union: null, board: null }, 'Side');
export type Side = t.TypeOf<typeof Side>;

export const CycleKind = t.keyof({ successor: null, reopener: null }, 'CycleKind');
export type CycleKind = t.TypeOf<typeof CycleKind>;

/** Which articles may be tabled: a reopener lists them; a successor may open the whole agreement. */
export const CycleScope = t.union(
  [t.type({ kind: t.literal('articles'), articleKeys: t.array(NonEmptyString) }), t.type({ kind: t.literal('all') })],
  'CycleScope',
);
export type CycleScope = t.TypeOf<typeof CycleScope>;

/**
 * Whether an initialled TA may be taken back (§3): "either party may revise or withdraw an initialed item until
 * all items are agreed", "no further discussion once TA'd except by mutual agreement", or never.
 */
export const TaRevocationRule = t.keyof({ eitherPartyUntilSettlement: null, mutualAgreementOnly: null, never: null }, 'TaRevocationRule');
export type TaRevocationRule = t.TypeOf<typeof TaRevocationRule>;

/** Calendar-day limits counted from the labor board's impasse determination (COMAR 14.30.14.02 by default). */
export const ImpasseTimeline = t.type(
  { lastBestOffersWithinDays: NonNegativeInteger, mediatorSelectionWithinDays: NonNegativeInteger, mediationStartWithinDays: NonNegativeInteger },
  'ImpasseTimeline',
);
export type ImpasseTimeline = t.TypeOf<typeof ImpasseTimeline>;

export const GroundRules = t.intersection(
  [
    t.type({ taRevocation: TaRevocationRule, impasseTimeline: ImpasseTimeline }),
    t.partial({ observerSessions: NonNegativeInteger, notes: t.array(NonEmptyString) }),
  ],
  'GroundRules',
);
export type GroundRules = t.TypeOf<typeof GroundRules>;

const Recorded = { occurredOn: IsoDate, actor: NonEmptyString };
const OptionalCosting = t.partial({ costing: CostingAttachment });

export const CycleOpened = defineEventType(
  'CycleOpened',
  1,
  t.type({
    cycleId: NonEmptyString,
    unitId: NonEmptyString,
    kind: CycleKind,
    /** The edition in force when the cycle opens (the one a reopener amends, or a successor replaces). */
    agreementEdition: NonEmptyString,
    scope: CycleScope,
    groundRules: GroundRules,
    chiefSpokespersons: t.type({ union: NonEmptyString, board: NonEmptyString }),
    ...Recorded,
  }),
);

const proposalFields = {
  proposalId: NonEmptyString,
  side: Side,
  articleKey: NonEmptyString,
  text: NonEmptyString,
  tabledBy: NonEmptyString,
  ...Recorded,
};

export const ProposalTabled = defineEventType(
  'ProposalTabled',
  1,
  t.intersection([t.type(proposalFields), OptionalCosting, t.partial({ supersedes: NonEmptyString })]),
);

export const CounterTabled = defineEventType(
  'CounterTabled',
  1,
  t.intersection([t.type({ ...proposalFields, respondsTo: NonEmptyString }), OptionalCosting, t.partial({ supersedes: NonEmptyString })]),
);

export const PackageItem = t.intersection([
  t.type({ proposalId: NonEmptyString, articleKey: NonEmptyString, text: NonEmptyString }),
  OptionalCosting,
  t.partial({ supersedes: NonEmptyString }),
]);
export type PackageItem = t.TypeOf<typeof PackageItem>;

/** Items across articles offered all-or-nothing; each item is that side's live proposal on its article. */
export const PackageTabled = defineEventType(
  'PackageTabled',
  1,
  t.intersection([
    t.type({ packageId: NonEmptyString, side: Side, items: t.array(PackageItem), tabledBy: NonEmptyString, ...Recorded }),
    OptionalCosting,
  ]),
);

export const ProposalWithdrawn = defineEventType(
  'ProposalWithdrawn',
  1,
  t.type({ proposalId: NonEmptyString, articleKey: NonEmptyString, side: Side, ...Recorded }),
);

export const PackageWithdrawn = defineEventType(
  'PackageWithdrawn',
  1,
  t.type({ packageId: NonEmptyString, side: Side, proposalIds: t.array(NonEmptyString), ...Recorded }),
);

export const Initial = t.type({ name: NonEmptyString, on: IsoDate }, 'Initial');
export type Initial = t.TypeOf<typeof Initial>;

export const TentativeAgreementReached = defineEventType(
  'TentativeAgreementReached',
  1,
  t.intersection([
    t.type({ articleKey: NonEmptyString, text: NonEmptyString, initialedBy: t.type({ union: Initial, board: Initial }), ...Recorded }),
    OptionalCosting,
    t.partial({ basedOnProposalId: NonEmptyString, articleNumber: NonEmptyString, articleTitle: NonEmptyString }),
  ]),
);

export const TentativeAgreementRevoked = defineEventType(
  'TentativeAgreementRevoked',
  1,
  t.type({ articleKey: NonEmptyString, revokedBy: t.union([Side, t.literal('both')]), reason: NonEmptyString, ...Recorded }),
);

export const TentativeSettlementReached = defineEventType(
  'TentativeSettlementReached',
  1,
  t.type({
    tentativelyAgreedArticleKeys: t.array(NonEmptyString),
    withdrawnArticleKeys: t.array(NonEmptyString),
    /** Sum of the costed TAs' deltas as known at settlement. */
    costedDeltaCents: CentsCodec,
    ...Recorded,
  }),
);

export const ImpasseDeclared = defineEventType(
  'ImpasseDeclared',
  1,
  t.type({ requestedBy: t.union([Side, t.literal('joint')]), articleKeys: t.array(NonEmptyString), ...Recorded }),
);

export const ImpasseDetermined = defineEventType(
  'ImpasseDetermined',
  1,
  t.type({
    outcome: t.keyof({ whole: null, part: null }),
    articleKeys: t.array(NonEmptyString),
    lastBestOffersDueOn: IsoDate,
    mediatorSelectionDueOn: IsoDate,
    mediationStartDueOn: IsoDate,
    ...Recorded,
  }),
);

export const ImpasseNotFound = defineEventType('ImpasseNotFound', 1, t.type({ ...Recorded }));

const timed = { dueOn: IsoDate, late: t.boolean };

export const LastBestOfferSubmitted = defineEventType(
  'LastBestOfferSubmitted',
  1,
  t.type({
    side: Side,
    items: t.array(t.intersection([t.type({ articleKey: NonEmptyString, text: NonEmptyString }), OptionalCosting])),
    ...timed,
    ...Recorded,
  }),
);

export const MediatorSelected = defineEventType(
  'MediatorSelected',
  1,
  t.type({ mediator: NonEmptyString, method: t.keyof({ agreement: null, alternateStrike: null }), panelSource: NonEmptyString, ...timed, ...Recorded }),
);

export const MediationStarted = defineEventType('MediationStarted', 1, t.type({ ...timed, ...Recorded }));

const votes = { yes: NonNegativeInteger, no: NonNegativeInteger };

export const MembersRatifiedSettlement = defineEventType('MembersRatifiedSettlement', 1, t.type({ ...votes, ...Recorded }));

export const MembersRejectedSettlement = defineEventType(
  'MembersRejectedSettlement',
  1,
  t.type({ ...votes, reopenedArticleKeys: t.array(NonEmptyString), ...Recorded }),
);

export const BoardApprovedSettlement = defineEventType('BoardApprovedSettlement', 1, t.type({ contingentOnFunding: t.boolean, ...Recorded }));

export const SettlementFunded = defineEventType(
  'SettlementFunded',
  1,
  t.type({ fundingAuthority: NonEmptyString, fundedCents: CentsCodec, requiredCents: CentsCodec, ...Recorded }),
);

/** The fiscal authority funded less than the costed TAs need: the funded items go back to the table (§6-407 / §6-511). */
export const SettlementFundingShortfallRecorded = defineEventType(
  'SettlementFundingShortfallRecorded',
  1,
  t.type({
    fundingAuthority: NonEmptyString,
    fundedCents: CentsCodec,
    requiredCents: CentsCodec,
    shortfallCents: CentsCodec,
    renegotiateArticleKeys: t.array(NonEmptyString),
    ...Recorded,
  }),
);

export const ArticleChange = t.intersection(
  [
    t.type({ articleKey: NonEmptyString, text: NonEmptyString, tentativelyAgreedOn: IsoDate }),
    OptionalCosting,
    t.partial({ articleNumber: NonEmptyString, articleTitle: NonEmptyString }),
  ],
  'ArticleChange',
);
export type ArticleChange = t.TypeOf<typeof ArticleChange>;

export const FundingOutcome = t.union(
  [
    t.type({ status: t.literal('notContingent') }),
    t.type({ status: t.literal('funded'), fundingAuthority: NonEmptyString, fundedCents: CentsCodec, requiredCents: CentsCodec }),
    t.type({
      status: t.literal('fundedAfterRenegotiation'),
      fundingAuthority: NonEmptyString,
      fundedCents: CentsCodec,
      originalRequiredCents: CentsCodec,
      renegotiatedRequiredCents: CentsCodec,
    }),
  ],
  'FundingOutcome',
);
export type FundingOutcome = t.TypeOf<typeof FundingOutcome>;

/**
 * How the cycle ended, with everything a process manager needs to turn it into agreement commands without
 * reading this stream: the unit, the edition amended (reopener) or replaced (successor), the resulting edition,
 * each changed article by stable key, the effective date and the funding outcome.
 */
export const CycleConcluded = defineEventType(
  'CycleConcluded',
  1,
  t.type({
    cycleId: NonEmptyString,
    unitId: NonEmptyString,
    kind: CycleKind,
    editionAction: t.keyof({ amend: null, create: null }),
    baseEdition: NonEmptyString,
    resultingEdition: NonEmptyString,
    effectiveOn: IsoDate,
    articleChanges: t.array(ArticleChange),
    unchangedArticleKeys: t.array(NonEmptyString),
    ratification: t.type({ yes: NonNegativeInteger, no: NonNegativeInteger, on: IsoDate }),
    boardApprovedOn: IsoDate,
    funding: FundingOutcome,
    ...Recorded,
  }),
);

export const bargainingEventDefinitions = [
  CycleOpened,
  ProposalTabled,
  CounterTabled,
  PackageTabled,
  ProposalWithdrawn,
  PackageWithdrawn,
  TentativeAgreementReached,
  TentativeAgreementRevoked,
  TentativeSettlementReached,
  ImpasseDeclared,
  ImpasseDetermined,
  ImpasseNotFound,
  LastBestOfferSubmitted,
  MediatorSelected,
  MediationStarted,
  MembersRatifiedSettlement,
  MembersRejectedSettlement,
  BoardApprovedSettlement,
  SettlementFunded,
  SettlementFundingShortfallRecorded,
  CycleConcluded,
] as const;

export type BargainingEvent =
  | EventOfDefinition<typeof CycleOpened>
  | EventOfDefinition<typeof ProposalTabled>
  | EventOfDefinition<typeof CounterTabled>
  | EventOfDefinition<typeof PackageTabled>
  | EventOfDefinition<typeof ProposalWithdrawn>
  | EventOfDefinition<typeof PackageWithdrawn>
  | EventOfDefinition<typeof TentativeAgreementReached>
  | EventOfDefinition<typeof TentativeAgreementRevoked>
  | EventOfDefinition<typeof TentativeSettlementReached>
  | EventOfDefinition<typeof ImpasseDeclared>
  | EventOfDefinition<typeof ImpasseDetermined>
  | EventOfDefinition<typeof ImpasseNotFound>
  | EventOfDefinition<typeof LastBestOfferSubmitted>
  | EventOfDefinition<typeof MediatorSelected>
  | EventOfDefinition<typeof MediationStarted>
  | EventOfDefinition<typeof MembersRatifiedSettlement>
  | EventOfDefinition<typeof MembersRejectedSettlement>
  | EventOfDefinition<typeof BoardApprovedSettlement>
  | EventOfDefinition<typeof SettlementFunded>
  | EventOfDefinition<typeof SettlementFundingShortfallRecorded>
  | EventOfDefinition<typeof CycleConcluded>;

export type BargainingEventType = BargainingEvent['type'];
export type BargainingEventData<T extends BargainingEventType> = Extract<BargainingEvent, { type: T }>['data'];
