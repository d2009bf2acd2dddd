import type { Term } from './events.js';
import type { ArticleHistory } from './state.js';

export interface NumberClash {
  readonly date: string;
  readonly number: string;
  readonly articleKeys: readonly string[];
}

const numberOn = (history: ArticleHistory, date: string): string | undefined => {
  if (history.removedOn !== undefined && date >= history.removedOn) return undefined;
  let number: string | undefined;
  for (const revision of history.revisions) {
    if (revision.effectiveFrom > date) break;
    number = revision.number;
  }
  return number;
};

/**
 * The first date within the term on which two articles in force carry the same number, if any.
 * The set of articles and numbers only changes on revision and removal dates, so checking those
 * dates (and the start of the term) checks every date of the term.
 */
export const firstNumberClash = (articles: readonly ArticleHistory[], term: Term): NumberClash | undefined => {
  const changeDates = new Set<string>([term.effectiveFrom]);
  for (const history of articles) {
    for (const revision of history.revisions) changeDates.add(revision.effectiveFrom);
    if (history.removedOn !== undefined) changeDates.add(history.removedOn);
  }
  const dates = [...changeDates].filter((d) => d >= term.effectiveFrom && d <= term.expiresOn).sort();
  for (const date of dates) {
    const holders = new Map<string, string[]>();
    for (const history of articles) {
      const number = numberOn(history, date);
      if (number === undefined) continue;
      holders.set(number, [...(holders.get(number) ?? []), history.key]);
    }
    for (const [number, keys] of holders) if (keys.length > 1) return { date, number, articleKeys: keys };
  }
  return undefined;
};
