import type { Either } from 'fp-ts/lib/Either.js';
import { isIsoDate, addDays, compareDates, reject, type DomainError, eventValidator } from '@laborcase/core';
import type {
  BargainingCommand,
  ConcludeCycle,
  DeclareImpasse,
  OpenCycle,
  ReachTentativeAgreement,
  RecordFundingDecision,
  RecordImpasseDetermination,
  RecordRatificationVote,
  RevokeTentativeAgreement,
  SubmitLastBestOffer,
  TableCounter,
  TablePackage,
  TableProposal,
  WithdrawPackage,
  WithdrawProposal,
} from './commands.js';
import { bargainingEventDefinitions, type BargainingEvent, type Side } from './events.js';
import { COMAR_14_30_14_02_TIMELINE, Rules } from './rules.js';
import { articleKeysWithStatus, costedDeltaOfTas, liveProposalOf, type BargainingState, type OpenCycleState } from './state.js';

type Decision = Either<DomainError, readonly BargainingEvent[]>;

/** Every event leaves decide valid against its codec; a malformed command field is a typed rejection. */
const accept = eventValidator<BargainingEvent>(bargainingEventDefinitions, Rules.input);

const recorded = (c: { occurredOn: string; actor: string }) => ({ occurredOn: c.occurredOn, actor: c.actor });
const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

// ---------------------------------------------------------------------------------------------- opening

const openCycle = (c: OpenCycle): Decision => {
  if (c.scope.kind === 'articles' && c.scope.articleKeys.length === 0) return reject('EmptyScope', 'a scoped cycle needs at least one article', Rules.scope, 'scope');
  if (c.kind === 'reopener' && c.scope.kind !== 'articles') return reject('ReopenerNeedsScope', 'a reopener lists the articles it reopens', Rules.scope, 'scope');
  return accept([
    {
      type: 'CycleOpened',
      data: {
        cycleId: c.cycleId,
        unitId: c.unitId,
        kind: c.kind,
        agreementEdition: c.agreementEdition,
        scope: c.scope.kind === 'articles' ? { kind: 'articles', articleKeys: [...c.scope.articleKeys] } : { kind: 'all' },
        groundRules: {
          taRevocation: c.groundRules.taRevocation,
          impasseTimeline: { ...COMAR_14_30_14_02_TIMELINE, ...c.groundRules.impasseTimeline },
          ...opt('observerSessions', c.groundRules.observerSessions),
          ...opt('notes', c.groundRules.notes === undefined ? undefined : [...c.groundRules.notes]),
        },
        chiefSpokespersons: { union: c.chiefSpokespersons.union, board: c.chiefSpokespersons.board },
        ...recorded(c),
      },
    },
  ]);
};

// ---------------------------------------------------------------------------------------------- at the table

/** Whether proposals and TAs on `articleKey` may be made now; undefined when they may. */
const tableClosedFor = (s: OpenCycleState, articleKey: string, field: string): Decision | undefined => {
  if (s.phase === 'renegotiating') {
    if (!(s.renegotiation?.articleKeys ?? []).includes(articleKey)) {
      return reject('OutsideRenegotiation', `only the funded items are back at the table, not ${articleKey}`, Rules.funding, field);
    }
  } else if (s.phase !== 'bargaining') {
    return reject('CycleNotAtTable', `the cycle is ${s.phase}; the table is closed`, Rules.atTable, field);
  }
  if (s.scope.kind === 'articles' && !s.scope.articleKeys.includes(articleKey)) {
    return reject('ArticleOutsideScope', `${articleKey} is not in the cycle's scope`, Rules.scope, field, { scope: s.scope.articleKeys });
  }
  if (s.articles[articleKey]?.status === 'tentativelyAgreed') {
    return reject('ArticleAlreadyTentativelyAgreed', `${articleKey} is already tentatively agreed`, Rules.atTable, field);
  }
  return undefined;
};

const packagedLiveProposal = (s: OpenCycleState, side: Side, articleKey: string): string | undefined => {
  const live = liveProposalOf(s, side, articleKey);
  return live?.packageId;
};

