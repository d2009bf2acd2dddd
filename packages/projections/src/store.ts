/**
 * The read-model store: where projections keep their rows, checkpoints, dead letters and leases. One small
 * interface; the in-memory and SQL stores implement it and pass one contract suite (`./contract`).
 *
 * A projection version is a `ModelTarget`; each has its own tables, checkpoint and dead letters, so a new
 * version builds beside the live one and `activate` switches readers over in one step.
 */
import type { GlobalPosition } from '@laborcase/core';
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
}

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

/** The lease key of a projection version (one runner per version; a rebuild holds its new version's and the name's rebuild lease). */
export const runLeaseKey = (name: string, version: number): string => `run:${name}:v${version}`;
export const rebuildLeaseKey = (name: string): string => `rebuild:${name}`;
