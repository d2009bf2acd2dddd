/**
 * Agreement articles as a read-model table: one row per (unit, edition, stable article key, date a change takes
 * effect), from the edition's registration and its later article events, so a report can print an article's
 * number and title as of the edition in force on its date (the FY27 reopener renumbers Planning Time from
 * Art. 12 to Art. 13 on 2026-07-01: same key, new number). A null number or title means "unchanged".
 */
import type { AgreementEvent } from '@laborcase/domain/agreement';
import type { ProjectedEvent, RowWriter } from '../../definition.js';
import type { Row, TableSpec } from '../../tables.js';
import { byText } from './aggregate.js';
import { flag, optionalText, text } from './facts.js';

export const articlesTable = {
  name: 'articles',
  columns: { unit_id: 'text', edition_id: 'text', article_key: 'text', effective_from: 'date', stream_id: 'text', number: 'text', title: 'text', removed: 'boolean' },
  primaryKey: ['unit_id', 'edition_id', 'article_key', 'effective_from'],
  indexes: [['stream_id']],
} as const satisfies TableSpec;

type AgreementEventOf<T extends AgreementEvent['type']> = ProjectedEvent<T, Extract<AgreementEvent, { type: T }>['data']>;

interface Change {
  readonly articleKey: string;
  readonly effectiveOn: string;
  readonly number?: string | undefined;
  readonly title?: string | undefined;
  readonly removed?: boolean;
}

/** Record a change, merged with another change of the same article taking effect the same day. */
const record = async (rows: RowWriter<'articles'>, streamId: string, change: Change): Promise<void> => {
  const [registered] = await rows.find('articles', { stream_id: streamId });
  if (registered === undefined) return;
  const key = { unit_id: text(registered, 'unit_id'), edition_id: text(registered, 'edition_id'), article_key: change.articleKey, effective_from: change.effectiveOn };
  const same = await rows.get('articles', key);
  await rows.upsert('articles', {
    ...key,
    stream_id: streamId,
    number: change.number ?? (same === undefined ? null : optionalText(same, 'number')),
    title: change.title ?? (same === undefined ? null : optionalText(same, 'title')),
    removed: change.removed ?? (same !== undefined && flag(same, 'removed')),
  });
};

/** Handlers keeping the `articles` table: spread them into a projection's handlers. */
export const articleHandlers = {
  async AgreementEditionRegistered(event: AgreementEventOf<'AgreementEditionRegistered'>, rows: RowWriter<'articles'>) {
    const { unitId, editionId, term, articles } = event.data;
    for (const article of articles) {
      await rows.upsert('articles', { unit_id: unitId, edition_id: editionId, article_key: article.key, effective_from: term.effectiveFrom, stream_id: event.streamId, number: article.number, title: article.title, removed: false });
    }
  },
  ArticleRenumbered: (event: AgreementEventOf<'ArticleRenumbered'>, rows: RowWriter<'articles'>) =>
    record(rows, event.streamId, { articleKey: event.data.articleKey, effectiveOn: event.data.effectiveOn, number: event.data.number, title: event.data.title }),
  async ArticleAmended(event: AgreementEventOf<'ArticleAmended'>, rows: RowWriter<'articles'>) {
    // Only a new title shows in reports; an amendment of the text alone changes nothing here.
    if (event.data.title !== undefined) await record(rows, event.streamId, { articleKey: event.data.articleKey, effectiveOn: event.data.effectiveOn, title: event.data.title });
  },
  ArticleAdded: (event: AgreementEventOf<'ArticleAdded'>, rows: RowWriter<'articles'>) =>
    record(rows, event.streamId, { articleKey: event.data.articleKey, effectiveOn: event.data.effectiveOn, number: event.data.number, title: event.data.title, removed: false }),
  ArticleRemoved: (event: AgreementEventOf<'ArticleRemoved'>, rows: RowWriter<'articles'>) =>
    record(rows, event.streamId, { articleKey: event.data.articleKey, effectiveOn: event.data.effectiveOn, removed: true }),
};

/** An article's number and title as of a date, from the `articles` rows. */
export class ArticleVersions {
  private readonly byArticle = new Map<string, Row[]>();

  constructor(rows: readonly Row[]) {
    for (const row of [...rows].sort((a, b) => byText(text(a, 'effective_from'), text(b, 'effective_from')))) {
      const key = JSON.stringify([text(row, 'unit_id'), text(row, 'edition_id'), text(row, 'article_key')]);
      this.byArticle.set(key, [...(this.byArticle.get(key) ?? []), row]);
    }
  }

  /** The number and title in force on `date`, or undefined when the edition's articles are unknown or not yet in force. */
  asOf(unitId: string, editionId: string, articleKey: string, date: string): { readonly number: string; readonly title: string } | undefined {
    let number: string | null = null;
    let title: string | null = null;
    for (const row of this.byArticle.get(JSON.stringify([unitId, editionId, articleKey])) ?? []) {
      if (text(row, 'effective_from') > date) break;
      number = optionalText(row, 'number') ?? number;
      title = optionalText(row, 'title') ?? title;
    }
    return number === null || title === null ? undefined : { number, title };
  }
}