const tableProposal = (c: TableProposal | TableCounter, s: OpenCycleState): Decision => {
  if (s.proposals[c.proposalId] !== undefined) return reject('DuplicateProposalId', `proposal ${c.proposalId} already exists`, Rules.input, 'proposalId');
  if (c.type === 'TableCounter') {
    const target = s.proposals[c.respondsTo];
    if (target === undefined) return reject('UnknownProposal', `no proposal ${c.respondsTo}`, Rules.counter, 'respondsTo');
    if (target.side === c.side) return reject('CounterMustAnswerOtherSide', `${c.side} cannot counter its own proposal`, Rules.counter, 'side');
    if (target.articleKey !== c.articleKey) return reject('CounterOnDifferentArticle', `${c.respondsTo} is on ${target.articleKey}, not ${c.articleKey}`, Rules.counter, 'articleKey');
    if (target.status !== 'live') return reject('CounterTargetNotLive', `${c.respondsTo} is ${target.status}`, Rules.counter, 'respondsTo');
    if (compareDates(c.occurredOn, target.tabledOn) < 0) return reject('CounterBeforeProposal', `${c.respondsTo} was tabled on ${target.tabledOn}`, Rules.dates, 'occurredOn');
  }
  const closed = tableClosedFor(s, c.articleKey, 'articleKey');
  if (closed !== undefined) return closed;
  const inPackage = packagedLiveProposal(s, c.side, c.articleKey);
  if (inPackage !== undefined) return reject('ArticleInLivePackage', `${c.side}'s position on ${c.articleKey} is part of package ${inPackage}; withdraw the package first`, Rules.packages, 'articleKey');
  const data = {
    proposalId: c.proposalId,
    side: c.side,
    articleKey: c.articleKey,
    text: c.text,
    tabledBy: c.tabledBy,
    ...recorded(c),
    ...opt('costing', c.costing),
    ...opt('supersedes', liveProposalOf(s, c.side, c.articleKey)?.proposalId),
  };
  return accept([c.type === 'TableCounter' ? { type: 'CounterTabled', data: { ...data, respondsTo: c.respondsTo } } : { type: 'ProposalTabled', data }]);
};

const tablePackage = (c: TablePackage, s: OpenCycleState): Decision => {
  if (s.packages[c.packageId] !== undefined) return reject('DuplicatePackageId', `package ${c.packageId} already exists`, Rules.input, 'packageId');
  const articleKeys = c.items.map((i) => i.articleKey);
  if (new Set(articleKeys).size !== articleKeys.length || articleKeys.length < 2) {
    return reject('PackageNeedsSeveralArticles', 'a package holds one item on each of at least two articles', Rules.packages, 'items');
  }
  const ids = c.items.map((i) => i.proposalId);
  if (new Set(ids).size !== ids.length || ids.some((id) => s.proposals[id] !== undefined)) {
    return reject('DuplicateProposalId', 'package item ids must be new and distinct', Rules.input, 'items');
  }
  for (const item of c.items) {
    const closed = tableClosedFor(s, item.articleKey, 'items');
    if (closed !== undefined) return closed;
    const inPackage = packagedLiveProposal(s, c.side, item.articleKey);
    if (inPackage !== undefined) return reject('ArticleInLivePackage', `${item.articleKey} is already in live package ${inPackage}`, Rules.packages, 'items');
  }
  return accept([
    {
      type: 'PackageTabled',
      data: {
        packageId: c.packageId,
        side: c.side,
        tabledBy: c.tabledBy,
        items: c.items.map((i) => ({
          proposalId: i.proposalId,
          articleKey: i.articleKey,
          text: i.text,
          ...opt('costing', i.costing),
          ...opt('supersedes', liveProposalOf(s, c.side, i.articleKey)?.proposalId),
        })),
        ...recorded(c),
        ...opt('costing', c.costing),
      },
    },
  ]);
};

const atTablePhase = (s: OpenCycleState, field: string): Decision | undefined =>
  s.phase === 'bargaining' || s.phase === 'renegotiating' ? undefined : reject('CycleNotAtTable', `the cycle is ${s.phase}; the table is closed`, Rules.atTable, field);

