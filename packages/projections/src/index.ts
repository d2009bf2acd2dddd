/**
 * @laborcase/projections: the runtime for read models and reactors: projection definitions over the
 * corrected event view, read-model stores (memory, SQL on PostgreSQL or PGlite), the async runner with
 * checkpoints and leases, dead letters, blue/green rebuilds and two-axis as-of builds.
 * The read-model contract suite is at `@laborcase/projections/contract`, the test kit at `/testkit`.
 */
export * from './errors.js';
export * from './tables.js';
export * from './definition.js';
export { applyRecord, effectiveProjected, PoisonEvent, typesToRead, type StreamHistory } from './view.js';
export * from './store.js';
export { createInMemoryReadModelStore, type InMemoryReadModelOptions } from './memoryStore.js';
export { applyBatch, historyFrom, type BatchContext, type BatchOutcome, type PoisonPolicy } from './batch.js';
export { createProjectionRunner, targetOf, type ProjectionRunner, type RetryState, type RunnerOptions, type RunnerStatus } from './runner.js';
export { backoffDelay, isTransientError, backoffPolicyOf, type BackoffOptions, type BackoffPolicy } from './backoff.js';
export { createSqlReadModelStore, type SqlReadModelOptions } from './sql/sqlStore.js';
export type { ReadModelSqlClient, ReadModelSqlExecutor } from './sql/client.js';
export { tableName, viewName } from './sql/ddl.js';
export { retryDeadLetters, type RetryContext, type RetryResult } from './deadLetters.js';
export { DEFAULT_REBUILD_BATCH_SIZE, rebuildProjection, type RebuildOptions, type RebuildProgress, type RebuildResult } from './rebuild.js';
export { buildAsOf, eventsAsOf, type AsOfModel, type AsOfOptions, type AsOfProblem } from './asOf.js';
export { alreadyCaused, commandIdOf, createReactorRunner, reactorTarget, type Reactor, type ReactorCommand, type ReactorEvent, type ReactorRunner, type ReactorRunnerOptions } from './reactor.js';
export { runDueSweep, type DueItem, type DueSweeper, type SweepOutcome } from './sweeper.js';
export { createInlineProjection, type AppendedInTransaction, type InlineHooks, type InlineProjection, type InlineProjectionOptions } from './inline.js';
