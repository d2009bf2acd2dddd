/**
 * How often a projection's handlers read rows back (`get`, `find`, `deleteWhere`) while the whole ECPS log is
 * projected, per event type. A read in a SQL store costs a round trip whenever the row was written in an
 * earlier batch, so the read models that must rebuild fast write every fact by key and read nothing.
 */
import type { EventShape, Projection, RowWriter } from '../../definition.js';
import { createInMemoryReadModelStore } from '../../memoryStore.js';
import { targetOf } from '../../runner.js';
import type { AnyProjection } from '../../definition.js';
import { applyRecord } from '../../view.js';
import { storedEcps } from './ecpsLog.js';

/** Reads per event type over the ECPS log (an empty object: the handlers never read). */
export const rowReadsOverEcps = async <Events extends EventShape, TableName extends string>(projection: Projection<Events, TableName>): Promise<Record<string, number>> => {
  const erased = projection as unknown as AnyProjection;
  const { registry, log } = storedEcps();
  const store = createInMemoryReadModelStore();
  const target = targetOf(erased);
  await store.prepare(target);
  const reads: Record<string, number> = {};
  await store.transaction(target, async (tx) => {
    for (const record of log) {
      const counted = (): void => {
        reads[record.type] = (reads[record.type] ?? 0) + 1;
      };
      const rows: RowWriter = {
        get: (table, key) => (counted(), tx.get(table, key)),
        find: (table, filter) => (counted(), tx.find(table, filter)),
        deleteWhere: (table, filter) => (counted(), tx.deleteWhere(table, filter)),
        upsert: (table, row) => tx.upsert(table, row),
        update: (table, key, changes) => tx.update(table, key, changes),
        delete: (table, key) => tx.delete(table, key),
      };
      await applyRecord(erased, registry, registry.decode(record), rows, async (streamId) => log.filter((e) => e.streamId === streamId));
    }
  });
  return reads;
};