const withdrawProposal = (c: WithdrawProposal, s: OpenCycleState): Decision => {
  const p = s.proposals[c.proposalId];
  if (p === undefined) return reject('UnknownProposal', `no proposal ${c.proposalId}`, Rules.withdrawal, 'proposalId');
  const closed = atTablePhase(s, 'proposalId');
  if (closed !== undefined) return closed;
  if (p.side !== c.side) return reject('NotProposingSide', `${c.proposalId} was tabled by ${p.side}`, Rules.withdrawal, 'side');
  if (p.status !== 'live') return reject('ProposalNotLive', `${c.proposalId} is ${p.status}`, Rules.withdrawal, 'proposalId');
  if (p.packageId !== undefined) return reject('PackageItemsWithdrawTogether', `${c.proposalId} belongs to package ${p.packageId}`, Rules.packages, 'proposalId');
  if (compareDates(c.occurredOn, p.tabledOn) < 0) return reject('WithdrawalBeforeTabling', `${c.proposalId} was tabled on ${p.tabledOn}`, Rules.dates, 'occurredOn');
  return accept([{ type: 'ProposalWithdrawn', data: { proposalId: p.proposalId, articleKey: p.articleKey, side: p.side, ...recorded(c) } }]);
};

const withdrawPackage = (c: WithdrawPackage, s: OpenCycleState): Decision => {
  const pkg = s.packages[c.packageId];
  if (pkg === undefined) return reject('UnknownPackage', `no package ${c.packageId}`, Rules.packages, 'packageId');
  const closed = atTablePhase(s, 'packageId');
  if (closed !== undefined) return closed;
  if (pkg.side !== c.side) return reject('NotProposingSide', `${c.packageId} was tabled by ${pkg.side}`, Rules.withdrawal, 'side');
  const live = pkg.proposalIds.filter((id) => s.proposals[id]?.status === 'live');
  if (!pkg.live || live.length === 0) return reject('PackageNotLive', `${c.packageId} is no longer on the table`, Rules.packages, 'packageId');
  return accept([{ type: 'PackageWithdrawn', data: { packageId: c.packageId, side: pkg.side, proposalIds: live, ...recorded(c) } }]);
};

const reachTentativeAgreement = (c: ReachTentativeAgreement, s: OpenCycleState): Decision => {
  const closed = tableClosedFor(s, c.articleKey, 'articleKey');
  if (closed !== undefined) return closed;
  if (s.articles[c.articleKey]?.status !== 'open') return reject('ArticleNotOnTable', `${c.articleKey} has nothing on the table to agree`, Rules.atTable, 'articleKey');
  for (const side of ['union', 'board'] as const) {
    const initial = c.initialedBy[side];
    if (initial === undefined) return reject('TaNeedsBothInitials', `the ${side} chief spokesperson has not initialled`, Rules.taInitials, `initialedBy.${side}`);
    if (initial.name !== s.chiefSpokespersons[side]) {
      return reject('NotChiefSpokesperson', `${initial.name} is not the ${side} chief spokesperson (${s.chiefSpokespersons[side]})`, Rules.taInitials, `initialedBy.${side}`);
    }
    if (!isIsoDate(initial.on) || compareDates(initial.on, c.occurredOn) > 0 || compareDates(initial.on, s.openedOn) < 0) {
      return reject('InitialOutsideCycle', `the ${side} initial must be dated between the opening and ${c.occurredOn}`, Rules.dates, `initialedBy.${side}.on`);
    }
  }
  if (c.basedOnProposalId !== undefined) {
    const basis = s.proposals[c.basedOnProposalId];
    if (basis === undefined || basis.articleKey !== c.articleKey) return reject('UnknownProposal', `no proposal ${c.basedOnProposalId} on ${c.articleKey}`, Rules.atTable, 'basedOnProposalId');
  }
  const { union, board } = c.initialedBy as Required<ReachTentativeAgreement['initialedBy']>;
  return accept([
    {
      type: 'TentativeAgreementReached',
      data: {
        articleKey: c.articleKey,
        text: c.text,
        initialedBy: { union: { name: union.name, on: union.on }, board: { name: board.name, on: board.on } },
        ...recorded(c),
        ...opt('costing', c.costing),
        ...opt('basedOnProposalId', c.basedOnProposalId),
        ...opt('articleNumber', c.articleNumber),
        ...opt('articleTitle', c.articleTitle),
      },
    },
  ]);
};

