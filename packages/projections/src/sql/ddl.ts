/**
 * SQL names and DDL of read-model tables. A projection version's table `t` of projection `p` is the plain table
 * `p__v<version>__t`; the view `p__t` selects from the active version's table, so report tools query
 * `schema.p__t` and never see a switch.
 */
import type { ModelTarget } from '../store.js';
import type { ColumnType, TableSpec } from '../tables.js';

export const q = (identifier: string): string => `"${identifier}"`;
export const tableName = (target: { readonly name: string; readonly version: number }, table: string): string => `${target.name}__v${target.version}__${table}`;
export const viewName = (name: string, table: string): string => `${name}__${table}`;

export const SQL_TYPES: { readonly [Type in ColumnType]: string } = {
  text: 'text COLLATE "C"',
  integer: 'bigint',
  number: 'double precision',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamptz',
  json: 'jsonb',
};

/** The type a column's values are sent to the server as (arrays of it, `unnest`ed into rows), without collation. */
export const RECORD_TYPES: { readonly [Type in ColumnType]: string } = { ...SQL_TYPES, text: 'text' };

/** How a column is selected so that it reads back exactly as written, whatever the driver's type parsers do. */
export const selectExpression = (column: string, type: ColumnType): string => {
  const c = q(column);
  switch (type) {
    case 'text':
    case 'boolean':
      return `${c} AS ${c}`;
    case 'integer':
    case 'number':
    case 'json':
      return `${c}::text AS ${c}`;
    case 'date':
      return `to_char(${c}, 'YYYY-MM-DD') AS ${c}`;
    case 'timestamp':
      return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${c}`;
  }
};

/** CREATE TABLE and its indexes, for `schema` (quoted). Deterministic: the store records it to notice a changed definition. */
export const tableDdl = (s: string, target: ModelTarget, table: TableSpec): string[] => {
  const name = tableName(target, table.name);
  const columns = Object.entries(table.columns).map(([column, type]) => `${q(column)} ${SQL_TYPES[type]}${table.primaryKey.includes(column) ? ' NOT NULL' : ''}`);
  const statements = [`CREATE TABLE IF NOT EXISTS ${s}.${q(name)} (${columns.join(', ')}, PRIMARY KEY (${table.primaryKey.map(q).join(', ')}))`];
  (table.indexes ?? []).forEach((index, i) => {
    statements.push(`CREATE INDEX IF NOT EXISTS ${q(`${name}__i${i}`)} ON ${s}.${q(name)} (${index.map(q).join(', ')})`);
  });
  return statements;
};
