/**
 * What the workloads need from a library, and nothing else: each side implements it with its own public API
 * (`laborcase.ts`, `emmett.ts`), so `workloads.ts` times both through the same calls.
 */
import type { GrievanceCommand, GrievanceEvent, GrievanceState } from './grievance.js';

export const LIBRARIES = ['laborcase', 'emmett'] as const;
export type Library = (typeof LIBRARIES)[number];

export const STORES = ['memory', 'postgres', 'pglite'] as const;
export type StoreKind = (typeof STORES)[number];

/**
 * What runs in one child: a library, and for laborcase whether its command handler keeps a state cache
 * (`laborcase-cached`). Emmett 0.42 has no such option, so it has one contender.
 */
export const CONTENDERS = ['laborcase', 'laborcase-cached', 'emmett'] as const;
export type ContenderName = (typeof CONTENDERS)[number];

export const libraryOf = (contender: ContenderName): Library => (contender === 'emmett' ? 'emmett' : 'laborcase');

/** Which contenders run on which store: Emmett has no PGlite store. */
export const contendersOn = (store: StoreKind): readonly ContenderName[] => CONTENDERS.filter((contender) => store !== 'pglite' || contender !== 'emmett');

export interface Contender {
  /** One command through the library's command handler: read, fold, decide, append with the expected version. Throws on a rejection. */
  readonly handle: (streamId: string, command: GrievanceCommand) => Promise<void>;
  /** Append events to a stream that holds exactly `existing` events (0: a new stream), with that as the expected version. */
  readonly append: (streamId: string, events: readonly GrievanceEvent[], existing: number) => Promise<void>;
  /** Read the whole stream and fold it with the shared `evolve`. */
  readonly rehydrate: (streamId: string) => Promise<GrievanceState>;
  readonly close: () => Promise<void>;
}

/** Where a contender keeps its events: a PostgreSQL schema of its own, or a PGlite folder. */
export interface StoreLocation {
  readonly pgUrl?: string;
  readonly schema?: string;
  readonly dataDir?: string;
}

export type OpenContender = (store: StoreKind, location: StoreLocation) => Promise<Contender>;

export class RejectedCommand extends Error {
  constructor(
    readonly streamId: string,
    readonly code: string,
    message: string,
  ) {
    super(`${streamId}: ${code}: ${message}`);
  }
}
