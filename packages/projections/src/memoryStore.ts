/**
 * The in-memory read-model store: the reference implementation. Transactions run one at a time and are undone
 * from an undo log when their work throws, so a failed batch leaves nothing behind.
 */
import type { GlobalPosition } from '@laborcase/core';
import { InvalidProjection, InvalidRow, LeaseLost } from './errors.js';
import { indexAdd, indexKeys, indexRemove, type ColumnIndex } from './memoryIndex.js';
import { createMutex } from './mutex.js';
import { leaseHoldOf, runLeaseKey, WRITTEN, type DeadLetter, type Lease, type ModelTarget, type NewDeadLetter, type ReadModelStore, type ReadModelTransaction, type TransactionOptions } from './store.js';
import { compareByKey, handOut, keyHint, lookupKey, matches, normaliseChanges, normaliseFilter, rowKey, storedRowOver, withChanges, type Row, type RowKey, type TableSpec } from './tables.js';

interface Table {
  readonly spec: TableSpec;
  readonly rows: Map<RowKey, Row>;
  /** Equality indexes on single columns, built on first use by a filter and kept up to date: value → row keys. */
  readonly indexes: Map<string, ColumnIndex>;
  /** The same indexes as a list, for the loop every write runs (no iterator or entry pair per write). */
  readonly indexList: { readonly column: string; readonly index: ColumnIndex }[];
}

interface Model {
  readonly tables: Map<string, Table>;
  checkpoint: GlobalPosition | undefined;
  deadLetters: DeadLetter[];
}

const targetKey = (target: ModelTarget): string => `${target.name}@${target.version}`;

/** Write or remove one row, keeping the table's indexes in step. Returns the row it replaced. */
const put = (t: Table, key: RowKey, row: Row | undefined): Row | undefined => replace(t, key, row, t.rows.get(key));

/** `put` when the caller has looked up the row under `key` already (`before`). */
const replace = (t: Table, key: RowKey, row: Row | undefined, before: Row | undefined): Row | undefined => {
  for (let i = 0; i < t.indexList.length; i++) {
    const { column, index } = t.indexList[i] as Table['indexList'][number];
    const from = before === undefined ? undefined : (before[column] ?? null);
    const to = row === undefined ? undefined : (row[column] ?? null);
    // Most rewrites leave an indexed column (the stream id) as it was: nothing to move.
    if (from === to) continue;
    if (from !== undefined) indexRemove(index, from, key);
    if (to !== undefined) indexAdd(index, to, key);
  }
  if (row === undefined) t.rows.delete(key);
  else t.rows.set(key, row);
  return before;
};

/** Rows that may match `filter`: through an index on its first column (built on first use), or all rows. */
const candidates = (t: Table, filter: Row): [RowKey, Row][] => {
  const first = Object.keys(filter)[0];
  if (first === undefined) return [...t.rows];
  let index = t.indexes.get(first);
  if (index === undefined) {
    index = new Map();
    for (const [key, row] of t.rows) indexAdd(index, row[first] ?? null, key);
    t.indexes.set(first, index);
    t.indexList.push({ column: first, index });
  }
  return indexKeys(index, filter[first] ?? null).map((key) => [key, t.rows.get(key) as Row]);
};

export interface InMemoryReadModelOptions {
  /** Clock for lease expiry (default: the system clock). */
  readonly clock?: () => Date;
}

