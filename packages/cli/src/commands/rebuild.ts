/**
 * `laborcase rebuild <projection>`: rebuild a labor read model into its SQL tables (a new version built beside the
 * live one, switched to when caught up), with a progress bar on a terminal and a clean stop on Ctrl-C: the
 * rebuild is cancelled (its half-built tables dropped, the live version untouched) and the exit code is 130.
 */
import { SingleBar } from 'cli-progress';
import type { CodecRegistry, EventStore } from '@laborcase/core';
import { RebuildCancelled, createSqlReadModelStore, rebuildProjection, type RebuildProgress, type RebuildResult } from '@laborcase/projections';
import {
  deadlineComplianceProjection,
  openCasesProjection,
  recurringTopicsProjection,
  timeToResolutionProjection,
  upcomingDeadlinesProjection,
} from '@laborcase/projections/labor';
import type { SqlClient } from '@laborcase/adapters/sql';
import { CliError, EXIT, usageError } from '../errors.js';
import type { CliIo } from '../io.js';

const PROJECTIONS = {
  'open-cases': openCasesProjection,
  'time-to-resolution': timeToResolutionProjection,
  'deadline-compliance': deadlineComplianceProjection,
  'upcoming-deadlines': upcomingDeadlinesProjection,
  'recurring-topics': recurringTopicsProjection,
} as const;

export const PROJECTION_NAMES = Object.keys(PROJECTIONS);

const projectionNamed = (name: string) => {
  if (!Object.hasOwn(PROJECTIONS, name)) throw usageError('<projection>', `unknown projection ${JSON.stringify(name)}; one of ${PROJECTION_NAMES.join(', ')}`);
  return PROJECTIONS[name as keyof typeof PROJECTIONS];
};

/** Where progress goes: a cli-progress bar on a terminal, nothing otherwise (the summary line still prints). */
const progressSink = (io: CliIo): { update(progress: RebuildProgress): void; stop(): void } => {
  if (!io.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: '{projection} [{bar}] {value}/{total} events | {rate} events/s | eta {eta_formatted}',
    // cli-progress draws only on a stream that says it is a terminal; io.interactive has already checked that.
    stream: { write: (text: string) => io.stderr(text), isTTY: true, columns: 100 } as unknown as NodeJS.WritableStream,
    hideCursor: true,
  });
  let started = false;
  return {
    update: (progress) => {
      const payload = { projection: progress.projection, rate: Math.round(progress.rate) };
      if (!started) bar.start(progress.total ?? progress.done, progress.done, payload);
      started = true;
      if (progress.total !== undefined) bar.setTotal(progress.total);
      bar.update(progress.done, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
};

export interface RebuildInput {
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  readonly client: SqlClient;
  readonly schema?: string;
  readonly batchSize?: number;
}

export const rebuildReadModel = async (io: CliIo, name: string, input: RebuildInput): Promise<RebuildResult> => {
  const projection = projectionNamed(name);
  const store = await createSqlReadModelStore({ client: input.client, ...(input.schema === undefined ? {} : { schema: input.schema }) });
  const sink = progressSink(io);
  try {
    return await rebuildProjection({
      eventStore: input.eventStore,
      registry: input.registry,
      store,
      projection,
      onProgress: (progress) => sink.update(progress),
      clock: io.clock,
      ...(io.interrupt === undefined ? {} : { signal: io.interrupt }),
      ...(input.batchSize === undefined ? {} : { batchSize: input.batchSize }),
    });
  } catch (error) {
    if (error instanceof RebuildCancelled) throw new CliError(EXIT.interrupted, `rebuild of ${name} cancelled: the live read model is unchanged; run it again to rebuild`, { cause: error });
    throw error;
  } finally {
    sink.stop();
    await store.close();
  }
};

export const validateProjectionName = (name: string): void => void projectionNamed(name);
