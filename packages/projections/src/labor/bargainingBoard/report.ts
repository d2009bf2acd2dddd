/**
 * The bargaining board report: per cycle, one row per article (number and title as of the edition the cycle
 * bargains from, on the day it opened), each side's latest position with its costing, the TA, the package
 * totals and the milestones.
 */
import type { CostingAttachment } from '@laborcase/domain/costing';
import type { Row } from '../../tables.js';
import { reportRows, type ReportOptions, type ReportRows } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';
import { bargainingBoardProjection, type ArticleStatus, type BargainingBoardTable, type Side } from './projection.js';

export interface BargainingPosition {
  /** Null for a last best offer (it has no proposal id). */
  readonly proposalId: string | null;
  readonly text: string;
  readonly on: string;
  readonly costing: CostingAttachment | null;
  readonly withdrawn: boolean;
}

export interface BargainingTentativeAgreement {
  readonly text: string;
  readonly on: string;
  readonly costing: CostingAttachment | null;
}

export interface BargainingBoardRow {
  readonly articleKey: string;
  /** As printed in the edition the cycle bargains from, on the day the cycle opened; null when unknown. */
  readonly articleNumber: string | null;
  readonly articleTitle: string | null;
  readonly status: ArticleStatus | null;
  readonly statusOn: string | null;
  readonly union: BargainingPosition | null;
  readonly board: BargainingPosition | null;
  readonly tentativeAgreement: BargainingTentativeAgreement | null;
  /** Named in the labor board's impasse determination. */
  readonly atImpasse: boolean;
}

/** Sum of the costing deltas (cents, whole costed term); null when no position of that kind is costed. */
export interface PackageTotals {
  readonly unionDeltaCents: number | null;
  readonly boardDeltaCents: number | null;
  readonly tentativelyAgreedDeltaCents: number | null;
}

export interface BargainingMilestones {
  readonly openedOn: string;
  readonly impasseDeclaredOn: string | null;
  readonly impasseDeterminedOn: string | null;
  /** `whole`, `part` or `notFound`. */
  readonly impasseOutcome: string | null;
  readonly lastBestOffersDueOn: string | null;
  readonly mediatorSelectionDueOn: string | null;
  readonly mediationStartDueOn: string | null;
  readonly mediator: string | null;
  readonly mediatorSelectedOn: string | null;
  readonly unionLastBestOfferOn: string | null;
  readonly boardLastBestOfferOn: string | null;
  readonly mediationStartedOn: string | null;
  readonly tentativeSettlementOn: string | null;
  readonly vote: { readonly on: string; readonly yes: number; readonly no: number; readonly ratified: boolean } | null;
  readonly boardApprovedOn: string | null;
  readonly contingentOnFunding: boolean | null;
  /** The latest funding decision: `funded`, `shortfall`, `fundedAfterRenegotiation` or `notContingent`. */
  readonly funding: {
    readonly status: string;
    readonly on: string | null;
    readonly fundedCents: number | null;
    readonly requiredCents: number | null;
    /** The shortfall recorded on the way, if there was one (it stays after a renegotiated TA is funded). */
    readonly shortfallCents: number | null;
  } | null;
  readonly concludedOn: string | null;
  readonly resultingEdition: string | null;
}

export interface BargainingCycleRow {
  readonly streamId: string;
  readonly unitId: string;
  readonly cycleId: string;
  readonly kind: string;
  readonly agreementEdition: string;
  readonly articles: readonly BargainingBoardRow[];
  readonly packageTotals: PackageTotals;
  readonly milestones: BargainingMilestones;
}

export interface BargainingBoardReport {
  readonly stamp: ReportStamp;
  /** Cycles by unit, then opening date. */
  readonly cycles: readonly BargainingCycleRow[];
}

const text = (row: Row, column: string): string | null => (typeof row[column] === 'string' ? (row[column] as string) : null);
const integer = (row: Row, column: string): number | null => (typeof row[column] === 'number' ? (row[column] as number) : null);
const costing = (row: Row, column: string): CostingAttachment | null => (row[column] === null || row[column] === undefined ? null : (row[column] as unknown as CostingAttachment));

const position = (row: Row, side: Side): BargainingPosition | null => {
  const positionText = text(row, `${side}_text`);
  if (positionText === null) return null;
  return { proposalId: text(row, `${side}_proposal_id`), text: positionText, on: text(row, `${side}_on`) as string, costing: costing(row, `${side}_costing`), withdrawn: row[`${side}_withdrawn`] === true };
};

const total = (costings: readonly (CostingAttachment | null)[]): number | null => {
  const costed = costings.filter((c): c is CostingAttachment => c !== null);
  return costed.length === 0 ? null : costed.reduce((sum, c) => sum + c.delta, 0);
};

const packageTotals = (articles: readonly BargainingBoardRow[]): PackageTotals => {
  const liveCosting = (p: BargainingPosition | null): CostingAttachment | null => (p === null || p.withdrawn ? null : p.costing);
  return {
    unionDeltaCents: total(articles.map((a) => liveCosting(a.union))),
    boardDeltaCents: total(articles.map((a) => liveCosting(a.board))),
    tentativelyAgreedDeltaCents: total(articles.map((a) => (a.status === 'tentativelyAgreed' ? (a.tentativeAgreement?.costing ?? null) : null))),
  };
};

