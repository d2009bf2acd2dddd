/**
 * Read model 7, the bargaining board: per cycle, each article's status (open / countered / tentatively agreed /
 * withdrawn / reopened), each side's latest position with the costing tabled with it, the TA, and the cycle's
 * milestones (impasse, mediation, settlement, vote, board approval, funding, conclusion).
 *
 * Article numbers and titles come from the agreement streams (registration, renumbering, additions), kept per
 * edition with the date each label took effect, so the report can print them as of the edition in force.
 *
 * Status rules: a side's proposal, counter, package item or last best offer makes the article `countered` when
 * both sides hold a live position, `open` when one does; withdrawing the last live position makes it
 * `withdrawn`; a TA makes it `tentativelyAgreed`; a revoked TA, a rejected settlement's reopened articles and
 * the articles a funding shortfall sends back make it `reopened`, which stays until the next TA.
 */
import type { AgreementEvent } from '@laborcase/domain/agreement';
import type { BargainingEvent } from '@laborcase/domain/bargaining';
import type { CostingAttachment } from '@laborcase/domain/costing';
import { defineProjection, type RowWriter } from '../../definition.js';
import type { JsonValue, Row } from '../../tables.js';

export type BargainingBoardTable = 'cycles' | 'articles' | 'editions' | 'labels';
export type ArticleStatus = 'open' | 'countered' | 'tentativelyAgreed' | 'withdrawn' | 'reopened';
export type Side = 'union' | 'board';

type Rows = RowWriter<BargainingBoardTable>;

const sideColumns = (side: Side) => ({
  proposal: `${side}_proposal_id`,
  text: `${side}_text`,
  on: `${side}_on`,
  costing: `${side}_costing`,
  withdrawn: `${side}_withdrawn`,
});

const costingJson = (costing: CostingAttachment | undefined): JsonValue => (costing === undefined ? null : (costing as unknown as JsonValue));

const articleRow = async (rows: Rows, streamId: string, articleKey: string): Promise<Row> =>
  (await rows.get('articles', { stream_id: streamId, article_key: articleKey })) ?? { stream_id: streamId, article_key: articleKey, at_impasse: false };

const live = (row: Row, side: Side): boolean => row[sideColumns(side).text] !== null && row[sideColumns(side).text] !== undefined && row[sideColumns(side).withdrawn] !== true;

/** The status a change of positions leaves; a TA'd or reopened article keeps its status until the next TA. */
const positionStatus = (row: Row): ArticleStatus => {
  const current = row['status'] as ArticleStatus | undefined;
  if (current === 'tentativelyAgreed' || current === 'reopened') return current;
  if (live(row, 'union') && live(row, 'board')) return 'countered';
  if (live(row, 'union') || live(row, 'board')) return 'open';
  return 'withdrawn';
};

const withStatus = (row: Row, status: ArticleStatus, on: string): Row => (row['status'] === status ? row : { ...row, status, status_on: on });

interface Position {
  readonly side: Side;
  readonly articleKey: string;
  readonly proposalId: string | null;
  readonly text: string;
  readonly costing: CostingAttachment | undefined;
  readonly on: string;
}

const table = async (rows: Rows, streamId: string, position: Position): Promise<void> => {
  const columns = sideColumns(position.side);
  const row = {
    ...(await articleRow(rows, streamId, position.articleKey)),
    [columns.proposal]: position.proposalId,
    [columns.text]: position.text,
    [columns.on]: position.on,
    [columns.costing]: costingJson(position.costing),
    [columns.withdrawn]: false,
  };
  await rows.upsert('articles', withStatus(row, positionStatus(row), position.on));
};

const withdraw = async (rows: Rows, row: Row, side: Side, on: string): Promise<void> => {
  const withdrawn = { ...row, [sideColumns(side).withdrawn]: true };
  await rows.upsert('articles', withStatus(withdrawn, positionStatus(withdrawn), on));
};

const reopen = async (rows: Rows, streamId: string, articleKeys: readonly string[], on: string): Promise<void> => {
  for (const articleKey of articleKeys) await rows.upsert('articles', withStatus(await articleRow(rows, streamId, articleKey), 'reopened', on));
};

const milestone = async (rows: Rows, streamId: string, change: Row): Promise<void> => {
  const row = await rows.get('cycles', { stream_id: streamId });
  if (row !== undefined) await rows.upsert('cycles', { ...row, ...change });
};

