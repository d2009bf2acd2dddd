/**
 * Crash test: a child process runs the async runner on PostgreSQL and is killed with SIGKILL at points fast-check
 * chooses (≥ 20 kills), while events, corrections and retractions keep arriving. After each restart the runner
 * resumes from its checkpoint; at the end the read model equals a clean rebuild and no event was applied twice
 * (the `applied.times` counter of every event is 1).
 */
import { expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { createPgClient, openSqlStore } from '@laborcase/adapters/sql';
import { ANY, type EventStore, type NewEvent } from '@laborcase/core';
import { createInMemoryReadModelStore, createSqlReadModelStore, rebuildProjection, targetOf } from '@laborcase/projections';
import { caseBoard, caseEvents, caseRegistry } from '@laborcase/projections/testkit';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';

const registry = caseRegistry();
const projection = caseBoard();
const child = fileURLToPath(new URL('./crash/child.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

const startChild = (schema: string, batchSize: number, finish: boolean): { process: ChildProcess; running: Promise<void>; exited: Promise<number | null>; errors: () => string } => {
  // node itself runs the child (tsx as a loader, not its CLI, which would put the work in a grandchild SIGKILL misses).
  const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=@laborcase/source', child, PG_URL as string, schema, String(batchSize), ...(finish ? ['finish'] : [])], { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
  let output = '';
  let errors = '';
  const running = new Promise<void>((resolve, reject) => {
    proc.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('running')) resolve();
    });
    proc.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    proc.on('exit', () => (output.includes('running') ? resolve() : reject(new Error(`child exited before running: ${errors}`))));
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { process: proc, running, exited, errors: () => errors };
};

/** A round of new events: openings, moves, closes and now and then a correction or retraction. */
const appendRound = async (eventStore: EventStore, round: number, opened: NewEvent[]): Promise<void> => {
  for (let i = 0; i < 40; i++) {
    const caseId = `r${round}-${i}`;
    const open = caseEvents.opened(caseId, `art-${i % 5}`);
    opened.push(open);
    await eventStore.append(`case-${caseId}`, [open, caseEvents.moved(caseId, `art-${(i + 1) % 5}`)], { expectedVersion: 'no_stream' });
    if (i % 3 === 0) await eventStore.append(`case-${caseId}`, [caseEvents.closed(caseId)], { expectedVersion: ANY });
  }
  const earlier = opened[(round * 7) % opened.length] as NewEvent;
  const streamId = `case-${(earlier.data as { caseId: string }).caseId}`;
  const fix: NewEvent = round % 2 === 0 ? caseEvents.retracted(earlier.eventId) : caseEvents.corrected(earlier.eventId, { type: 'CaseOpened', data: { ...(earlier.data as object), article: 'art-9' } });
  await eventStore.append(streamId, [fix], { expectedVersion: ANY });
};

describeWithPostgres('crash test: the runner killed with SIGKILL on PostgreSQL', (schemaFor) => {
  it('after ≥ 20 kills and restarts, the read model equals a clean rebuild and no event was applied twice', async () => {
    const schema = schemaFor('crash');
    const client = createPgClient({ connectionString: PG_URL as string, poolSize: 4 });
    const eventStore = await openSqlStore(client, { registry, schema: `${schema}_ev` });
    const readModels = await createSqlReadModelStore({ client, schema: `${schema}_rm` });
    const opened: NewEvent[] = [];
    try {
      let round = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.record({ delayMs: fc.integer({ min: 0, max: 400 }), batchSize: fc.integer({ min: 1, max: 60 }) }), { minLength: 20, maxLength: 24 }), async (kills) => {
          for (const kill of kills) {
            await appendRound(eventStore, round++, opened);
            const run = startChild(schema, kill.batchSize, false);
            await run.running;
            await new Promise((resolve) => setTimeout(resolve, kill.delayMs));
            run.process.kill('SIGKILL');
            expect(await run.exited).toBe(null);
          }
        }),
        { numRuns: 1 },
      );
      const last = startChild(schema, 25, true);
      const code = await last.exited;
      expect(code === 0 ? 'exited 0' : `exited ${code}: ${last.errors()}`).toBe('exited 0');

      const target = targetOf(projection);
      const clean = createInMemoryReadModelStore();
      await rebuildProjection({ eventStore, registry, store: clean, projection });
      const applied = await readModels.rows(target, 'applied');
      expect(applied.length).toBeGreaterThan(20 * 90);
      expect(applied.filter((r) => r['times'] !== 1)).toEqual([]);
      expect(applied).toEqual(await clean.rows(target, 'applied'));
      expect(await readModels.rows(target, 'cases')).toEqual(await clean.rows(target, 'cases'));
      expect(await readModels.checkpoint(target)).toBe(await eventStore.headPosition());
    } finally {
      await eventStore.close(); // closes the client too
    }
  }, 600_000);
});
