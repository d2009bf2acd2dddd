/**
 * One read-model transaction's statements, sent strictly one after another on its connection, some of them
 * without waiting: a full write buffer goes to the server while the handlers compute the next one.
 *
 * The first failure is kept: every later statement and `settle` throw it (the server has aborted the
 * transaction anyway), so the transaction rolls back with the real cause. Once settled, the executor refuses
 * statements: nothing can run after the ROLLBACK or COMMIT, outside the transaction.
 */
import { ReadModelFailure } from '../errors.js';
import type { ReadModelSqlExecutor } from './client.js';

export interface OrderedExecutor extends ReadModelSqlExecutor {
  /** Run `statements` (on the raw connection) after everything queued before, and wait for them. */
  run<R>(statements: () => Promise<R>): Promise<R>;
  /** The same without waiting: a failure surfaces at the next statement or at `settle`. */
  runInBackground(statements: () => Promise<unknown>): void;
  /** Wait for everything queued; throws the first failure. The executor refuses statements afterwards. */
  settle(): Promise<void>;
  /** Whether nothing is queued or running: the server is waiting for this transaction's next statement. */
  idle(): boolean;
}

export const orderedExecutor = (db: ReadModelSqlExecutor): OrderedExecutor => {
  let chain: Promise<unknown> = Promise.resolve();
  let failure: { readonly error: unknown } | undefined;
  let settled = false;
  let queued = 0;
  const run = <R>(statements: () => Promise<R>): Promise<R> => {
    if (settled) return Promise.reject(new ReadModelFailure('the read-model transaction is over: a write or read in it was not awaited'));
    queued++;
    const next = chain.then(() => {
      if (failure !== undefined) throw failure.error;
      return statements();
    });
    chain = next.then(
      () => {
        queued--;
      },
      (error: unknown) => {
        queued--;
        failure ??= { error };
      },
    );
    return next;
  };
  return {
    run,
    query: (text, params) => run(() => db.query(text, params)),
    runInBackground(statements) {
      // The failure is recorded by the chain; this branch only keeps it from counting as unhandled.
      run(statements).catch(() => undefined);
    },
    idle: () => queued === 0,
    async settle() {
      settled = true;
      await chain;
      if (failure !== undefined) throw failure.error;
    },
  };
};