const revokeTentativeAgreement = (c: RevokeTentativeAgreement, s: OpenCycleState): Decision => {
  if (s.phase !== 'bargaining') return reject('CycleNotAtTable', `the cycle is ${s.phase}; TAs can no longer be revoked`, Rules.taRevocation, 'articleKey');
  if (s.articles[c.articleKey]?.status !== 'tentativelyAgreed') return reject('NoTentativeAgreement', `${c.articleKey} has no TA to revoke`, Rules.taRevocation, 'articleKey');
  const rule = s.groundRules.taRevocation;
  if (rule === 'never') return reject('TaRevocationNotAllowed', 'the ground rules do not allow revoking an initialled TA', Rules.taRevocation, 'articleKey');
  if (rule === 'mutualAgreementOnly' && c.revokedBy !== 'both') {
    return reject('TaRevocationNeedsMutualAgreement', 'the ground rules allow revoking a TA only by mutual agreement', Rules.taRevocation, 'revokedBy');
  }
  return accept([{ type: 'TentativeAgreementRevoked', data: { articleKey: c.articleKey, revokedBy: c.revokedBy, reason: c.reason, ...recorded(c) } }]);
};

const reachTentativeSettlement = (c: { occurredOn: string; actor: string }, s: OpenCycleState): Decision => {
  if (s.phase !== 'bargaining') return reject('CycleNotAtTable', `the cycle is ${s.phase}`, Rules.settlement);
  const open = articleKeysWithStatus(s, 'open');
  if (open.length > 0) return reject('OpenArticlesRemain', `still open: ${open.join(', ')}`, Rules.settlement, undefined, { openArticleKeys: open });
  const agreed = articleKeysWithStatus(s, 'tentativelyAgreed');
  if (agreed.length === 0) return reject('NothingTentativelyAgreed', 'a tentative settlement needs at least one TA', Rules.settlement);
  const lastTa = agreed.map((k) => s.articles[k]?.ta?.reachedOn ?? s.openedOn).reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
  if (compareDates(c.occurredOn, lastTa) < 0) return reject('SettlementBeforeLastTa', `the last TA was initialled on ${lastTa}`, Rules.dates, 'occurredOn');
  return accept([
    {
      type: 'TentativeSettlementReached',
      data: { tentativelyAgreedArticleKeys: agreed, withdrawnArticleKeys: articleKeysWithStatus(s, 'withdrawn'), costedDeltaCents: costedDeltaOfTas(s), ...recorded(c) },
    },
  ]);
};

// ---------------------------------------------------------------------------------------------- impasse

const declareImpasse = (c: DeclareImpasse, s: OpenCycleState): Decision => {
  const closed = atTablePhase(s, 'articleKeys');
  if (closed !== undefined) return closed;
  if (s.impasse !== undefined) return reject('ImpasseAlreadyDeclared', `impasse was requested on ${s.impasse.requestedOn}`, Rules.impasse);
  const notInDispute = c.articleKeys.filter((k) => s.articles[k]?.status !== 'open');
  if (c.articleKeys.length === 0 || notInDispute.length > 0) {
    return reject('ImpasseItemNotInDispute', `not open at the table: ${notInDispute.join(', ') || '(no items)'}`, Rules.impasse, 'articleKeys');
  }
  return accept([{ type: 'ImpasseDeclared', data: { requestedBy: c.requestedBy, articleKeys: [...new Set(c.articleKeys)], ...recorded(c) } }]);
};

const recordImpasseDetermination = (c: RecordImpasseDetermination, s: OpenCycleState): Decision => {
  const impasse = s.impasse;
  if (impasse === undefined) return reject('NoImpasseRequest', 'no request for an impasse determination is pending', Rules.impasse);
  if (impasse.determination !== undefined) return reject('ImpasseAlreadyDetermined', `impasse was determined on ${impasse.determination.on}`, Rules.impasse);
  if (compareDates(c.occurredOn, impasse.requestedOn) < 0) return reject('DeterminationBeforeRequest', 'the board cannot determine impasse before it was requested', Rules.dates, 'occurredOn');
  const outside = c.articleKeys.filter((k) => !impasse.requestedItems.includes(k));
  if (outside.length > 0 || (c.reached && c.articleKeys.length === 0) || (!c.reached && c.articleKeys.length > 0)) {
    return reject('DeterminationOutsideRequest', 'a determination covers some or all of the requested items, and none when impasse is not reached', Rules.impasse, 'articleKeys');
  }
  if (!c.reached) return accept([{ type: 'ImpasseNotFound', data: recorded(c) }]);
  const items = [...new Set(c.articleKeys)];
  const limits = s.groundRules.impasseTimeline;
  return accept([
    {
      type: 'ImpasseDetermined',
      data: {
        outcome: items.length === impasse.requestedItems.length ? 'whole' : 'part',
        articleKeys: items,
        lastBestOffersDueOn: addDays(c.occurredOn, limits.lastBestOffersWithinDays),
        mediatorSelectionDueOn: addDays(c.occurredOn, limits.mediatorSelectionWithinDays),
        mediationStartDueOn: addDays(c.occurredOn, limits.mediationStartWithinDays),
        ...recorded(c),
      },
    },
  ]);
};

