/**
 * CSV for any report's rows (one CSV per row list: `toCsv(report.byArticle)`), written by `csv-stringify` (see
 * the package README for why): a header row of the column names, RFC 4180 quoting, `\n` line ends; null is an
 * empty field, booleans are `true`/`false`, numbers as JavaScript prints them.
 */
import { stringify } from 'csv-stringify/sync';
import { InvalidProjection } from '../errors.js';

export type CsvValue = string | number | boolean | null;

export interface CsvOptions<Row> {
  /** The columns and their order (default: the first row's keys, in their order). */
  readonly columns?: readonly (keyof Row & string)[];
}

const isCsvValue = (value: unknown): value is CsvValue =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/**
 * The rows as CSV text. Every row must be a plain object whose values are strings, finite numbers, booleans or
 * null, with no column outside `columns`; otherwise `InvalidProjection` names the first offending `rows.i.column`.
 * No rows and no columns give an empty string; no rows with columns, the header alone.
 */
export const toCsv = <Row extends object>(rows: readonly Row[], options: CsvOptions<Row> = {}): string => {
  if (!Array.isArray(rows)) throw new InvalidProjection('rows', 'must be an array of row objects');
  if (options.columns !== undefined && (!Array.isArray(options.columns) || options.columns.some((c) => typeof c !== 'string') || new Set(options.columns).size !== options.columns.length)) {
    throw new InvalidProjection('columns', 'must be a list of distinct column names');
  }
  const first = rows[0];
  const columns: readonly string[] = options.columns ?? (typeof first === 'object' && first !== null ? Object.keys(first) : []);
  const known = new Set(columns);
  const records = rows.map((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new InvalidProjection(`rows.${i}`, 'must be an object');
    const values = row as Record<string, unknown>;
    for (const [column, value] of Object.entries(values)) {
      if (!known.has(column)) throw new InvalidProjection(`rows.${i}.${column}`, 'is not one of the columns');
      if (!isCsvValue(value)) throw new InvalidProjection(`rows.${i}.${column}`, 'must be a string, a finite number, a boolean or null');
    }
    return columns.map((column) => (values[column] === undefined ? null : (values[column] as CsvValue)));
  });
  if (columns.length === 0) return '';
  return stringify([columns, ...records], { cast: { boolean: (value) => (value ? 'true' : 'false') } });
};
