/**
 * applyBatch with handlers that fail after writing: whether a handler throws where it is called or its promise
 * rejects, the failing event's writes are gone, the events around it are applied once, and it is dead-lettered.
 */
import { describe, expect, it } from '@jest/globals';
import { applyBatch, historyFrom } from './batch.js';
import { defineProjection } from './definition.js';
import { createInMemoryReadModelStore } from './memoryStore.js';
import { targetOf } from './runner.js';
import { ArrayEventStore } from './testkit/arrayEventStore.js';
import { toStoredEvents } from './testkit/log.js';
import { caseRegistry, type CaseEvent } from './testkit/sample.js';

const registry = caseRegistry();

/** A projection whose handler writes its row, then fails on article `boom`: by throwing (`sync`) or by rejecting. */
const failingAfterWrite = (how: 'sync' | 'async') =>
  defineProjection<CaseEvent, 'cases'>({
    name: `fails_${how}`,
    version: 1,
    tables: [{ name: 'cases', columns: { case_id: 'text', stream_id: 'text', article: 'text' }, primaryKey: ['case_id'] }],
    streamColumn: { cases: 'stream_id' },
    handlers:
      how === 'sync'
        ? {
            CaseOpened(event, rows) {
              void rows.upsert('cases', { case_id: event.data.caseId, stream_id: event.streamId, article: event.data.article });
              if (event.data.article === 'boom') throw new Error('boom');
            },
          }
        : {
            async CaseOpened(event, rows) {
              await rows.upsert('cases', { case_id: event.data.caseId, stream_id: event.streamId, article: event.data.article });
              if (event.data.article === 'boom') throw new Error('boom');
            },
          },
  });

describe('applyBatch: a handler that fails after writing', () => {
  for (const how of ['sync', 'async'] as const) {
    it(`(${how}) leaves none of its event's writes, applies the others, and dead-letters the event`, async () => {
      // Given three cases opened, the second one poison
      const log = toStoredEvents(registry, [
        { streamId: 'case-1', type: 'CaseOpened', data: { caseId: '1', article: 'art-1' } },
        { streamId: 'case-2', type: 'CaseOpened', data: { caseId: '2', article: 'boom' } },
        { streamId: 'case-3', type: 'CaseOpened', data: { caseId: '3', article: 'art-3' } },
      ]);
      const projection = failingAfterWrite(how);
      const store = createInMemoryReadModelStore();
      const target = targetOf(projection);
      await store.prepare(target);
      const context = { projection, target, registry, store, history: historyFrom(new ArrayEventStore(log)), policy: 'skip' as const, clock: () => new Date('2026-01-02T00:00:00.000Z') };
      // When the batch is applied until it has passed the poison event
      let outcome = await applyBatch(context, log);
      expect(outcome).toEqual({ kind: 'applied', checkpoint: log[1]?.globalPosition });
      outcome = await applyBatch(context, log.slice(2));
      // Then the poison event's row is not there, the others are, and it is dead-lettered as a handler failure
      expect(outcome).toEqual({ kind: 'applied', checkpoint: log[2]?.globalPosition });
      expect((await store.rows(target, 'cases')).map((row) => `${String(row['case_id'])}:${String(row['article'])}`)).toEqual(['1:art-1', '3:art-3']);
      expect(await store.deadLetters(target)).toEqual([expect.objectContaining({ eventId: log[1]?.eventId, reason: 'handler-failed', error: expect.stringMatching(/boom/) })]);
    });
  }
});
