import type { ArticleState, ArticleStatus, OpenCycleState, Proposal } from './state.js';
import type { Side } from './events.js';

export { bargainingHistory, type BargainingHistory, type ArticleHistoryEntry, type CycleMilestone } from './history.js';

// Ids and article keys are caller-chosen strings: look them up as own properties only, so an id such as
// `constructor` or `__proto__` is an ordinary id and never finds a member of Object.prototype.
const own = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

export const proposalOf = (state: OpenCycleState, proposalId: string): Proposal | undefined => own(state.proposals, proposalId);

export const packageOf = (state: OpenCycleState, packageId: string): OpenCycleState['packages'][string] | undefined => own(state.packages, packageId);

export const articleOf = (state: OpenCycleState, articleKey: string): ArticleState | undefined => own(state.articles, articleKey);

export const liveProposalsOn = (state: OpenCycleState, articleKey: string): Proposal[] =>
  Object.values(state.proposals).filter((p) => p.articleKey === articleKey && p.status === 'live');

export const liveProposalOf = (state: OpenCycleState, side: Side, articleKey: string): Proposal | undefined =>
  liveProposalsOn(state, articleKey).find((p) => p.side === side);

export const articleKeysWithStatus = (state: OpenCycleState, status: ArticleStatus): string[] =>
  Object.entries(state.articles)
    .filter(([, a]) => a.status === status)
    .map(([key]) => key);

/** The sum of the costed TAs' deltas (the money the settlement needs). */
export const costedDeltaOfTas = (state: OpenCycleState, articleKeys?: readonly string[]): number =>
  Object.entries(state.articles)
    .filter(([key, a]) => a.status === 'tentativelyAgreed' && (articleKeys === undefined || articleKeys.includes(key)))
    .reduce((sum, [, a]) => sum + (a.ta?.costing?.delta ?? 0), 0);
