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
export {
  bargainingCommandInputs,
  bargainingCommandCodecs,
  BargainingCommandCodec,
  type BargainingCommand,
  type BargainingCommandType,
  type BargainingCommandInput,
} from './commands.js';
/** Each bargaining command's type, e.g. `BargainingCommands.RecordBoardApproval`. */
export type * as BargainingCommands from './commands.js';
export { BargainingErrors, Rules as BargainingRules, type BargainingErrorCode } from './errors.js';
export {
  initialBargainingState,
  evolve as evolveBargaining,
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
export {
  liveProposalsOn,
  liveProposalOf,
  articleKeysWithStatus,
  costedDeltaOfTas,
  proposalOf,
  packageOf,
  articleOf,
  bargainingHistory,
  type BargainingHistory,
  type ArticleHistoryEntry,
  type CycleMilestone,
} from './queries.js';
export { decide as decideBargaining, bargainingCycleDecider } from './decide/index.js';
export { bargainingStreamId } from './streamId.js';
export { COMAR_14_30_14_02_TIMELINE, MAX_IMPASSE_LIMIT_DAYS } from './impasseTimeline.js';
export { createBargainingService, BargainingCycleRef, type BargainingService, type BargainingServiceOptions, type BargainingOperations } from './service.js';
