import { formatCents } from '../costing/money.js';
import type { BargainingEvent, Side } from './events.js';

/** One thing that happened to an article at the table, as an arbitrator reading bargaining history needs it. */
export interface ArticleHistoryEntry {
  readonly on: string;
  readonly what: 'tabled' | 'countered' | 'packaged' | 'withdrawn' | 'tentativelyAgreed' | 'taRevoked' | 'reopenedByMemberRejection' | 'reopenedByFundingShortfall' | 'lastBestOffer';
  readonly side?: Side | 'both';
  readonly proposalId?: string;
  readonly respondsTo?: string;
  readonly packageId?: string;
  readonly text?: string;
  /** The costing delta attached when it happened (what was known then), in cents. */
  readonly costDeltaCents?: number;
  readonly initialedOn?: { readonly union: string; readonly board: string };
}

export interface CycleMilestone {
  readonly on: string;
  readonly what: string;
}

export interface BargainingHistory {
  readonly articles: Readonly<Record<string, readonly ArticleHistoryEntry[]>>;
  readonly milestones: readonly CycleMilestone[];
}

const withCost = (delta: number | undefined) => (delta === undefined ? {} : { costDeltaCents: delta });

/** Per-article bargaining history and cycle milestones, read straight from the stream. Pure. */
export const bargainingHistory = (events: readonly BargainingEvent[]): BargainingHistory => {
  const articles = new Map<string, ArticleHistoryEntry[]>();
  const milestones: CycleMilestone[] = [];
  const articleOf = new Map<string, string>();
  const add = (key: string, entry: ArticleHistoryEntry) => {
    const entries = articles.get(key);
    if (entries === undefined) articles.set(key, [entry]);
    else entries.push(entry);
  };

  for (const event of events) {
    switch (event.type) {
      case 'CycleOpened':
        milestones.push({ on: event.data.occurredOn, what: `${event.data.kind} cycle opened on ${event.data.agreementEdition}` });
        break;
      case 'ProposalTabled':
      case 'CounterTabled': {
        const d = event.data;
        articleOf.set(d.proposalId, d.articleKey);
        add(d.articleKey, {
          on: d.occurredOn,
          what: event.type === 'CounterTabled' ? 'countered' : 'tabled',
          side: d.side,
          proposalId: d.proposalId,
          ...(event.type === 'CounterTabled' ? { respondsTo: event.data.respondsTo } : {}),
          text: d.text,
          ...withCost(d.costing?.delta),
        });
        break;
      }
      case 'PackageTabled':
        for (const item of event.data.items) {
          articleOf.set(item.proposalId, item.articleKey);
          add(item.articleKey, { on: event.data.occurredOn, what: 'packaged', side: event.data.side, proposalId: item.proposalId, packageId: event.data.packageId, text: item.text, ...withCost(item.costing?.delta) });
        }
        break;
      case 'ProposalWithdrawn':
        add(event.data.articleKey, { on: event.data.occurredOn, what: 'withdrawn', side: event.data.side, proposalId: event.data.proposalId });
        break;
      case 'PackageWithdrawn':
        for (const id of event.data.proposalIds) {
          const key = articleOf.get(id);
          if (key !== undefined) add(key, { on: event.data.occurredOn, what: 'withdrawn', side: event.data.side, proposalId: id, packageId: event.data.packageId });
        }
        break;
      case 'TentativeAgreementReached':
        add(event.data.articleKey, {
          on: event.data.occurredOn,
          what: 'tentativelyAgreed',
          side: 'both',
          text: event.data.text,
          initialedOn: { union: event.data.initialedBy.union.on, board: event.data.initialedBy.board.on },
          ...withCost(event.data.costing?.delta),
        });
        break;
      case 'TentativeAgreementRevoked':
        add(event.data.articleKey, { on: event.data.occurredOn, what: 'taRevoked', side: event.data.revokedBy, text: event.data.reason });
        break;
      case 'MembersRejectedSettlement':
        event.data.reopenedArticleKeys.forEach((k) => add(k, { on: event.data.occurredOn, what: 'reopenedByMemberRejection' }));
        milestones.push({ on: event.data.occurredOn, what: `members rejected the settlement ${event.data.yes}–${event.data.no}` });
        break;
      case 'SettlementFundingShortfallRecorded':
        event.data.renegotiateArticleKeys.forEach((k) => add(k, { on: event.data.occurredOn, what: 'reopenedByFundingShortfall' }));
        milestones.push({ on: event.data.occurredOn, what: `${event.data.fundingAuthority} funding shortfall of ${formatCents(event.data.shortfallCents)}` });
        break;
      case 'LastBestOfferSubmitted':
        event.data.items.forEach((i) => add(i.articleKey, { on: event.data.occurredOn, what: 'lastBestOffer', side: event.data.side, text: i.text, ...withCost(i.costing?.delta) }));
        break;
      case 'TentativeSettlementReached':
        milestones.push({ on: event.data.occurredOn, what: 'tentative settlement' });
        break;
      case 'ImpasseDeclared':
        milestones.push({ on: event.data.occurredOn, what: `impasse requested by ${event.data.requestedBy} on ${event.data.articleKeys.join(', ')}` });
        break;
      case 'ImpasseDetermined':
        milestones.push({ on: event.data.occurredOn, what: `impasse determined in ${event.data.outcome} on ${event.data.articleKeys.join(', ')}` });
        break;
      case 'ImpasseNotFound':
        milestones.push({ on: event.data.occurredOn, what: 'labor board found no impasse' });
        break;
      case 'MediatorSelected':
        milestones.push({ on: event.data.occurredOn, what: `mediator selected: ${event.data.mediator}${event.data.late ? ' (late)' : ''}` });
        break;
      case 'MediationStarted':
        milestones.push({ on: event.data.occurredOn, what: `mediation started${event.data.late ? ' (late)' : ''}` });
        break;
      case 'MembersRatifiedSettlement':
        milestones.push({ on: event.data.occurredOn, what: `members ratified ${event.data.yes}–${event.data.no}` });
        break;
      case 'BoardApprovedSettlement':
        milestones.push({ on: event.data.occurredOn, what: `board approved${event.data.contingentOnFunding ? ', contingent on funding' : ''}` });
        break;
      case 'SettlementFunded':
        milestones.push({ on: event.data.occurredOn, what: `${event.data.fundingAuthority} funded the settlement` });
        break;
      case 'CycleConcluded':
        milestones.push({ on: event.data.occurredOn, what: `concluded: ${event.data.editionAction} ${event.data.resultingEdition} effective ${event.data.effectiveOn}` });
        break;
    }
  }
  return { articles: Object.fromEntries(articles), milestones };
};