export const createInMemoryReadModelStore = (options: InMemoryReadModelOptions = {}): ReadModelStore => {
  const clock = options.clock ?? (() => new Date());
  if (typeof clock !== 'function') throw new InvalidProjection('clock', 'must be a function returning a Date');
  const models = new Map<string, Model>();
  const active = new Map<string, number>();
  const leases = new Map<string, Lease>();
  /** Leases held by an open transaction (`holdLease`): nobody else takes them, lapsed or not, until it ends. */
  const pinned = new Set<string>();
  const exclusive = createMutex();
  let nextDeadLetter = 1;

  const modelOf = (target: ModelTarget): Model => {
    const model = models.get(targetKey(target));
    if (model === undefined) throw new InvalidProjection('target', `${target.name} v${target.version} is not prepared`);
    return model;
  };
  const tableOf = (model: Model, target: ModelTarget, table: string) => {
    const found = model.tables.get(table);
    if (found === undefined) throw new InvalidRow(table, 'table', `is not a table of ${target.name} v${target.version}`);
    return found;
  };
  const leaseHeld = (key: string, owner: string): boolean => {
    const lease = leases.get(key);
    return lease !== undefined && lease.owner === owner && Date.parse(lease.expiresAt) > clock().getTime();
  };

  const store: ReadModelStore = {
    kind: 'memory',
    async prepare(target) {
      if (models.has(targetKey(target))) return;
      models.set(targetKey(target), {
        tables: new Map(target.tables.map((spec) => [spec.name, { spec, rows: new Map<RowKey, Row>(), indexes: new Map(), indexList: [] }])),
        checkpoint: undefined,
        deadLetters: [],
      });
    },
    async drop(target) {
      await exclusive(async () => {
        models.delete(targetKey(target));
      });
    },
    transaction<T>(target: ModelTarget, work: (tx: ReadModelTransaction) => Promise<T>, txOptions: TransactionOptions = {}): Promise<T> {
      return exclusive(async () => {
        const model = modelOf(target);
        const hold = leaseHoldOf(target, txOptions);
        if (hold !== undefined && hold.keys.some((key) => !leaseHeld(key, hold.owner))) throw new LeaseLost(target.name, hold.owner);
        for (const key of hold?.keys ?? []) pinned.add(key);
        // Rollback state: the rows each write replaced, as flat (table, key, previous row) triples undone in reverse
        // (no closure per write), the checkpoint, and the dead letters as they were before the first change.
        const undo: (Table | RowKey | Row | undefined)[] = [];
        const checkpointBefore = model.checkpoint;
        let deadLettersBefore: DeadLetter[] | undefined;
        const setRow = (t: Table, key: RowKey, row: Row | undefined): void => {
          undo.push(t, key, put(t, key, row));
        };
        const rollback = (): void => {
          for (let i = undo.length - 3; i >= 0; i -= 3) put(undo[i] as Table, undo[i + 1] as RowKey, undo[i + 2] as Row | undefined);
          model.checkpoint = checkpointBefore;
          if (deadLettersBefore !== undefined) model.deadLetters = deadLettersBefore;
        };
        const deadLettersToChange = (): DeadLetter[] => {
          deadLettersBefore ??= [...model.deadLetters];
          return model.deadLetters;
        };
        // Reads and writes are synchronous here: they return settled promises (a rejected one on bad input, as an
        // async function would) without the async machinery, and a write's promise is one shared object (`WRITTEN`).
        const tx: ReadModelTransaction = {
          get(table, key) {
            try {
              const t = tableOf(model, target, table);
              return Promise.resolve(handOut(t.rows.get(lookupKey(t.spec, key))));
            } catch (error) {
              return Promise.reject(error);
            }
          },
          upsert(table, row) {
            try {
              const t = tableOf(model, target, table);
              const hint = keyHint(t.spec, row);
              const before = hint === undefined ? undefined : t.rows.get(hint);
              const normal = storedRowOver(t.spec, row, before);
              const key = rowKey(t.spec, normal);
              undo.push(t, key, key === hint ? replace(t, key, normal, before) : put(t, key, normal));
              return WRITTEN;
            } catch (error) {
              return Promise.reject(error);
            }
          },
          update(table, key, changes) {
            try {
              const t = tableOf(model, target, table);
              const at = lookupKey(t.spec, key);
              const normal = normaliseChanges(t.spec, changes);
              const before = t.rows.get(at);
              if (before !== undefined) undo.push(t, at, replace(t, at, withChanges(before, normal), before));
              return WRITTEN;
            } catch (error) {
              return Promise.reject(error);
            }
          },
          delete(table, key) {
            try {
              const t = tableOf(model, target, table);
              setRow(t, lookupKey(t.spec, key), undefined);
              return WRITTEN;
            } catch (error) {
              return Promise.reject(error);
            }
          },
          async deleteWhere(table, filter) {
            const t = tableOf(model, target, table);
            const where = normaliseFilter(t.spec, filter);
            let count = 0;
            for (const [key, row] of candidates(t, where)) {
              if (!matches(row, where)) continue;
              setRow(t, key, undefined);
              count++;
            }
            return count;
          },
          async find(table, filter) {
            const t = tableOf(model, target, table);
            const where = normaliseFilter(t.spec, filter);
            return candidates(t, where).map(([, row]) => row).filter((row) => matches(row, where)).sort(compareByKey(t.spec)).map(handOut);
          },
          async checkpoint() {
            return model.checkpoint;
          },
          async setCheckpoint(position) {
            model.checkpoint = position;
          },
          async addDeadLetter(letter: NewDeadLetter) {
            const letters = deadLettersToChange();
            // One letter per event: a repeat (a stopped runner meeting it again) replaces the earlier one.
            const previous = letters.findIndex((d) => d.eventId === letter.eventId);
            if (previous >= 0) letters.splice(previous, 1);
            letters.push({ ...letter, id: nextDeadLetter++, projection: target.name, version: target.version });
          },
          async removeDeadLetter(id) {
            const index = model.deadLetters.findIndex((d) => d.id === id);
            if (index < 0) return false;
            deadLettersToChange().splice(index, 1);
            return true;
          },
        };
        try {
          const result = await work(tx);
          if (hold !== undefined) {
            const expiresAt = new Date(clock().getTime() + hold.ttlMs).toISOString();
            for (const key of hold.keys) leases.set(key, { owner: hold.owner, expiresAt });
          } else if (txOptions.leaseOwner !== undefined && !leaseHeld(runLeaseKey(target.name, target.version), txOptions.leaseOwner)) {
            throw new LeaseLost(target.name, txOptions.leaseOwner);
          }
          return result;
        } catch (error) {
          rollback();
          throw error;
        } finally {
          for (const key of hold?.keys ?? []) pinned.delete(key);
        }
      });
    },
    async checkpoint(target) {
      return modelOf(target).checkpoint;
    },
    async rows(target, table, filter) {
      const t = tableOf(modelOf(target), target, table);
      const where = normaliseFilter(t.spec, filter);
      return [...t.rows.values()].filter((row) => matches(row, where)).sort(compareByKey(t.spec)).map(handOut);
    },
    async deadLetters(target) {
      return [...modelOf(target).deadLetters];
    },
    async activeVersion(name) {
      return active.get(name);
    },
    async activate(target) {
      modelOf(target);
      active.set(target.name, target.version);
    },
    async acquireLease(key, owner, ttlMs) {
      const now = clock().getTime();
      const current = leases.get(key);
      if (current !== undefined && current.owner !== owner && (pinned.has(key) || Date.parse(current.expiresAt) > now)) return current;
      const lease = { owner, expiresAt: new Date(now + ttlMs).toISOString() };
      leases.set(key, lease);
      return lease;
    },
    async releaseLease(key, owner) {
      if (leases.get(key)?.owner === owner) leases.delete(key);
    },
    async close() {},
  };
  return store;
};
