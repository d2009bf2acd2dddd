/**
 * fast-check properties every projection should have, for users to run with `fc.assert`:
 * - `rebuildEqualsIncremental`: the whole log in one batch gives the same read model as one event per batch;
 * - `prefixReplayChangesNothing`: delivering an already-applied prefix again changes nothing (checkpoint included);
 * - `anyBatchSplitGivesSameModel`: every split of the log into batches gives the same read model.
 * Each takes an arbitrary of logs (`LogEvent[]`) in the projection's event types, corrections welcome.
 */
import { deepStrictEqual } from 'node:assert/strict';
import * as fc from 'fast-check';
import type { CodecRegistry } from '@laborcase/core';
import type { EventShape, Projection } from '../definition.js';
import { logProjector, projectInBatches, toStoredEvents, type LogEvent } from './log.js';

export const rebuildEqualsIncremental = <Events extends EventShape, TableName extends string>(
  projection: Projection<Events, TableName>,
  registry: CodecRegistry,
  logs: fc.Arbitrary<readonly LogEvent[]>,
) =>
  fc.asyncProperty(logs, async (events) => {
    const log = toStoredEvents(registry, events);
    const rebuilt = await projectInBatches(projection, registry, log);
    const incremental = await projectInBatches(projection, registry, log, log.map(() => 1));
    deepStrictEqual(incremental, rebuilt);
  });

export const prefixReplayChangesNothing = <Events extends EventShape, TableName extends string>(
  projection: Projection<Events, TableName>,
  registry: CodecRegistry,
  logs: fc.Arbitrary<readonly LogEvent[]>,
) =>
  fc.asyncProperty(
    logs.chain((events) => fc.tuple(fc.constant(events), fc.nat({ max: events.length }), fc.nat({ max: events.length }))),
    async ([events, applied, replayed]) => {
      const log = toStoredEvents(registry, events);
      const projector = await logProjector(projection, registry, log);
      await projector.apply(log.slice(0, applied));
      const before = await projector.snapshot();
      await projector.apply(log.slice(0, Math.min(applied, replayed)));
      deepStrictEqual(await projector.snapshot(), before);
    },
  );

export const anyBatchSplitGivesSameModel = <Events extends EventShape, TableName extends string>(
  projection: Projection<Events, TableName>,
  registry: CodecRegistry,
  logs: fc.Arbitrary<readonly LogEvent[]>,
) =>
  fc.asyncProperty(logs, fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 20 }), async (events, sizes) => {
    const log = toStoredEvents(registry, events);
    deepStrictEqual(await projectInBatches(projection, registry, log, sizes), await projectInBatches(projection, registry, log));
  });
