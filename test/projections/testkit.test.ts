/** The projection test kit on the sample case board: given/then, and the three properties (which must hold, and can fail). */
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { defineProjection } from '@laborcase/projections';
import {
  anyBatchSplitGivesSameModel,
  caseBoard,
  caseLogs,
  caseRegistry,
  prefixReplayChangesNothing,
  projectionSpec,
  rebuildEqualsIncremental,
  type CaseEvent,
} from '@laborcase/projections/testkit';

const registry = caseRegistry();
const projection = caseBoard();

describe('projectionSpec', () => {
  it('given events, then rows (null columns may be left out)', async () => {
    await projectionSpec(projection, registry)
      .given([
        { streamId: 'case-1', eventId: 'a', type: 'CaseOpened', data: { caseId: '1', article: 'art-5' }, effectiveOn: '2026-01-05' },
        { streamId: 'case-1', eventId: 'b', type: 'CaseMoved', data: { caseId: '1', article: 'art-6' } },
      ])
      .when([{ streamId: 'case-1', eventId: 'c', type: 'EventRetracted', data: { eventId: 'b', reason: 'typo' } }])
      .then({ cases: [{ case_id: '1', stream_id: 'case-1', article: 'art-5', status: 'open', opened_on: '2026-01-05' }], applied: [{ event_id: 'a', stream_id: 'case-1', times: 1 }] });
  });

  it('fails with a readable difference when the rows differ', async () => {
    const attempt = projectionSpec(projection, registry)
      .given([{ streamId: 'case-1', type: 'CaseOpened', data: { caseId: '1', article: 'art-5' } }])
      .then({ cases: [{ case_id: '1', stream_id: 'case-1', article: 'art-9', status: 'open', opened_on: '2026-01-01' }] });
    await expect(attempt).rejects.toThrow(/art-9/);
  });

  it('reports dead letters', async () => {
    await projectionSpec(projection, registry)
      .given([{ streamId: 'case-1', eventId: 'bad', type: 'CaseOpened', data: { caseId: 1 } }])
      .thenDeadLetters(['bad']);
  });
});

describe('shipped properties', () => {
  it('hold for the case board, corrections and retractions included', async () => {
    await fc.assert(rebuildEqualsIncremental(projection, registry, caseLogs()), { numRuns: 60 });
    await fc.assert(prefixReplayChangesNothing(projection, registry, caseLogs()), { numRuns: 60 });
    await fc.assert(anyBatchSplitGivesSameModel(projection, registry, caseLogs()), { numRuns: 60 });
  });

  it('catch a projection that depends on batch boundaries (one that counts events per transaction)', async () => {
    let calls = 0;
    // Not pure: reads a counter that lives outside the read model.
    const leaky = defineProjection<CaseEvent, 'seen'>({
      name: 'leaky',
      version: 1,
      tables: [{ name: 'seen', columns: { stream_id: 'text', n: 'integer' }, primaryKey: ['stream_id'] }],
      streamColumn: { seen: 'stream_id' },
      handlers: { CaseOpened: (e, rows) => rows.upsert('seen', { stream_id: e.streamId, n: calls++ }) },
    });
    await expect(fc.assert(anyBatchSplitGivesSameModel(leaky, registry, caseLogs()), { numRuns: 50 })).rejects.toThrow();
  });
});
