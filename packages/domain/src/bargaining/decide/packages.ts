import { firstFailure, reject } from '@laborcase/core';
import type { TablePackage, WithdrawPackage, WithdrawProposal } from '../commands.js';
import { BargainingErrors as Errors, Rules } from '../errors.js';
import { liveProposalOf, packageOf, proposalOf } from '../queries.js';
import type { OpenCycleState, Proposal } from '../state.js';
import { accept, articleAtTable, atTable, notBefore, notInLivePackage, opt, recorded, type Decision } from './common.js';

type TabledPackage = OpenCycleState['packages'][string];

/** Items on at least two articles, one each, offered all or nothing; each item supersedes the side's live position. */
export const decideTablePackage = (c: TablePackage, s: OpenCycleState): Decision => {
  const articleKeys = c.items.map((i) => i.articleKey);
  const ids = c.items.map((i) => i.proposalId);
  const failure = firstFailure(
    packageOf(s, c.packageId) === undefined ? undefined : reject(Errors.duplicatePackageId, `package ${c.packageId} already exists`, Rules.input, 'packageId'),
    new Set(articleKeys).size !== articleKeys.length || articleKeys.length < 2
      ? reject(Errors.packageNeedsSeveralArticles, 'a package holds one item on each of at least two articles', Rules.packages, 'items')
      : undefined,
    new Set(ids).size !== ids.length || ids.some((id) => proposalOf(s, id) !== undefined)
      ? reject(Errors.duplicateProposalId, 'package item ids must be new and distinct', Rules.input, 'items')
      : undefined,
    ...c.items.map((item) =>
      firstFailure(
        articleAtTable(s, item.articleKey, 'items'),
        notInLivePackage(s, c.side, item.articleKey, 'items', (id) => `${item.articleKey} is already in live package ${id}`),
      ),
    ),
  );
  if (failure !== undefined) return failure;
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

const withdrawTabled = (c: WithdrawProposal, p: Proposal, s: OpenCycleState): Decision => {
  const failure = firstFailure(
    atTable(s, 'proposalId'),
    p.side !== c.side ? reject(Errors.notProposingSide, `${c.proposalId} was tabled by ${p.side}`, Rules.withdrawal, 'side') : undefined,
    p.status !== 'live' ? reject(Errors.proposalNotLive, `${c.proposalId} is ${p.status}`, Rules.withdrawal, 'proposalId') : undefined,
    p.packageId !== undefined ? reject(Errors.packageItemsWithdrawTogether, `${c.proposalId} belongs to package ${p.packageId}`, Rules.packages, 'proposalId') : undefined,
    notBefore(Errors.withdrawalBeforeTabling, c.occurredOn, p.tabledOn, `${c.proposalId} was tabled on ${p.tabledOn}`),
  );
  if (failure !== undefined) return failure;
  return accept([{ type: 'ProposalWithdrawn', data: { proposalId: p.proposalId, articleKey: p.articleKey, side: p.side, ...recorded(c) } }]);
};

/** Only the tabling side withdraws its own live proposal; a packaged one goes with its package. */
export const decideWithdrawProposal = (c: WithdrawProposal, s: OpenCycleState): Decision => {
  const p = proposalOf(s, c.proposalId);
  return p === undefined ? reject(Errors.unknownProposal, `no proposal ${c.proposalId}`, Rules.withdrawal, 'proposalId') : withdrawTabled(c, p, s);
};

const withdrawTabledPackage = (c: WithdrawPackage, pkg: TabledPackage, s: OpenCycleState): Decision => {
  const live = pkg.proposalIds.filter((id) => proposalOf(s, id)?.status === 'live');
  const failure = firstFailure(
    atTable(s, 'packageId'),
    pkg.side !== c.side ? reject(Errors.notProposingSide, `${c.packageId} was tabled by ${pkg.side}`, Rules.withdrawal, 'side') : undefined,
    !pkg.live || live.length === 0 ? reject(Errors.packageNotLive, `${c.packageId} is no longer on the table`, Rules.packages, 'packageId') : undefined,
  );
  if (failure !== undefined) return failure;
  return accept([{ type: 'PackageWithdrawn', data: { packageId: c.packageId, side: pkg.side, proposalIds: live, ...recorded(c) } }]);
};

/** A package is withdrawn whole: every item still live goes. */
export const decideWithdrawPackage = (c: WithdrawPackage, s: OpenCycleState): Decision => {
  const pkg = packageOf(s, c.packageId);
  return pkg === undefined ? reject(Errors.unknownPackage, `no package ${c.packageId}`, Rules.packages, 'packageId') : withdrawTabledPackage(c, pkg, s);
};
