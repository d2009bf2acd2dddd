/**
 * BargainingCycle aggregate (stream `bargaining-{unitId}-{cycleId}`). Generic names (Side, Proposal, …) are
 * exported under bargaining-specific aliases so the folder can be re-exported next to other aggregates.
 */
export {
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
  bargainingEventDefinitions,
  Side as BargainingSide,
  Initial as TaInitial,
  CycleKind as BargainingCycleKind,
  CycleScope as BargainingCycleScope,
  GroundRules as BargainingGroundRules,
  ImpasseTimeline,
  TaRevocationRule,
  PackageItem as BargainingPackageItem,
  ArticleChange as ConcludedArticleChange,
  FundingOutcome as CycleFundingOutcome,
  type BargainingEvent,
  type BargainingEventType,
  type BargainingEventData,
} from './events.js';
export type { BargainingCommand } from './commands.js';
/** Each bargaining command's type, e.g. `BargainingCommands.RecordBoardApproval`. */
export type * as BargainingCommands from './commands.js';
export {
  initialBargainingState,
  liveProposalsOn,
  liveProposalOf,
  articleKeysWithStatus,
  costedDeltaOfTas,
  type BargainingState,
  type OpenCycleState as OpenBargainingCycleState,
  type CyclePhase as BargainingCyclePhase,
  type Proposal as BargainingProposal,
  type ProposalStatus as BargainingProposalStatus,
  type TentativeAgreement,
  type ArticleStatus as BargainingArticleStatus,
  type ArticleState as BargainingArticleState,
  type Impasse as BargainingImpasse,
} from './state.js';
export { decide as decideBargaining } from './decide.js';
export { evolve as evolveBargaining } from './evolve.js';
export { bargainingCycleDecider, bargainingStreamId } from './decider.js';
export { bargainingHistory, type BargainingHistory, type ArticleHistoryEntry, type CycleMilestone } from './history.js';
export { COMAR_14_30_14_02_TIMELINE, Rules as BargainingRules } from './rules.js';