const label = async (rows: Rows, streamId: string, articleKey: string, effectiveFrom: string, number: string, title: string | undefined): Promise<void> => {
  const edition = await rows.get('editions', { stream_id: streamId });
  if (edition === undefined) return;
  const key = { unit_id: edition['unit_id'] as string, edition_id: edition['edition_id'] as string, article_key: articleKey };
  const earlier = (await rows.find('labels', key)).filter((l) => (l['effective_from'] as string) <= effectiveFrom).at(-1);
  await rows.upsert('labels', { ...key, effective_from: effectiveFrom, number, title: title ?? (earlier?.['title'] as string | undefined) ?? null, stream_id: streamId });
};

export const bargainingBoardProjection = defineProjection<BargainingEvent | AgreementEvent, BargainingBoardTable>({
  name: 'labor_bargaining_board',
  version: 1,
  tables: [
    {
      name: 'cycles',
      columns: {
        stream_id: 'text',
        unit_id: 'text',
        cycle_id: 'text',
        kind: 'text',
        agreement_edition: 'text',
        opened_on: 'date',
        impasse_declared_on: 'date',
        impasse_determined_on: 'date',
        impasse_outcome: 'text',
        lbo_due_on: 'date',
        mediator_due_on: 'date',
        mediation_due_on: 'date',
        mediator: 'text',
        mediator_selected_on: 'date',
        union_lbo_on: 'date',
        board_lbo_on: 'date',
        mediation_started_on: 'date',
        settlement_on: 'date',
        vote_on: 'date',
        votes_yes: 'integer',
        votes_no: 'integer',
        ratified: 'boolean',
        board_approved_on: 'date',
        contingent_on_funding: 'boolean',
        funding_on: 'date',
        funding_status: 'text',
        funded_cents: 'integer',
        required_cents: 'integer',
        shortfall_cents: 'integer',
        concluded_on: 'date',
        resulting_edition: 'text',
      },
      primaryKey: ['stream_id'],
    },
    {
      name: 'articles',
      columns: {
        stream_id: 'text',
        article_key: 'text',
        status: 'text',
        status_on: 'date',
        union_proposal_id: 'text',
        union_text: 'text',
        union_on: 'date',
        union_costing: 'json',
        union_withdrawn: 'boolean',
        board_proposal_id: 'text',
        board_text: 'text',
        board_on: 'date',
        board_costing: 'json',
        board_withdrawn: 'boolean',
        ta_text: 'text',
        ta_on: 'date',
        ta_costing: 'json',
        at_impasse: 'boolean',
      },
      primaryKey: ['stream_id', 'article_key'],
    },
    { name: 'editions', columns: { stream_id: 'text', unit_id: 'text', edition_id: 'text', effective_from: 'date' }, primaryKey: ['stream_id'] },
    {
      name: 'labels',
      columns: { unit_id: 'text', edition_id: 'text', article_key: 'text', effective_from: 'date', number: 'text', title: 'text', stream_id: 'text' },
      primaryKey: ['unit_id', 'edition_id', 'article_key', 'effective_from'],
    },
  ],
  streamColumn: { cycles: 'stream_id', articles: 'stream_id', editions: 'stream_id', labels: 'stream_id' },
  handlers: {
    async CycleOpened({ streamId, data }, rows) {
      await rows.upsert('cycles', { stream_id: streamId, unit_id: data.unitId, cycle_id: data.cycleId, kind: data.kind, agreement_edition: data.agreementEdition, opened_on: data.occurredOn });
    },
    ProposalTabled: ({ streamId, data }, rows) =>
      table(rows, streamId, { side: data.side, articleKey: data.articleKey, proposalId: data.proposalId, text: data.text, costing: data.costing, on: data.occurredOn }),
    CounterTabled: ({ streamId, data }, rows) =>
      table(rows, streamId, { side: data.side, articleKey: data.articleKey, proposalId: data.proposalId, text: data.text, costing: data.costing, on: data.occurredOn }),
    async PackageTabled({ streamId, data }, rows) {
      for (const item of data.items) await table(rows, streamId, { side: data.side, articleKey: item.articleKey, proposalId: item.proposalId, text: item.text, costing: item.costing, on: data.occurredOn });
    },
    async LastBestOfferSubmitted({ streamId, data }, rows) {
      for (const item of data.items) await table(rows, streamId, { side: data.side, articleKey: item.articleKey, proposalId: null, text: item.text, costing: item.costing, on: data.occurredOn });
      await milestone(rows, streamId, { [`${data.side}_lbo_on`]: data.occurredOn });
    },
    async ProposalWithdrawn({ streamId, data }, rows) {
      const row = await rows.get('articles', { stream_id: streamId, article_key: data.articleKey });
      if (row !== undefined && row[sideColumns(data.side).proposal] === data.proposalId) await withdraw(rows, row, data.side, data.occurredOn);
    },
    async PackageWithdrawn({ streamId, data }, rows) {
      for (const row of await rows.find('articles', { stream_id: streamId })) {
        if (data.proposalIds.includes(row[sideColumns(data.side).proposal] as string)) await withdraw(rows, row, data.side, data.occurredOn);
      }
    },
    async TentativeAgreementReached({ streamId, data }, rows) {
      const row = { ...(await articleRow(rows, streamId, data.articleKey)), ta_text: data.text, ta_on: data.occurredOn, ta_costing: costingJson(data.costing) };
      await rows.upsert('articles', { ...row, status: 'tentativelyAgreed', status_on: data.occurredOn });
    },
    TentativeAgreementRevoked: ({ streamId, data }, rows) => reopen(rows, streamId, [data.articleKey], data.occurredOn),
    TentativeSettlementReached: ({ streamId, data }, rows) => milestone(rows, streamId, { settlement_on: data.occurredOn }),
    ImpasseDeclared: ({ streamId, data }, rows) => milestone(rows, streamId, { impasse_declared_on: data.occurredOn }),
    async ImpasseDetermined({ streamId, data }, rows) {
      await milestone(rows, streamId, {
        impasse_determined_on: data.occurredOn,
        impasse_outcome: data.outcome,
        lbo_due_on: data.lastBestOffersDueOn,
        mediator_due_on: data.mediatorSelectionDueOn,
        mediation_due_on: data.mediationStartDueOn,
      });
      for (const articleKey of data.articleKeys) await rows.upsert('articles', { ...(await articleRow(rows, streamId, articleKey)), at_impasse: true });
    },
    ImpasseNotFound: ({ streamId, data }, rows) => milestone(rows, streamId, { impasse_determined_on: data.occurredOn, impasse_outcome: 'notFound' }),
    MediatorSelected: ({ streamId, data }, rows) => milestone(rows, streamId, { mediator: data.mediator, mediator_selected_on: data.occurredOn }),
    MediationStarted: ({ streamId, data }, rows) => milestone(rows, streamId, { mediation_started_on: data.occurredOn }),
    MembersRatifiedSettlement: ({ streamId, data }, rows) => milestone(rows, streamId, { vote_on: data.occurredOn, votes_yes: data.yes, votes_no: data.no, ratified: true }),
    async MembersRejectedSettlement({ streamId, data }, rows) {
      await milestone(rows, streamId, { vote_on: data.occurredOn, votes_yes: data.yes, votes_no: data.no, ratified: false });
      await reopen(rows, streamId, data.reopenedArticleKeys, data.occurredOn);
    },
    BoardApprovedSettlement: ({ streamId, data }, rows) => milestone(rows, streamId, { board_approved_on: data.occurredOn, contingent_on_funding: data.contingentOnFunding }),
    SettlementFunded: ({ streamId, data }, rows) =>
      milestone(rows, streamId, { funding_on: data.occurredOn, funding_status: 'funded', funded_cents: data.fundedCents, required_cents: data.requiredCents, shortfall_cents: null }),
    async SettlementFundingShortfallRecorded({ streamId, data }, rows) {
      await milestone(rows, streamId, {
        funding_on: data.occurredOn,
        funding_status: 'shortfall',
        funded_cents: data.fundedCents,
        required_cents: data.requiredCents,
        shortfall_cents: data.shortfallCents,
      });
      await reopen(rows, streamId, data.renegotiateArticleKeys, data.occurredOn);
    },
    async CycleConcluded({ streamId, data }, rows) {
      const funding = data.funding;
      const fundingColumns: Row =
        funding.status === 'fundedAfterRenegotiation'
          ? { funding_status: funding.status, funding_on: data.occurredOn, funded_cents: funding.fundedCents, required_cents: funding.renegotiatedRequiredCents }
          : funding.status === 'funded'
            ? { funding_status: funding.status, funding_on: data.occurredOn, funded_cents: funding.fundedCents, required_cents: funding.requiredCents }
            : { funding_status: funding.status };
      await milestone(rows, streamId, { concluded_on: data.occurredOn, resulting_edition: data.resultingEdition, ...fundingColumns });
    },
    async AgreementEditionRegistered({ streamId, data }, rows) {
      await rows.upsert('editions', { stream_id: streamId, unit_id: data.unitId, edition_id: data.editionId, effective_from: data.term.effectiveFrom });
      for (const article of data.articles) await label(rows, streamId, article.key, data.term.effectiveFrom, article.number, article.title);
    },
    ArticleRenumbered: ({ streamId, data }, rows) => label(rows, streamId, data.articleKey, data.effectiveOn, data.number, data.title),
    ArticleAdded: ({ streamId, data }, rows) => label(rows, streamId, data.articleKey, data.effectiveOn, data.number, data.title),
  },
});
