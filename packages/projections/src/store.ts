/**
 * The read-model store: where projections keep their rows, checkpoints, dead letters and leases. One small
 * interface; the in-memory and SQL stores implement it and pass one contract suite (`./contract`).
 *
 * A projection version is a `ModelTarget`; each has its own tables, checkpoint and dead letters, so a new
 * version builds beside the live one and `activate` switches readers over in one step.
 */
import type { GlobalPosition } from '@laborcase/core';
import { InvalidProjection } from './errors.js';
import type { RowWriter } from './definition.js';
import type { Row, TableSpec } from './tables.js';

/** One version of one projection, as far as storage is concerned. */
export interface ModelTarget {
  readonly name: string;
  readonly version: number;
  readonly tables: readonly TableSpec[];
}

export interface DeadLetter {
  /** Store-assigned, increasing. */
  readonly id: number;
  readonly projection: string;
  readonly version: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly eventType: string;
  readonly globalPosition: GlobalPosition;
  readonly reason: 'quarantined' | 'handler-failed';
  readonly error: string;
  /** When it was dead-lettered (the runner's clock). */
  readonly recordedAt: string;
}

export type NewDeadLetter = Omit<DeadLetter, 'id' | 'projection' | 'version'>;

/** Inside one read-model transaction: the rows plus the checkpoint and dead letters, committed together. */
export interface ReadModelTransaction extends RowWriter {
  checkpoint(): Promise<GlobalPosition | undefined>;
  setCheckpoint(position: GlobalPosition): Promise<void>;
  addDeadLetter(letter: NewDeadLetter): Promise<void>;
  removeDeadLetter(id: number): Promise<boolean>;
}

export interface TransactionOptions {
  /** Fencing: the transaction fails with `LeaseLost` (and writes nothing) unless `owner` holds the target's lease. */
  readonly leaseOwner?: string;
  /**
   * With `leaseOwner`: hold the target's lease, and the `alsoHold` leases of the same owner, for the whole
   * transaction however long it runs, and extend them to its commit + `ttlMs`. Nobody can take a held lease
   * meanwhile (SQL: its row stays locked, so a rival's `acquireLease`, or an inline projection's check, waits for
   * the commit and then finds it held). `LeaseLost` at the start unless `leaseOwner` holds all of them unexpired:
   * renew a lease before a transaction that must hold it.
   */
  readonly holdLease?: LeaseHold;
}

export interface LeaseHold {
  readonly ttlMs: number;
  readonly alsoHold?: readonly string[];
}

/** What a transaction's options ask it to hold: its owner, lease keys and ttl; throws `InvalidProjection` on a malformed `holdLease`. */
export const leaseHoldOf = (target: ModelTarget, options: TransactionOptions): { readonly owner: string; readonly keys: readonly string[]; readonly ttlMs: number } | undefined => {
  const hold = options.holdLease;
  if (options.leaseOwner === undefined || hold === undefined) return undefined;
  if (typeof hold !== 'object' || hold === null) throw new InvalidProjection('holdLease', 'must be an object');
  if (!Number.isSafeInteger(hold.ttlMs) || hold.ttlMs < 1) throw new InvalidProjection('holdLease.ttlMs', `must be a positive integer, got ${String(hold.ttlMs)}`);
  const also: unknown = hold.alsoHold ?? [];
  if (!Array.isArray(also) || also.some((key) => typeof key !== 'string')) throw new InvalidProjection('holdLease.alsoHold', 'must be a list of lease keys');
  return { owner: options.leaseOwner, keys: [runLeaseKey(target.name, target.version), ...(also as string[])], ttlMs: hold.ttlMs };
};

export interface Lease {
  readonly owner: string;
  readonly expiresAt: string;
}

export interface ReadModelStore {
  /** `memory`, `pglite` or `postgres`. */
  readonly kind: string;
  /** Create the target's tables if missing (idempotent, safe to race). */
  prepare(target: ModelTarget): Promise<void>;
  /** Drop the target's tables, checkpoint and dead letters. */
  drop(target: ModelTarget): Promise<void>;
  /** Run `work` atomically: everything it wrote (rows, checkpoint, dead letters) commits, or nothing if it throws. */
  transaction<T>(target: ModelTarget, work: (tx: ReadModelTransaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  checkpoint(target: ModelTarget): Promise<GlobalPosition | undefined>;
  /** Rows of a table whose columns equal `filter`, in primary-key order. */
  rows(target: ModelTarget, table: string, filter?: Row): Promise<Row[]>;
  deadLetters(target: ModelTarget): Promise<DeadLetter[]>;
  /** The version readers are switched to, if any. */
  activeVersion(name: string): Promise<number | undefined>;
  /** Switch readers to `target` atomically (SQL: the stable views now select from its tables). */
  activate(target: ModelTarget): Promise<void>;
  /**
   * Take or renew the lease on `key` for `owner` until now + `ttlMs`. Returns the holder afterwards: `owner` when
   * granted, someone else's lease when it is held and not expired.
   */
  acquireLease(key: string, owner: string, ttlMs: number): Promise<Lease>;
  releaseLease(key: string, owner: string): Promise<void>;
  close(): Promise<void>;
}

/** What a store's synchronous write returns: settled and shared, so a write allocates no promise. */
export const WRITTEN: Promise<void> = Promise.resolve();

/** The lease key of a projection version (one runner per version; a rebuild holds its new version's and the name's rebuild lease). */
export const runLeaseKey = (name: string, version: number): string => `run:${name}:v${version}`;
export const rebuildLeaseKey = (name: string): string => `rebuild:${name}`;
