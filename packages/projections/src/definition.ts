/**
 * A projection: a name, a version, its tables and one pure handler per event type it reads.
 *
 * Handlers see the decoded, upcast event **with corrections applied** (see `view.ts` for the rules) and write
 * rows through a `RowWriter`; they must be deterministic (no clock, no random, no I/O besides the writer) so
 * that a rebuild, a retry and an as-of build give the same rows.
 */
import type { EventMetadata, GlobalPosition } from '@laborcase/core';
import { InvalidProjection } from './errors.js';
import { checkIdentifier, checkTable, type Row, type RowChanges, type TableSpec } from './tables.js';

/** What a handler is given: the event in force (its original id, position and metadata; corrected content). */
export interface ProjectedEvent<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: GlobalPosition;
  readonly type: Type;
  readonly data: Data;
  /** The original's metadata (its `effectiveOn`, `recordedAt`, provenance): a correction changes content, not the record. */
  readonly metadata: EventMetadata;
  /** Ids of the corrections whose replacement this is (empty when the event is as recorded). */
  readonly correctedBy: readonly string[];
}

/**
 * The row API handlers write through, one projection's tables only. Every call validates its input, and refuses
 * bad input by rejecting (it never throws where it is called).
 *
 * Writes (`upsert`, `update`, `delete`) take effect in the order they are called, and a handler need not await
 * them: the runtime awaits whatever a handler left pending before the next event, and a refused write fails the
 * handler as if it had thrown. So a handler that only writes can be synchronous, which costs a rebuild from
 * memory far less than an async one. Reads (`get`, `find`) and `deleteWhere` answer through their promise:
 * await them before writing on.
 */
export interface RowWriter<TableName extends string = string> {
  get(table: TableName, key: Row): Promise<Row | undefined>;
  /** Insert, or replace the row with the same primary key. Missing columns become null. */
  upsert(table: TableName, row: Row): Promise<void>;
  /**
   * Set some columns of the row with this primary key, when there is one (nothing otherwise): a read-modify-write
   * without the read. `changes` names declared columns outside the key; undefined leaves a column, null clears it.
   */
  update(table: TableName, key: Row, changes: RowChanges): Promise<void>;
  /** Delete by primary key (nothing when absent). */
  delete(table: TableName, key: Row): Promise<void>;
  /** Delete every row whose columns equal `filter`; returns how many. */
  deleteWhere(table: TableName, filter: Row): Promise<number>;
  /** Rows whose columns equal `filter` (all rows without one), in primary-key order. */
  find(table: TableName, filter?: Row): Promise<Row[]>;
}

/** An event shape a projection reads: its type and its (current-schema) data. */
export interface EventShape {
  readonly type: string;
  readonly data: unknown;
}

export type Handlers<Events extends EventShape, TableName extends string> = {
  readonly [Type in Events['type']]?: (
    event: ProjectedEvent<Type, Extract<Events, { type: Type }>['data']>,
    rows: RowWriter<TableName>,
  ) => Promise<void> | void;
};

export interface ProjectionDefinition<Events extends EventShape = EventShape, TableName extends string = string> {
  /** Lower-case identifier (at most 24 characters, no `__`): it prefixes the SQL tables. */
  readonly name: string;
  /** Positive integer. A new version is built beside the old one (blue/green); bump it when tables or handlers change. */
  readonly version: number;
  readonly tables: readonly (TableSpec & { readonly name: TableName })[];
  readonly handlers: Handlers<Events, TableName>;
  /**
   * Remove what was projected from one stream, before its effective events are re-applied after a correction
   * or retraction in it. Default: delete the rows whose `streamColumn` equals the stream id, in every table
   * that declares one (such a column is indexed). A projection must give one or the other.
   */
  readonly forgetStream?: (streamId: string, rows: RowWriter<TableName>) => Promise<void> | void;
  /** Per table: the column holding the id of the stream a row was projected from (for the default `forgetStream`). */
  readonly streamColumn?: { readonly [Table in TableName]?: string };
}

/** A checked definition plus what the runtime derives from it. */
export interface Projection<Events extends EventShape = EventShape, TableName extends string = string> extends ProjectionDefinition<Events, TableName> {
  /** The event types it has a handler for. */
  readonly eventTypes: readonly string[];
  readonly forget: (streamId: string, rows: RowWriter<TableName>) => Promise<void>;
}

