import type { AppendLimits } from '@laborcase/core/adapter-kit';
import type { CodecRegistry, EventStore } from '@laborcase/core';
import { createPGliteEventStore } from './pglite/createPGliteEventStore.js';
import { createPostgresEventStore } from './postgres/createPostgresEventStore.js';

/** Where the demo (and any zero-set-up caller) keeps its events when no server is given. */
export const DEFAULT_DATA_DIR = '.data/laborcase';

export interface OpenEventStoreOptions {
  readonly registry: CodecRegistry;
  /** Sets `recordedAt` (default `systemClock`). */
  readonly clock?: () => Date;
  /** A PostgreSQL URL (typically `process.env.PG_URL`); when absent, PGlite in `dataDir`. */
  readonly pgUrl?: string | undefined;
  /** PGlite data folder (default `.data/laborcase`, relative to the working directory). */
  readonly dataDir?: string;
  readonly schema?: string;
  readonly limits?: AppendLimits;
}

export interface OpenedEventStore {
  readonly store: EventStore;
  readonly backend: 'postgres' | 'pglite';
  /** Human-readable location, without credentials, for start-up logs. */
  readonly location: string;
}

/** A PostgreSQL URL fit for logs and messages: its password, if any, masked. */
export const withoutPassword = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable PostgreSQL URL)';
  }
};

/** The store with zero set-up: PostgreSQL when a URL is given, otherwise embedded PGlite on a local folder. */
export const openEventStore = async (options: OpenEventStoreOptions): Promise<OpenedEventStore> => {
  const common = {
    registry: options.registry,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  };
  if (options.pgUrl !== undefined && options.pgUrl !== '') {
    const store = await createPostgresEventStore({ ...common, connectionString: options.pgUrl });
    return { store, backend: 'postgres', location: withoutPassword(options.pgUrl) };
  }
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const store = await createPGliteEventStore({ ...common, dataDir });
  return { store, backend: 'pglite', location: `PGlite in ${dataDir}` };
};
