/**
 * `laborcase rebuild <projection>`: rebuild a labor read model into its SQL tables (a new version built beside the
 * live one, switched to when caught up), with a progress bar on a terminal and a clean stop on Ctrl-C: the
 * rebuild is cancelled (its half-built tables dropped, the live version untouched) and the exit code is 130.
 */
import type { CodecRegistry, EventStore } from '@laborcase/core';
import { RebuildCancelled, createSqlReadModelStore, rebuildProjection, type RebuildResult } from '@laborcase/projections';
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
import { progressSink, type ProgressStyle } from '../progress.js';
import { turnPerBatch } from '../turns.js';

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

export interface RebuildInput {
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  readonly client: SqlClient;
  readonly schema?: string;
  readonly batchSize?: number;
  readonly progress?: ProgressStyle;
}

export const rebuildReadModel = async (io: CliIo, name: string, input: RebuildInput): Promise<RebuildResult> => {
  const projection = projectionNamed(name);
  const store = await createSqlReadModelStore({ client: input.client, ...(input.schema === undefined ? {} : { schema: input.schema }) });
  const sink = progressSink(io, name, input.progress);
  try {
    return await rebuildProjection({
      eventStore: turnPerBatch(input.eventStore),
      registry: input.registry,
      store,
      projection,
      onProgress: (progress) => sink.update(progress.done, progress.total, progress.rate),
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
