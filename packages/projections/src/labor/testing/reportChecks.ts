/** Checks every labor report should pass, for specs (they throw `AssertionError` from `node:assert`). */
import { deepStrictEqual } from 'node:assert/strict';
import type { CodecRegistry, EventStore } from '@laborcase/core';
import type { EventShape, Projection } from '../../definition.js';
import { createInMemoryReadModelStore } from '../../memoryStore.js';
import { rebuildProjection } from '../../rebuild.js';
import type { ReportOptions } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';

/**
 * The report as of the log's last business date equals the report on the live model (rebuilt into memory), and
 * both stamps name the same last event.
 */
export const asOfLastDateEqualsLive = async <Events extends EventShape, TableName extends string, Report extends { readonly stamp: ReportStamp }>(
  eventStore: EventStore,
  registry: CodecRegistry,
  projection: Projection<Events, TableName>,
  report: (options: ReportOptions) => Promise<Report>,
): Promise<void> => {
  let lastDate: string | undefined;
  for await (const record of eventStore.readAll()) if (lastDate === undefined || record.metadata.effectiveOn > lastDate) lastDate = record.metadata.effectiveOn;
  if (lastDate === undefined) throw new Error('the log is empty');
  const store = createInMemoryReadModelStore();
  await rebuildProjection({ eventStore, registry, store, projection });
  const clock = () => new Date('2026-07-01T08:00:00.000Z');
  const { stamp: liveStamp, ...live } = await report({ eventStore, registry, clock, store });
  const { stamp: datedStamp, ...dated } = await report({ eventStore, registry, clock, asOf: { effectiveOn: lastDate } });
  deepStrictEqual(dated, live);
  deepStrictEqual([datedStamp.position, datedStamp.headHash, datedStamp.asEffectiveOn], [liveStamp.position, liveStamp.headHash, lastDate]);
};
