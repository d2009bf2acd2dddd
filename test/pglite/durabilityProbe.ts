/**
 * Run by test/pglite/durability.test.ts under strace: open a PGlite store on the folder given, append the
 * number of events given one by one, close. Prints one JSON line with the time per append.
 */
import { ANY } from '@laborcase/core';
import { filed, toyRegistry } from '@laborcase/core/adapter-kit';
import { createPGliteEventStore } from '@laborcase/adapters';

const [dataDir, count] = [process.argv[2], Number(process.argv[3] ?? '20')];
if (dataDir === undefined) throw new Error('usage: durabilityProbe <dataDir> <count>');
const store = await createPGliteEventStore({ dataDir, registry: toyRegistry });
const started = performance.now();
for (let i = 0; i < count; i++) await store.append('probe', [filed()], { expectedVersion: ANY });
const msPerAppend = (performance.now() - started) / count;
await store.close();
process.stdout.write(`${JSON.stringify({ count, msPerAppend })}\n`);