const MAX_VERSION = 9999;

/** Check a definition and fill in the defaults. Throws `InvalidProjection` naming the offending field. */
export const defineProjection = <Events extends EventShape, TableName extends string>(
  definition: ProjectionDefinition<Events, TableName>,
): Projection<Events, TableName> => {
  if (typeof definition !== 'object' || definition === null) throw new InvalidProjection('projection', 'must be an object');
  checkIdentifier('name', definition.name, 24);
  if (!Number.isSafeInteger(definition.version) || definition.version < 1 || definition.version > MAX_VERSION) {
    throw new InvalidProjection('version', `must be an integer from 1 to ${MAX_VERSION}, got ${String(definition.version)}`);
  }
  if (!Array.isArray(definition.tables) || definition.tables.length === 0) throw new InvalidProjection('tables', 'must declare at least one table');
  const names = new Set<string>();
  definition.tables.forEach((table, i) => {
    checkTable(table, `tables.${i}`);
    if (names.has(table.name)) throw new InvalidProjection(`tables.${i}.name`, `table ${table.name} is declared twice`);
    names.add(table.name);
  });
  if (typeof definition.handlers !== 'object' || definition.handlers === null) throw new InvalidProjection('handlers', 'must map event types to functions');
  const entries = Object.entries(definition.handlers as Record<string, unknown>);
  if (entries.length === 0) throw new InvalidProjection('handlers', 'must handle at least one event type');
  for (const [type, handler] of entries) {
    if (typeof handler !== 'function') throw new InvalidProjection(`handlers.${type}`, 'must be a function');
    if (type === 'EventCorrected' || type === 'EventRetracted') {
      throw new InvalidProjection(`handlers.${type}`, 'corrections are applied by the runtime; handle the corrected event types instead');
    }
  }
  const streamColumns = Object.entries((definition.streamColumn ?? {}) as Record<string, string | undefined>);
  for (const [table, column] of streamColumns) {
    const spec = definition.tables.find((t) => t.name === table);
    if (spec === undefined) throw new InvalidProjection(`streamColumn.${table}`, 'is not a declared table');
    if (column === undefined || spec.columns[column] !== 'text') throw new InvalidProjection(`streamColumn.${table}`, 'must name a text column of the table');
  }
  if (definition.forgetStream !== undefined && typeof definition.forgetStream !== 'function') throw new InvalidProjection('forgetStream', 'must be a function');
  if (definition.forgetStream === undefined && streamColumns.length === 0) {
    throw new InvalidProjection('forgetStream', 'give forgetStream or a streamColumn for at least one table, so a correction can re-project its stream');
  }
  const forget = async (streamId: string, rows: RowWriter<TableName>): Promise<void> => {
    if (definition.forgetStream !== undefined) {
      await definition.forgetStream(streamId, rows);
      return;
    }
    for (const [table, column] of streamColumns) await rows.deleteWhere(table as TableName, { [column as string]: streamId });
  };
  // A correction deletes by stream column: index it (SQL), unless the table already leads an index or its key with it.
  const tables = definition.tables.map((table) => {
    const column = (definition.streamColumn as Record<string, string | undefined> | undefined)?.[table.name];
    if (column === undefined || table.primaryKey[0] === column || (table.indexes ?? []).some((index: readonly string[]) => index[0] === column)) return table;
    return { ...table, indexes: [...(table.indexes ?? []), [column]] };
  });
  return { ...definition, tables, eventTypes: entries.map(([type]) => type).sort(), forget };
};

/** Any projection, its event and table types erased: what the runtime functions take. */
export type AnyProjection = Projection<never, string>;

/** The handler for a type, untyped (the runtime dispatches on the event's type string). */
/** A handler with its event and table types erased, as the runtime calls it. */
export type AnyHandler = (event: ProjectedEvent, rows: RowWriter) => Promise<void> | void;

export const handlerOf = (projection: AnyProjection, type: string): AnyHandler | undefined => (projection.handlers as Record<string, AnyHandler | undefined>)[type];
