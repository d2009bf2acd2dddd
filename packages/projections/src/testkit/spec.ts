/**
 * Given/then for projections: `projectionSpec(projection, registry).given(events).then({ table: rows })`.
 * Rows are compared whole, in primary-key order; columns left out of an expected row are expected null.
 * Assertions use `node:assert`, so the spec runs on any test runner.
 */
import { deepStrictEqual } from 'node:assert/strict';
import type { CodecRegistry } from '@laborcase/core';
import type { EventShape, Projection } from '../definition.js';
import { InvalidProjection } from '../errors.js';
import { compareByKey, normaliseRow, type Row } from '../tables.js';
import { projectInBatches, toStoredEvents, type LogEvent, type ModelSnapshot } from './log.js';

export interface ProjectionScenario<TableName extends string> {
  /** More events after the given ones (reads as the thing under test). */
  when(events: readonly LogEvent[]): ProjectionScenario<TableName>;
  /** Assert these tables hold exactly these rows (tables left out are not checked). */
  then(expected: { readonly [Table in TableName]?: readonly Row[] }): Promise<void>;
  /** Assert these events were dead-lettered (by event id). */
  thenDeadLetters(eventIds: readonly string[]): Promise<void>;
  /** The read model after the events, for custom assertions. */
  model(): Promise<ModelSnapshot>;
}

export interface ProjectionSpec<TableName extends string> {
  given(events: readonly LogEvent[]): ProjectionScenario<TableName>;
}

export const projectionSpec = <Events extends EventShape, TableName extends string>(
  projection: Projection<Events, TableName>,
  registry: CodecRegistry,
): ProjectionSpec<TableName> => {
  const scenario = (events: readonly LogEvent[]): ProjectionScenario<TableName> => {
    const model = async (): Promise<ModelSnapshot> => projectInBatches(projection, registry, toStoredEvents(registry, events));
    return {
      when: (more) => scenario([...events, ...more]),
      async then(expected) {
        const snapshot = await model();
        for (const [table, rows] of Object.entries(expected) as [string, readonly Row[] | undefined][]) {
          const spec = projection.tables.find((t) => t.name === table);
          if (spec === undefined) throw new InvalidProjection(`then.${table}`, 'is not a table of the projection');
          const wanted = (rows ?? []).map((row) => normaliseRow(spec, row)).sort(compareByKey(spec));
          deepStrictEqual({ [table]: snapshot.tables[table] }, { [table]: wanted });
        }
      },
      async thenDeadLetters(eventIds) {
        const snapshot = await model();
        deepStrictEqual(snapshot.deadLetters.map((d) => d.eventId), [...eventIds]);
      },
      model,
    };
  };
  return { given: (events) => scenario(events) };
};