const determinedImpasse = (s: OpenCycleState, occurredOn: string) => {
  const determination = s.impasse?.determination;
  if (s.impasse === undefined || determination === undefined) return reject('ImpasseNotDetermined', 'the labor board has not determined impasse', Rules.impasse);
  if (compareDates(occurredOn, determination.on) < 0) return reject('BeforeImpasseDetermination', `dated before the determination of ${determination.on}`, Rules.dates, 'occurredOn');
  return { impasse: s.impasse, determination };
};

const submitLastBestOffer = (c: SubmitLastBestOffer, s: OpenCycleState): Decision => {
  const found = determinedImpasse(s, c.occurredOn);
  if ('_tag' in found) return found;
  const { impasse, determination } = found;
  if (impasse.lastBestOffers[c.side] !== undefined) return reject('LastBestOfferAlreadySubmitted', `${c.side} submitted on ${impasse.lastBestOffers[c.side]}`, Rules.lastBestOffer, 'side');
  const keys = c.items.map((i) => i.articleKey);
  const added = keys.filter((k) => !determination.items.includes(k));
  if (added.length > 0) return reject('LastBestOfferAddsNewItem', `not at impasse: ${added.join(', ')}`, Rules.lastBestOffer, 'items', { addedArticleKeys: added });
  const missing = determination.items.filter((k) => !keys.includes(k));
  if (missing.length > 0 || new Set(keys).size !== keys.length) {
    return reject('LastBestOfferIncomplete', `each disputed item must appear once; missing: ${missing.join(', ') || 'none (duplicates)'}`, Rules.lastBestOffer, 'items', { missingArticleKeys: missing });
  }
  const dueOn = determination.lastBestOffersDueOn;
  return accept([
    {
      type: 'LastBestOfferSubmitted',
      data: {
        side: c.side,
        items: c.items.map((i) => ({ articleKey: i.articleKey, text: i.text, ...opt('costing', i.costing) })),
        dueOn,
        late: compareDates(c.occurredOn, dueOn) > 0,
        ...recorded(c),
      },
    },
  ]);
};

const selectMediator = (c: Extract<BargainingCommand, { type: 'SelectMediator' }>, s: OpenCycleState): Decision => {
  const found = determinedImpasse(s, c.occurredOn);
  if ('_tag' in found) return found;
  if (found.impasse.mediator !== undefined) return reject('MediatorAlreadySelected', `${found.impasse.mediator} was selected`, Rules.impasse, 'mediator');
  const dueOn = found.determination.mediatorSelectionDueOn;
  return accept([
    { type: 'MediatorSelected', data: { mediator: c.mediator, method: c.method, panelSource: c.panelSource, dueOn, late: compareDates(c.occurredOn, dueOn) > 0, ...recorded(c) } },
  ]);
};

const startMediation = (c: { occurredOn: string; actor: string }, s: OpenCycleState): Decision => {
  const found = determinedImpasse(s, c.occurredOn);
  if ('_tag' in found) return found;
  if (found.impasse.mediator === undefined) return reject('MediatorNotSelected', 'mediation needs a selected mediator', Rules.impasse);
  if (found.impasse.mediationStartedOn !== undefined) return reject('MediationAlreadyStarted', `mediation started on ${found.impasse.mediationStartedOn}`, Rules.impasse);
  const dueOn = found.determination.mediationStartDueOn;
  return accept([{ type: 'MediationStarted', data: { dueOn, late: compareDates(c.occurredOn, dueOn) > 0, ...recorded(c) } }]);
};

// ---------------------------------------------------------------------------------------------- ratification, funding, conclusion

