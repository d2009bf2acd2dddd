import { afterAll, beforeAll, describe } from '@jest/globals';
import { createPgClient, type SqlExecutor } from '@laborcase/adapters/sql';
import { v4 as uuid } from 'uuid';

/** The PostgreSQL server the SQL suites run against; unset means "skip them, visibly". */
export const PG_URL = process.env['PG_URL'];

/** A fresh schema name, so test files (and stores) never share tables. */
export const uniqueSchema = (prefix: string): string => `${prefix}_${uuid().replace(/-/g, '').slice(0, 12)}`;

/**
 * `describe` when PG_URL is set, otherwise a skipped block plus a warning line in the output. While the block
 * runs it holds a cluster-wide advisory lock, so server suites from parallel jest workers run one at a time:
 * the global log's horizon is cluster-wide, and one suite's open transactions would make another's
 * read-your-writes assertions wait. Schemas created through `schemaFor` are dropped at the end.
 */
export const describeWithPostgres = (name: string, body: (schemaFor: (prefix: string) => string) => void): void => {
  if (PG_URL === undefined) {
    const line = `PG_URL is not set: skipping the PostgreSQL-server suite "${name}" (run .ci/run, or export PG_URL)`;
    // Jest drops console output of files whose tests are all skipped when it runs several files: write directly too.
    console.warn(line);
    process.stderr.write(`\n[skip] ${line}\n`);
    describe.skip(name, () => body(uniqueSchema));
    return;
  }
  const url = PG_URL;
  describe(name, () => {
    // One connection holding a transaction-scoped advisory lock for the whole block (no xid is assigned,
    // so it does not hold back the log horizon). Root tests cannot import `pg`; the adapter's client can.
    const client = createPgClient({ connectionString: url, poolSize: 1, statementTimeoutMs: 600_000 });
    const schemas: string[] = [];
    let session: SqlExecutor | undefined;
    let release: () => void = () => {};
    let held: Promise<void> = Promise.resolve();
    beforeAll(async () => {
      await new Promise<void>((locked, failed) => {
        held = client.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['laborcase.test.server-suite']);
          session = tx;
          locked();
          await new Promise<void>((done) => (release = done));
        });
        held.catch(failed);
      });
    }, 180_000);
    afterAll(async () => {
      for (const schema of schemas) await session?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      release();
      await held;
      await client.close();
    });
    body((prefix) => {
      const schema = uniqueSchema(prefix);
      schemas.push(schema);
      return schema;
    });
  });
};
