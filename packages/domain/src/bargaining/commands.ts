import * as t from 'io-ts';
import { IsoDate, NonEmptyString, NonNegativeInteger, strictCommand, taggedUnion } from '@laborcase/core';
import { CentsCodec, NonNegativeNumber } from '../costing/attachment.js';
import { CycleKind, Side, TaRevocationRule } from './events.js';
import { MAX_IMPASSE_LIMIT_DAYS, isImpasseLimit } from './impasseTimeline.js';

/**
 * One codec per command. `…Input` is what a caller of the service supplies (business fields and the business
 * date `occurredOn`); the decider's command adds `type`, the recording `actor` and, for `OpenCycle`, the cycle's
 * identity, which the service takes from the cycle reference. Unknown fields are rejected at every level, and so
 * is text no event store can hold.
 */

const ImpasseLimitDays = new t.Type<number, number, unknown>(
  `ImpasseLimitDays (0 to ${MAX_IMPASSE_LIMIT_DAYS})`,
  isImpasseLimit,
  (u, c) => (isImpasseLimit(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

const Recorded = { occurredOn: IsoDate };
const Initial = strictCommand('Initial', { name: NonEmptyString, on: IsoDate });
const CycleScopeInput = taggedUnion('CycleScope', 'kind', {
  articles: strictCommand('ArticlesScope', { kind: t.literal('articles'), articleKeys: t.readonlyArray(NonEmptyString) }),
  all: strictCommand('WholeAgreementScope', { kind: t.literal('all') }),
});
const GroundRulesInput = strictCommand(
  'GroundRules',
  { taRevocation: TaRevocationRule },
  {
    /** Omitted limits default to COMAR 14.30.14.02 (10 / 5 / 14 calendar days). */
    impasseTimeline: strictCommand('ImpasseTimeline', {}, { lastBestOffersWithinDays: ImpasseLimitDays, mediatorSelectionWithinDays: ImpasseLimitDays, mediationStartWithinDays: ImpasseLimitDays }),
    observerSessions: NonNegativeInteger,
    notes: t.readonlyArray(NonEmptyString),
  },
);
const ProposalFields = { proposalId: NonEmptyString, side: Side, articleKey: NonEmptyString, text: NonEmptyString, tabledBy: NonEmptyString, ...Recorded };
/** The costing attachment as a command carries it (the event codec's fields, and no others). */
const CostingAttachmentInput = strictCommand(
  'CostingAttachment',
  { fiscalYear: NonEmptyString, baseCost: CentsCodec, delta: CentsCodec, fte: NonNegativeNumber, assumptions: t.array(NonEmptyString) },
  { deltaByYear: t.array(CentsCodec) },
);
const Costed = { costing: CostingAttachmentInput };
const PackageItemInput = strictCommand('PackageItem', { proposalId: NonEmptyString, articleKey: NonEmptyString, text: NonEmptyString }, Costed);
const LastBestOfferItemInput = strictCommand('LastBestOfferItem', { articleKey: NonEmptyString, text: NonEmptyString }, Costed);

const defineCommand = <T extends string, R extends t.Props, O extends t.Props = Record<never, never>, S extends t.Props = Record<never, never>>(
  type: T,
  required: R,
  optional?: O,
  suppliedByService?: S,
) => ({
  input: strictCommand(`${type}Input`, required, optional),
  command: strictCommand(type, { ...(suppliedByService as S), ...required, type: t.literal(type), actor: NonEmptyString }, optional),
});

const definitions = {
  OpenCycle: defineCommand(
    'OpenCycle',
    {
      kind: CycleKind,
      /** The edition in force when the cycle opens (the one a reopener amends, or a successor replaces). */
      agreementEdition: NonEmptyString,
      scope: CycleScopeInput,
      groundRules: GroundRulesInput,
      chiefSpokespersons: strictCommand('ChiefSpokespersons', { union: NonEmptyString, board: NonEmptyString }),
      ...Recorded,
    },
    {},
    { cycleId: NonEmptyString, unitId: NonEmptyString },
  ),
  TableProposal: defineCommand('TableProposal', ProposalFields, Costed),
  /** `respondsTo`: the other side's live proposal this answers. */
  TableCounter: defineCommand('TableCounter', { ...ProposalFields, respondsTo: NonEmptyString }, Costed),
  TablePackage: defineCommand('TablePackage', { packageId: NonEmptyString, side: Side, tabledBy: NonEmptyString, items: t.readonlyArray(PackageItemInput), ...Recorded }, Costed),
  WithdrawProposal: defineCommand('WithdrawProposal', { proposalId: NonEmptyString, side: Side, ...Recorded }),
  WithdrawPackage: defineCommand('WithdrawPackage', { packageId: NonEmptyString, side: Side, ...Recorded }),
  /** Missing initials are the decider's to reject (TaNeedsBothInitials); `articleNumber` is the article's number in the resulting edition when it changes. */
  ReachTentativeAgreement: defineCommand(
    'ReachTentativeAgreement',
    { articleKey: NonEmptyString, text: NonEmptyString, initialedBy: strictCommand('Initials', {}, { union: Initial, board: Initial }), ...Recorded },
    { basedOnProposalId: NonEmptyString, costing: CostingAttachmentInput, articleNumber: NonEmptyString, articleTitle: NonEmptyString },
  ),
  RevokeTentativeAgreement: defineCommand('RevokeTentativeAgreement', {
    articleKey: NonEmptyString,
    revokedBy: t.keyof({ union: null, board: null, both: null }),
    reason: NonEmptyString,
    ...Recorded,
  }),
  ReachTentativeSettlement: defineCommand('ReachTentativeSettlement', Recorded),
  DeclareImpasse: defineCommand('DeclareImpasse', { requestedBy: t.keyof({ union: null, board: null, joint: null }), articleKeys: t.readonlyArray(NonEmptyString), ...Recorded }),
  /** Items the board found at impasse (all requested = whole, some = part); empty when not reached. */
  RecordImpasseDetermination: defineCommand('RecordImpasseDetermination', { reached: t.boolean, articleKeys: t.readonlyArray(NonEmptyString), ...Recorded }),
  SubmitLastBestOffer: defineCommand('SubmitLastBestOffer', { side: Side, items: t.readonlyArray(LastBestOfferItemInput), ...Recorded }),
  /** `panelSource`: e.g. "FMCS list of 7". */
  SelectMediator: defineCommand('SelectMediator', {
    mediator: NonEmptyString,
    method: t.keyof({ agreement: null, alternateStrike: null }),
    panelSource: NonEmptyString,
    ...Recorded,
  }),
  StartMediation: defineCommand('StartMediation', Recorded),
  RecordRatificationVote: defineCommand('RecordRatificationVote', { yes: NonNegativeInteger, no: NonNegativeInteger, ...Recorded }),
  RecordBoardApproval: defineCommand('RecordBoardApproval', { contingentOnFunding: t.boolean, ...Recorded }),
  /** `fundedCents`: money appropriated for the costed items. */
  RecordFundingDecision: defineCommand('RecordFundingDecision', { fundingAuthority: NonEmptyString, fundedCents: NonNegativeInteger, ...Recorded }),
  /** `effectiveOn`: when the resulting edition takes effect (`occurredOn` is when the cycle concluded). */
  ConcludeCycle: defineCommand('ConcludeCycle', { resultingEdition: NonEmptyString, effectiveOn: IsoDate, ...Recorded }),
};

type Definitions = typeof definitions;
export type BargainingCommandType = keyof Definitions;
type CommandOf<T extends BargainingCommandType> = t.TypeOf<Definitions[T]['command']>;
type InputOf<T extends BargainingCommandType> = t.TypeOf<Definitions[T]['input']>;

export type OpenCycle = CommandOf<'OpenCycle'>;
export type TableProposal = CommandOf<'TableProposal'>;
export type TableCounter = CommandOf<'TableCounter'>;
export type TablePackage = CommandOf<'TablePackage'>;
export type WithdrawProposal = CommandOf<'WithdrawProposal'>;
export type WithdrawPackage = CommandOf<'WithdrawPackage'>;
export type ReachTentativeAgreement = CommandOf<'ReachTentativeAgreement'>;
export type RevokeTentativeAgreement = CommandOf<'RevokeTentativeAgreement'>;
export type ReachTentativeSettlement = CommandOf<'ReachTentativeSettlement'>;
export type DeclareImpasse = CommandOf<'DeclareImpasse'>;
export type RecordImpasseDetermination = CommandOf<'RecordImpasseDetermination'>;
export type SubmitLastBestOffer = CommandOf<'SubmitLastBestOffer'>;
export type SelectMediator = CommandOf<'SelectMediator'>;
export type StartMediation = CommandOf<'StartMediation'>;
export type RecordRatificationVote = CommandOf<'RecordRatificationVote'>;
export type RecordBoardApproval = CommandOf<'RecordBoardApproval'>;
export type RecordFundingDecision = CommandOf<'RecordFundingDecision'>;
export type ConcludeCycle = CommandOf<'ConcludeCycle'>;

export type BargainingCommand = { [T in BargainingCommandType]: CommandOf<T> }[BargainingCommandType];
/** What a service caller supplies for a command, e.g. `BargainingCommandInput<'TableProposal'>`. */
export type BargainingCommandInput<T extends BargainingCommandType> = InputOf<T>;

const mapDefinitions = <K extends 'input' | 'command'>(key: K): { readonly [T in BargainingCommandType]: Definitions[T][K] } =>
  Object.fromEntries(Object.entries(definitions).map(([type, d]) => [type, d[key]])) as { readonly [T in BargainingCommandType]: Definitions[T][K] };

/** The codec of each command's service input, by command type. */
export const bargainingCommandInputs = mapDefinitions('input');

/** The codec of each decider command, by command type. */
export const bargainingCommandCodecs = mapDefinitions('command');

/** Every decider command, told apart by `type`: the `commandCodec` of a bargaining command handler. */
export const BargainingCommandCodec: t.Type<BargainingCommand, unknown, unknown> = taggedUnion('BargainingCommand', 'type', bargainingCommandCodecs);
