/**
 * The in-memory read-model store: the reference implementation. Transactions run one at a time and are undone
 * from an undo log when their work throws, so a failed batch leaves nothing behind.
 */
import type { GlobalPosition } from '@laborcase/core';
import { InvalidProjection, InvalidRow, LeaseLost } from './errors.js';
import { createMutex } from './mutex.js';
import { runLeaseKey, type DeadLetter, type Lease, type ModelTarget, type NewDeadLetter, type ReadModelStore, type ReadModelTransaction, type TransactionOptions } from './store.js';
import { compareByKey, keyString, matches, normaliseFilter, normaliseKey, normaliseRow, type Row, type RowValue, type TableSpec } from './tables.js';

interface Table {
  readonly spec: TableSpec;
  readonly rows: Map<string, Row>;
  /** Equality indexes on single columns, built on first use by a filter and kept up to date: value → row keys. */
  readonly indexes: Map<string, Map<RowValue, Set<string>>>;
}

interface Model {
  readonly tables: Map<string, Table>;
  checkpoint: GlobalPosition | undefined;
  deadLetters: DeadLetter[];
}

const targetKey = (target: ModelTarget): string => `${target.name}@${target.version}`;

/** Write or remove one row, keeping the table's indexes in step. */
const put = (t: Table, key: string, row: Row | undefined): void => {
  const before = t.rows.get(key);
  for (const [column, index] of t.indexes) {
    if (before !== undefined) index.get(before[column] ?? null)?.delete(key);
    if (row !== undefined) {
      const value = row[column] ?? null;
      let keys = index.get(value);
      if (keys === undefined) index.set(value, (keys = new Set()));
      keys.add(key);
    }
  }
  if (row === undefined) t.rows.delete(key);
  else t.rows.set(key, row);
};

/** Rows that may match `filter`: through an index on its first column (built on first use), or all rows. */
const candidates = (t: Table, filter: Row): [string, Row][] => {
  const first = Object.keys(filter)[0];
  if (first === undefined) return [...t.rows];
  let index = t.indexes.get(first);
  if (index === undefined) {
    index = new Map();
    for (const [key, row] of t.rows) {
      const value = row[first] ?? null;
      let keys = index.get(value);
      if (keys === undefined) index.set(value, (keys = new Set()));
      keys.add(key);
    }
    t.indexes.set(first, index);
  }
  return [...(index.get(filter[first] ?? null) ?? [])].map((key) => [key, t.rows.get(key) as Row]);
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
        tables: new Map(target.tables.map((spec) => [spec.name, { spec, rows: new Map<string, Row>(), indexes: new Map() }])),
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
        const undo: (() => void)[] = [];
        const setRow = (t: Table, key: string, row: Row | undefined): void => {
          const before = t.rows.get(key);
          undo.push(() => put(t, key, before));
          put(t, key, row);
        };
        const tx: ReadModelTransaction = {
          async get(table, key) {
            const t = tableOf(model, target, table);
            return t.rows.get(keyString(t.spec, normaliseKey(t.spec, key)));
          },
          async upsert(table, row) {
            const t = tableOf(model, target, table);
            const normal = normaliseRow(t.spec, row);
            setRow(t, keyString(t.spec, normal), normal);
          },
          async delete(table, key) {
            const t = tableOf(model, target, table);
            setRow(t, keyString(t.spec, normaliseKey(t.spec, key)), undefined);
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
            return candidates(t, where).map(([, row]) => row).filter((row) => matches(row, where)).sort(compareByKey(t.spec));
          },
          async checkpoint() {
            return model.checkpoint;
          },
          async setCheckpoint(position) {
            const before = model.checkpoint;
            undo.push(() => (model.checkpoint = before));
            model.checkpoint = position;
          },
          async addDeadLetter(letter: NewDeadLetter) {
            const entry: DeadLetter = { ...letter, id: nextDeadLetter++, projection: target.name, version: target.version };
            // One letter per event: a repeat (a stopped runner meeting it again) replaces the earlier one.
            const previous = model.deadLetters.findIndex((d) => d.eventId === letter.eventId);
            const replaced = previous < 0 ? undefined : model.deadLetters.splice(previous, 1)[0];
            model.deadLetters.push(entry);
            undo.push(() => {
              model.deadLetters.splice(model.deadLetters.indexOf(entry), 1);
              if (replaced !== undefined) model.deadLetters.splice(previous, 0, replaced);
            });
          },
          async removeDeadLetter(id) {
            const index = model.deadLetters.findIndex((d) => d.id === id);
            if (index < 0) return false;
            const [removed] = model.deadLetters.splice(index, 1);
            undo.push(() => model.deadLetters.splice(index, 0, removed as DeadLetter));
            return true;
          },
        };
        try {
          const result = await work(tx);
          if (txOptions.leaseOwner !== undefined && !leaseHeld(runLeaseKey(target.name, target.version), txOptions.leaseOwner)) {
            throw new LeaseLost(target.name, txOptions.leaseOwner);
          }
          return result;
        } catch (error) {
          for (let i = undo.length - 1; i >= 0; i--) undo[i]?.();
          throw error;
        }
      });
    },
    async checkpoint(target) {
      return modelOf(target).checkpoint;
    },
    async rows(target, table, filter) {
      const t = tableOf(modelOf(target), target, table);
      const where = normaliseFilter(t.spec, filter);
      return [...t.rows.values()].filter((row) => matches(row, where)).sort(compareByKey(t.spec));
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
      if (current !== undefined && current.owner !== owner && Date.parse(current.expiresAt) > now) return current;
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