const milestones = (row: Row): BargainingMilestones => {
  const voteOn = text(row, 'vote_on');
  const fundingStatus = text(row, 'funding_status');
  return {
    openedOn: row['opened_on'] as string,
    impasseDeclaredOn: text(row, 'impasse_declared_on'),
    impasseDeterminedOn: text(row, 'impasse_determined_on'),
    impasseOutcome: text(row, 'impasse_outcome'),
    lastBestOffersDueOn: text(row, 'lbo_due_on'),
    mediatorSelectionDueOn: text(row, 'mediator_due_on'),
    mediationStartDueOn: text(row, 'mediation_due_on'),
    mediator: text(row, 'mediator'),
    mediatorSelectedOn: text(row, 'mediator_selected_on'),
    unionLastBestOfferOn: text(row, 'union_lbo_on'),
    boardLastBestOfferOn: text(row, 'board_lbo_on'),
    mediationStartedOn: text(row, 'mediation_started_on'),
    tentativeSettlementOn: text(row, 'settlement_on'),
    vote: voteOn === null ? null : { on: voteOn, yes: integer(row, 'votes_yes') ?? 0, no: integer(row, 'votes_no') ?? 0, ratified: row['ratified'] === true },
    boardApprovedOn: text(row, 'board_approved_on'),
    contingentOnFunding: typeof row['contingent_on_funding'] === 'boolean' ? (row['contingent_on_funding'] as boolean) : null,
    funding:
      fundingStatus === null
        ? null
        : { status: fundingStatus, on: text(row, 'funding_on'), fundedCents: integer(row, 'funded_cents'), requiredCents: integer(row, 'required_cents'), shortfallCents: integer(row, 'shortfall_cents') },
    concludedOn: text(row, 'concluded_on'),
    resultingEdition: text(row, 'resulting_edition'),
  };
};

/**
 * The article labels a cycle prints: those of the edition it names (`ecea-2024-2027`, or the unit's bare edition
 * id) or, when that edition was never registered, of the unit's edition in force on the opening day; each
 * article's label as of that day.
 */
const labelsFor = async (source: ReportRows<BargainingBoardTable>, cycle: Row): Promise<Map<string, Row>> => {
  const unitId = cycle['unit_id'] as string;
  const named = cycle['agreement_edition'] as string;
  const openedOn = cycle['opened_on'] as string;
  const editions = await source.rows('editions', { unit_id: unitId });
  const inForce = editions.filter((e) => (e['effective_from'] as string) <= openedOn).sort((a, b) => ((a['effective_from'] as string) < (b['effective_from'] as string) ? -1 : 1)).at(-1);
  const edition = editions.find((e) => named === `${unitId}-${e['edition_id'] as string}` || named === e['edition_id']) ?? inForce;
  const labels = new Map<string, Row>();
  if (edition === undefined) return labels;
  for (const label of await source.rows('labels', { unit_id: unitId, edition_id: edition['edition_id'] as string })) {
    // Key order puts each article's labels by date: the last one in effect on the opening day wins.
    if ((label['effective_from'] as string) <= openedOn) labels.set(label['article_key'] as string, label);
  }
  return labels;
};

/** Report 7: the bargaining board per cycle, live or as of the given axes. */
export const bargainingBoardReport = async (options: ReportOptions): Promise<BargainingBoardReport> => {
  const source = await reportRows(bargainingBoardProjection, options);
  const cycleRows = (await source.rows('cycles')).sort((a, b) =>
    a['unit_id'] === b['unit_id'] ? ((a['opened_on'] as string) < (b['opened_on'] as string) ? -1 : 1) : (a['unit_id'] as string) < (b['unit_id'] as string) ? -1 : 1,
  );
  const cycles: BargainingCycleRow[] = [];
  for (const cycle of cycleRows) {
    const labels = await labelsFor(source, cycle);
    const articles = (await source.rows('articles', { stream_id: cycle['stream_id'] as string })).map((row): BargainingBoardRow => {
      const articleKey = row['article_key'] as string;
      const label = labels.get(articleKey);
      const taText = text(row, 'ta_text');
      return {
        articleKey,
        articleNumber: label === undefined ? null : text(label, 'number'),
        articleTitle: label === undefined ? null : text(label, 'title'),
        status: text(row, 'status') as ArticleStatus | null,
        statusOn: text(row, 'status_on'),
        union: position(row, 'union'),
        board: position(row, 'board'),
        tentativeAgreement: taText === null ? null : { text: taText, on: text(row, 'ta_on') as string, costing: costing(row, 'ta_costing') },
        atImpasse: row['at_impasse'] === true,
      };
    });
    articles.sort((a, b) => articleOrder(a) - articleOrder(b) || (a.articleKey < b.articleKey ? -1 : 1));
    cycles.push({
      streamId: cycle['stream_id'] as string,
      unitId: cycle['unit_id'] as string,
      cycleId: cycle['cycle_id'] as string,
      kind: cycle['kind'] as string,
      agreementEdition: cycle['agreement_edition'] as string,
      articles,
      packageTotals: packageTotals(articles),
      milestones: milestones(cycle),
    });
  }
  return { stamp: source.stamp, cycles };
};

/** Numbered articles first, by number; then the rest by key. */
const articleOrder = (row: BargainingBoardRow): number => {
  const n = row.articleNumber === null ? Number.NaN : Number.parseInt(row.articleNumber, 10);
  return Number.isNaN(n) ? Number.MAX_SAFE_INTEGER : n;
};
