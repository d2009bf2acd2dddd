/**
 * The crash test's child: runs the case-board projection's async runner on PostgreSQL until killed, or, with
 * `finish`, until caught up with the log. Prints `running` once its runner has started.
 * Usage: node --import tsx --conditions=@laborcase/source child.ts <pg url> <schema> <batch size> [finish]
 */
import { createPgClient, openSqlStore } from '@laborcase/adapters/sql';
import { createProjectionRunner, createSqlReadModelStore } from '@laborcase/projections';
import { caseBoard, caseRegistry } from '@laborcase/projections/testkit';

const [url, schema, batch, mode] = process.argv.slice(2);
if (url === undefined || schema === undefined || batch === undefined) throw new Error('usage: child.ts <pg url> <schema> <batch size> [finish]');
const registry = caseRegistry();
const client = createPgClient({ connectionString: url, poolSize: 3 });
const eventStore = await openSqlStore(client, { registry, schema: `${schema}_ev`, pollMs: 50 });
const store = await createSqlReadModelStore({ client, schema: `${schema}_rm` });
const runner = createProjectionRunner({ eventStore, registry, store, projection: caseBoard(), batchSize: Number(batch), whenLocked: 'wait', leaseTtlMs: 1_000 });
await runner.start();
process.stdout.write('running\n');
if (mode === 'finish') {
  await runner.whenCaughtUp();
  await runner.stop();
  await eventStore.close(); // closes the client too
  process.stdout.write('caught-up\n');
} else {
  await runner.done;
}