const recordRatificationVote = (c: RecordRatificationVote, s: OpenCycleState): Decision => {
  if (s.phase !== 'tentativelySettled') return reject('NotTentativelySettled', 'members vote on a tentative settlement', Rules.ratification);
  if (!Number.isSafeInteger(c.yes) || !Number.isSafeInteger(c.no) || c.yes < 0 || c.no < 0 || c.yes + c.no === 0) {
    return reject('InvalidVoteCount', 'vote counts are non-negative integers with at least one vote cast', Rules.input, 'yes');
  }
  if (s.settledOn !== undefined && compareDates(c.occurredOn, s.settledOn) < 0) return reject('VoteBeforeSettlement', `the settlement is dated ${s.settledOn}`, Rules.dates, 'occurredOn');
  // A simple majority of the votes cast ratifies; a tie fails.
  if (c.yes > c.no) return accept([{ type: 'MembersRatifiedSettlement', data: { yes: c.yes, no: c.no, ...recorded(c) } }]);
  return accept([{ type: 'MembersRejectedSettlement', data: { yes: c.yes, no: c.no, reopenedArticleKeys: articleKeysWithStatus(s, 'tentativelyAgreed'), ...recorded(c) } }]);
};

const recordBoardApproval = (c: Extract<BargainingCommand, { type: 'RecordBoardApproval' }>, s: OpenCycleState): Decision => {
  if (s.phase !== 'ratified') return reject('NotRatifiedByMembers', 'the board approves only after member ratification', Rules.ratification);
  if (s.ratification !== undefined && compareDates(c.occurredOn, s.ratification.on) < 0) return reject('ApprovalBeforeRatification', `ratified on ${s.ratification.on}`, Rules.dates, 'occurredOn');
  return accept([{ type: 'BoardApprovedSettlement', data: { contingentOnFunding: c.contingentOnFunding, ...recorded(c) } }]);
};

const recordFundingDecision = (c: RecordFundingDecision, s: OpenCycleState): Decision => {
  if (s.phase !== 'awaitingFunding') return reject('NotAwaitingFunding', 'only a board approval contingent on funding awaits a funding decision', Rules.funding);
  if (!Number.isSafeInteger(c.fundedCents) || c.fundedCents < 0) return reject('InvalidCommand', 'fundedCents must be non-negative integer cents', Rules.input, 'fundedCents');
  if (s.boardApproval !== undefined && compareDates(c.occurredOn, s.boardApproval.on) < 0) return reject('FundingBeforeApproval', `board approved on ${s.boardApproval.on}`, Rules.dates, 'occurredOn');
  const requiredCents = costedDeltaOfTas(s);
  const common = { fundingAuthority: c.fundingAuthority, fundedCents: c.fundedCents, requiredCents, ...recorded(c) };
  if (c.fundedCents >= requiredCents) return accept([{ type: 'SettlementFunded', data: common }]);
  const economic = articleKeysWithStatus(s, 'tentativelyAgreed').filter((k) => s.articles[k]?.ta?.costing !== undefined);
  return accept([{ type: 'SettlementFundingShortfallRecorded', data: { ...common, shortfallCents: requiredCents - c.fundedCents, renegotiateArticleKeys: economic } }]);
};

