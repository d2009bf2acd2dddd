import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { GENESIS_HASH, sealEvents, type ValidatedEvent } from './chain.js';
import type { SealedEvent } from './envelope.js';
import { NO_STREAM } from './expectedVersion.js';
import { ImportConflict } from './errors.js';
import { planImport, streamRuns, type ImportTargetStream } from './importEvents.js';

const metadata = { provenance: { actorId: 'u1', role: 'hr' }, correlationId: 'c1', causationId: 'c1', effectiveOn: '2026-01-13' };

/** Event ids are never reused, so two logs never share an event. */
let id = 0;

/** A source log over streams `s-0`…: `order` picks the stream of each next event (modulo `streams`). */
const sourceLog = (order: readonly number[], streams: number): SealedEvent[] => {
  const counts = Array.from({ length: streams }, (_, s) => order.filter((pick) => pick % streams === s).length);
  const sealed = counts.map((count, s) =>
    sealEvents(
      `s-${s}`,
      { version: NO_STREAM, hash: GENESIS_HASH },
      Array.from({ length: count }, (): ValidatedEvent => ({ eventId: `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`, type: 'Thing', schemaVersion: 1, data: { id }, metadata })),
      '2026-01-13T15:00:00.000Z',
    ),
  );
  const next = new Array<number>(streams).fill(0);
  return order.map((pick) => sealed[pick % streams]![next[pick % streams]!++]!);
};

/** A target kept as plain arrays, as a store would after writing each plan. */
const targetOf = (stored: Map<string, SealedEvent[]>) => (streamId: string): ImportTargetStream => {
  const events = stored.get(streamId) ?? [];
  const last = events[events.length - 1];
  return { head: { version: last?.streamVersion ?? NO_STREAM, hash: last?.hash ?? GENESIS_HASH }, stored: { get: (version) => events[version] } };
};

const write = (stored: Map<string, SealedEvent[]>, events: readonly SealedEvent[]): void => {
  for (const event of events) stored.set(event.streamId, [...(stored.get(event.streamId) ?? []), event]);
};

describe('planImport', () => {
  it('importing a log in any pages, re-running any prefix of it on the way, writes each event once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(9), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(60), { maxLength: 6 }),
        fc.integer({ min: 1, max: 20 }),
        (order, streams, rerunPrefixes, pageSize) => {
          const log = sourceLog(order, streams);
          const stored = new Map<string, SealedEvent[]>();
          const written: SealedEvent[] = [];
          for (let start = 0; start < log.length; start += pageSize) {
            // An interrupted run re-run from the start: everything there is skipped, nothing written.
            for (const prefix of rerunPrefixes.filter((p) => p <= start)) {
              const again = planImport(log.slice(0, prefix), targetOf(stored));
              expect(again).toEqual({ write: [], skipped: prefix });
            }
            const plan = planImport(log.slice(start, start + pageSize), targetOf(stored));
            write(stored, plan.write);
            written.push(...plan.write);
          }
          expect(written).toEqual(log);
        },
      ),
    );
  });

  it('refuses a page that differs from the target at a version it holds, naming the stream and version', () => {
    const log = sourceLog([0, 1, 0, 1, 0], 2);
    const stored = new Map<string, SealedEvent[]>();
    write(stored, planImport(log.slice(0, 3), targetOf(stored)).write);
    const other = sourceLog([2, 3, 2], 2); // the same streams and versions, other events
    expect(() => planImport(other, targetOf(stored))).toThrow(ImportConflict);
    expect(() => planImport(other, targetOf(stored))).toThrow(expect.objectContaining({ streamId: 's-0', version: 0 }));
  });
});

describe('streamRuns', () => {
  it('splits a batch into runs of one stream, keeping the order', () => {
    const log = sourceLog([0, 0, 1, 0, 1, 1], 2);
    expect(streamRuns(log).map((run) => run.map((e) => `${e.streamId}@${e.streamVersion}`))).toEqual([['s-0@0', 's-0@1'], ['s-1@0'], ['s-0@2'], ['s-1@1', 's-1@2']]);
  });
});
