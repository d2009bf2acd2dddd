/**
 * The async runner on memory and on PGlite (event store and read models in one database): batches with their
 * checkpoint, resume without applying twice, one runner per projection version, graceful stop, whenCaughtUp,
 * dead letters with the skip and stop policies, list and retry.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import * as t from 'io-ts';
import { correctionEventDefinitions, createCodecRegistry, defineEventType } from '@laborcase/core';
import { createProjectionRunner, defineProjection, ProjectionLocked, ProjectionStopped, targetOf } from '@laborcase/projections';
import { caseBoard, caseEvents, caseRegistry, CaseClosed, CaseMoved } from '@laborcase/projections/testkit';
import { append, memoryStores, pgliteStores, testScope } from './support.js';

const registry = caseRegistry();
const projection = caseBoard();
const target = targetOf(projection);

const { open, started, onClose, closeAll } = testScope(registry);
afterEach(closeAll);

describe.each([
  ['memory', memoryStores],
  ['PGlite', pgliteStores],
])('runner on %s', (_name, factory) => {
  it('projects in batches, resumes from its checkpoint without applying an event twice', async () => {
    const { eventStore, store } = await open(factory);
    for (let i = 0; i < 7; i++) await append(eventStore, `case-${i}`, caseEvents.opened(`${i}`, `art-${i % 3}`), caseEvents.moved(`${i}`, `art-${(i + 1) % 3}`));
    const first = await started(createProjectionRunner({ eventStore, registry, store, projection, batchSize: 4 }));
    await first.whenCaughtUp();
    await first.stop();
    expect(first.status).toBe('stopped');
    await append(eventStore, 'case-1', caseEvents.closed('1'));
    const second = await started(createProjectionRunner({ eventStore, registry, store, projection, batchSize: 4 }));
    const reached = await second.whenCaughtUp();
    expect(reached).toBe(await eventStore.headPosition());
    expect(await store.checkpoint(target)).toBe(reached);
    const cases = await store.rows(target, 'cases');
    expect(cases).toHaveLength(7);
    expect(cases.find((r) => r['case_id'] === '1')).toMatchObject({ status: 'closed', article: 'art-2' });
    const applied = await store.rows(target, 'applied');
    expect(applied).toHaveLength(15);
    expect(applied.every((r) => r['times'] === 1)).toBe(true);
  });

  it('lets one runner per projection version run: a second fails with ProjectionLocked, or waits', async () => {
    const { eventStore, store } = await open(factory);
    await append(eventStore, 'case-a', caseEvents.opened('a', 'art-1'));
    const first = await started(createProjectionRunner({ eventStore, registry, store, projection, owner: 'first' }));
    const second = createProjectionRunner({ eventStore, registry, store, projection, owner: 'second' });
    await expect(second.start()).rejects.toMatchObject({ code: 'ProjectionLocked', holder: 'first' });
    await expect(second.done).rejects.toBeInstanceOf(ProjectionLocked);
    const waiting = createProjectionRunner({ eventStore, registry, store, projection, owner: 'waiting', whenLocked: 'wait', leaseTtlMs: 400 });
    const starting = waiting.start();
    onClose(() => waiting.stop());
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(waiting.status).toBe('starting');
    await first.stop();
    await starting;
    expect(waiting.status).toBe('running');
    await append(eventStore, 'case-b', caseEvents.opened('b', 'art-1'));
    await waiting.whenCaughtUp();
    expect(await store.rows(target, 'cases')).toHaveLength(2);
  });

  it('follows new events live and stops gracefully; whenCaughtUp rejects after stop', async () => {
    const { eventStore, store } = await open(factory);
    const runner = await started(createProjectionRunner({ eventStore, registry, store, projection }));
    await runner.whenCaughtUp();
    await append(eventStore, 'case-live', caseEvents.opened('live', 'art-4'));
    await runner.whenCaughtUp(undefined, { timeoutMs: 5_000 });
    expect((await store.rows(target, 'cases')).map((r) => r['case_id'])).toEqual(['live']);
    const pending = runner.whenCaughtUp('99999999999999999999:99999999999999999999' as never);
    await runner.stop();
    await expect(pending).rejects.toThrow(/stopped/);
    // the lease is released: another runner starts at once
    const next = await started(createProjectionRunner({ eventStore, registry, store, projection }));
    expect(next.status).toBe('running');
  });

  it('dead-letters a failing handler and goes on (skip); retry re-projects the stream once fixed', async () => {
    const { eventStore, store } = await open(factory);
    let broken = true;
    const fragile = defineProjection<{ type: 'CaseOpened'; data: { caseId: string; article: string } }, 'cases'>({
      name: 'fragile',
      version: 1,
      tables: [{ name: 'cases', columns: { case_id: 'text', stream_id: 'text', article: 'text' }, primaryKey: ['case_id'] }],
      streamColumn: { cases: 'stream_id' },
      handlers: {
        async CaseOpened(event, rows) {
          if (broken && event.data.article === 'boom') throw new Error('cannot handle boom');
          await rows.upsert('cases', { case_id: event.data.caseId, stream_id: event.streamId, article: event.data.article });
        },
      },
    });
    await append(eventStore, 'case-1', caseEvents.opened('1', 'art-1'));
    const poison = caseEvents.opened('2', 'boom');
    await append(eventStore, 'case-2', poison);
    await append(eventStore, 'case-3', caseEvents.opened('3', 'art-3'));
    const runner = await started(createProjectionRunner({ eventStore, registry, store, projection: fragile, batchSize: 10 }));
    await runner.whenCaughtUp();
    expect((await store.rows(targetOf(fragile), 'cases')).map((r) => r['case_id'])).toEqual(['1', '3']);
    const letters = await runner.deadLetters();
    expect(letters).toEqual([expect.objectContaining({ eventId: poison.eventId, streamId: 'case-2', eventType: 'CaseOpened', reason: 'handler-failed', projection: 'fragile', version: 1 })]);
    expect(letters[0]?.error).toMatch(/cannot handle boom/);
    const stillBroken = await runner.retryDeadLetters();
    expect(stillBroken.resolved).toEqual([]);
    expect(stillBroken.remaining).toHaveLength(1);
    broken = false;
    const fixed = await runner.retryDeadLetters();
    expect(fixed.resolved.map((d) => d.eventId)).toEqual([poison.eventId]);
    expect(await runner.deadLetters()).toEqual([]);
    expect((await store.rows(targetOf(fragile), 'cases')).map((r) => r['article'])).toEqual(['art-1', 'boom', 'art-3']);
  });

  it('under the stop policy, dead-letters the poison event and stops just before it', async () => {
    // Written by a newer version of the code (CaseOpened v2), read by code that only knows v1: quarantined.
    const CaseOpenedV2 = defineEventType('CaseOpened', 1, t.type({ caseId: t.string, article: t.string })).next(2, t.type({ caseId: t.string, article: t.string, unit: t.string }), (v1) => ({ ...v1, unit: 'ecea' }));
    const newer = createCodecRegistry([CaseOpenedV2, CaseMoved, CaseClosed, ...correctionEventDefinitions]);
    const { eventStore, store } = await open(factory, newer);
    const v1 = (event: ReturnType<typeof caseEvents.opened>) => ({ ...event, schemaVersion: 1 });
    await append(eventStore, 'case-1', v1(caseEvents.opened('1', 'art-1')));
    const unreadable = { ...caseEvents.opened('2', 'art-2'), schemaVersion: 2, data: { caseId: '2', article: 'art-2', unit: 'ecea' } };
    await append(eventStore, 'case-2', unreadable);
    await append(eventStore, 'case-3', v1(caseEvents.opened('3', 'art-3')));
    const runner = createProjectionRunner({ eventStore, registry, store, projection, onPoison: 'stop', batchSize: 10 });
    await runner.start();
    await expect(runner.done).rejects.toBeInstanceOf(ProjectionStopped);
    expect(runner.status).toBe('failed');
    expect((await store.rows(target, 'cases')).map((r) => r['case_id'])).toEqual(['1']);
    const letters = await store.deadLetters(target);
    expect(letters.map((d) => [d.eventId, d.reason])).toEqual([[unreadable.eventId, 'quarantined']]);
    expect(letters[0]?.error).toMatch(/unknown-version/);
    const events = [];
    for await (const e of eventStore.readAll()) events.push(e);
    expect(await store.checkpoint(target)).toBe(events[0]?.globalPosition);
    // skip-and-continue from there: the unreadable event stays dead-lettered, the rest is projected
    const skipping = await started(createProjectionRunner({ eventStore, registry, store, projection }));
    await skipping.whenCaughtUp();
    expect((await store.rows(target, 'cases')).map((r) => r['case_id'])).toEqual(['1', '3']);
    expect(await store.deadLetters(target)).toHaveLength(1);
  });
});

describe('runner options', () => {
  it('refuses bad options with InvalidProjection naming the field', async () => {
    const { eventStore, store } = await open(memoryStores);
    expect(() => createProjectionRunner({ eventStore, registry, store, projection, batchSize: 0 })).toThrow(expect.objectContaining({ field: 'batchSize' }) as unknown as Error);
    expect(() => createProjectionRunner({ eventStore, registry, store, projection, onPoison: 'ignore' as never })).toThrow(expect.objectContaining({ field: 'onPoison' }) as unknown as Error);
    expect(() => createProjectionRunner({ eventStore, registry, store: undefined as never, projection })).toThrow(expect.objectContaining({ field: 'store' }) as unknown as Error);
  });
});