const concludeCycle = (c: ConcludeCycle, s: OpenCycleState): Decision => {
  const ratification = s.ratification;
  const approval = s.boardApproval;
  if (ratification === undefined || approval === undefined || !['approved', 'funded', 'renegotiating'].includes(s.phase)) {
    return reject('CycleNotReadyToConclude', `the cycle is ${s.phase}; it concludes after ratification, board approval and funding`, Rules.conclusion);
  }
  let funding;
  if (s.phase === 'approved') funding = { status: 'notContingent' as const };
  else if (s.funding === undefined) return reject('CycleNotReadyToConclude', 'no funding decision recorded', Rules.conclusion);
  else if (s.phase === 'funded') funding = { status: 'funded' as const, fundingAuthority: s.funding.fundingAuthority, fundedCents: s.funding.fundedCents, requiredCents: s.funding.requiredCents };
  else {
    const reopened = s.renegotiation?.articleKeys ?? [];
    const pending = reopened.filter((k) => s.articles[k]?.status !== 'tentativelyAgreed');
    if (pending.length > 0) return reject('RenegotiationIncomplete', `funded items not yet re-agreed: ${pending.join(', ')}`, Rules.funding, undefined, { pendingArticleKeys: pending });
    const renegotiatedRequiredCents = costedDeltaOfTas(s);
    if (renegotiatedRequiredCents > s.funding.fundedCents) {
      return reject('RenegotiatedCostExceedsFunding', `the renegotiated TAs cost ${renegotiatedRequiredCents} cents; ${s.funding.fundedCents} were funded`, Rules.funding);
    }
    funding = {
      status: 'fundedAfterRenegotiation' as const,
      fundingAuthority: s.funding.fundingAuthority,
      fundedCents: s.funding.fundedCents,
      originalRequiredCents: s.funding.requiredCents,
      renegotiatedRequiredCents,
    };
  }
  const articleChanges = Object.values(s.articles)
    .map((a) => a.ta)
    .filter((ta): ta is NonNullable<typeof ta> => ta !== undefined && s.articles[ta.articleKey]?.status === 'tentativelyAgreed')
    .map((ta) => ({
      articleKey: ta.articleKey,
      text: ta.text,
      tentativelyAgreedOn: ta.reachedOn,
      ...opt('costing', ta.costing),
      ...opt('articleNumber', ta.articleNumber),
      ...opt('articleTitle', ta.articleTitle),
    }));
  return accept([
    {
      type: 'CycleConcluded',
      data: {
        cycleId: s.cycleId,
        unitId: s.unitId,
        kind: s.kind,
        editionAction: s.kind === 'reopener' ? 'amend' : 'create',
        baseEdition: s.agreementEdition,
        resultingEdition: c.resultingEdition,
        effectiveOn: c.effectiveOn,
        articleChanges,
        unchangedArticleKeys: articleKeysWithStatus(s, 'withdrawn'),
        ratification: { yes: ratification.yes, no: ratification.no, on: ratification.on },
        boardApprovedOn: approval.on,
        funding,
        ...recorded(c),
      },
    },
  ]);
};

// ---------------------------------------------------------------------------------------------- dispatch

export const decide = (command: BargainingCommand, state: BargainingState): Decision => {
  if (!isIsoDate(command.occurredOn)) return reject('InvalidCommand', 'occurredOn must be a YYYY-MM-DD business date', Rules.input, 'occurredOn');
  if (command.type === 'OpenCycle') {
    return state.status === 'notOpened' ? openCycle(command) : reject('CycleAlreadyOpened', `cycle ${state.cycleId} is already open`, Rules.lifecycle);
  }
  if (state.status !== 'open') return reject('CycleNotOpened', 'the bargaining cycle has not been opened', Rules.lifecycle);
  if (state.phase === 'concluded') return reject('CycleAlreadyConcluded', 'a concluded cycle accepts no further commands', Rules.lifecycle);
  if (compareDates(command.occurredOn, state.openedOn) < 0) return reject('BeforeCycleOpened', `the cycle opened on ${state.openedOn}`, Rules.dates, 'occurredOn');
  switch (command.type) {
    case 'TableProposal':
    case 'TableCounter':
      return tableProposal(command, state);
    case 'TablePackage':
      return tablePackage(command, state);
    case 'WithdrawProposal':
      return withdrawProposal(command, state);
    case 'WithdrawPackage':
      return withdrawPackage(command, state);
    case 'ReachTentativeAgreement':
      return reachTentativeAgreement(command, state);
    case 'RevokeTentativeAgreement':
      return revokeTentativeAgreement(command, state);
    case 'ReachTentativeSettlement':
      return reachTentativeSettlement(command, state);
    case 'DeclareImpasse':
      return declareImpasse(command, state);
    case 'RecordImpasseDetermination':
      return recordImpasseDetermination(command, state);
    case 'SubmitLastBestOffer':
      return submitLastBestOffer(command, state);
    case 'SelectMediator':
      return selectMediator(command, state);
    case 'StartMediation':
      return startMediation(command, state);
    case 'RecordRatificationVote':
      return recordRatificationVote(command, state);
    case 'RecordBoardApproval':
      return recordBoardApproval(command, state);
    case 'RecordFundingDecision':
      return recordFundingDecision(command, state);
    case 'ConcludeCycle':
      return concludeCycle(command, state);
  }
};
