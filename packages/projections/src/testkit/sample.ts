/**
 * A small case board used by the read-model contract suite, the test kit's own tests and the benchmark:
 * three event types in `case-<id>` streams and a two-table projection with a per-event counter.
 */
import * as t from 'io-ts';
import { correctionEventDefinitions, createCodecRegistry, defineEventType, type CodecRegistry, type NewEvent } from '@laborcase/core';
import { defineProjection } from '../definition.js';

export const CaseOpened = defineEventType('CaseOpened', 1, t.type({ caseId: t.string, article: t.string }));
export const CaseMoved = defineEventType('CaseMoved', 1, t.type({ caseId: t.string, article: t.string }));
export const CaseClosed = defineEventType('CaseClosed', 1, t.type({ caseId: t.string }));

export type CaseEvent =
  | { readonly type: 'CaseOpened'; readonly data: { readonly caseId: string; readonly article: string } }
  | { readonly type: 'CaseMoved'; readonly data: { readonly caseId: string; readonly article: string } }
  | { readonly type: 'CaseClosed'; readonly data: { readonly caseId: string } };

export const caseRegistry = (): CodecRegistry => createCodecRegistry([CaseOpened, CaseMoved, CaseClosed, ...correctionEventDefinitions]);

/**
 * `cases`: one row per case (article, status, business date opened); `applied`: one row per projected event
 * with a counter, so a test can see an event applied twice.
 */
export const caseBoard = (version = 1) =>
  defineProjection<CaseEvent, 'cases' | 'applied'>({
    name: 'case_board',
    version,
    tables: [
      {
        name: 'cases',
        columns: { case_id: 'text', stream_id: 'text', article: 'text', status: 'text', opened_on: 'date' },
        primaryKey: ['case_id'],
        indexes: [['article', 'status']],
      },
      { name: 'applied', columns: { event_id: 'text', stream_id: 'text', times: 'integer' }, primaryKey: ['event_id'] },
    ],
    streamColumn: { cases: 'stream_id', applied: 'stream_id' },
    handlers: {
      async CaseOpened(event, rows) {
        await rows.upsert('cases', { case_id: event.data.caseId, stream_id: event.streamId, article: event.data.article, status: 'open', opened_on: event.metadata.effectiveOn });
        await count(event.eventId, event.streamId, rows);
      },
      async CaseMoved(event, rows) {
        const row = await rows.get('cases', { case_id: event.data.caseId });
        if (row !== undefined) await rows.upsert('cases', { ...row, article: event.data.article });
        await count(event.eventId, event.streamId, rows);
      },
      async CaseClosed(event, rows) {
        const row = await rows.get('cases', { case_id: event.data.caseId });
        if (row !== undefined) await rows.upsert('cases', { ...row, status: 'closed' });
        await count(event.eventId, event.streamId, rows);
      },
    },
  });

const count = async (eventId: string, streamId: string, rows: { get: (t: 'applied', k: { event_id: string }) => Promise<{ readonly [c: string]: unknown } | undefined>; upsert: (t: 'applied', r: { event_id: string; stream_id: string; times: number }) => Promise<void> }): Promise<void> => {
  const before = await rows.get('applied', { event_id: eventId });
  await rows.upsert('applied', { event_id: eventId, stream_id: streamId, times: Number(before?.['times'] ?? 0) + 1 });
};

let sequence = 0;
const nextId = (): string => `00000000-0000-4000-8000-${(++sequence).toString(16).padStart(12, '0')}`;

const meta = (effectiveOn: string) => ({
  provenance: { actorId: 'clerk-1', role: 'labor-relations' },
  correlationId: 'corr',
  causationId: 'cause',
  effectiveOn,
});

/** Event builders (fresh event ids). */
export const caseEvents = {
  opened: (caseId: string, article: string, effectiveOn = '2026-01-05'): NewEvent => ({ eventId: nextId(), type: 'CaseOpened', data: { caseId, article }, metadata: meta(effectiveOn) }),
  moved: (caseId: string, article: string, effectiveOn = '2026-01-10'): NewEvent => ({ eventId: nextId(), type: 'CaseMoved', data: { caseId, article }, metadata: meta(effectiveOn) }),
  closed: (caseId: string, effectiveOn = '2026-01-20'): NewEvent => ({ eventId: nextId(), type: 'CaseClosed', data: { caseId }, metadata: meta(effectiveOn) }),
  corrected: (target: string, replacement: { type: string; data: unknown }, effectiveOn = '2026-01-25'): NewEvent => ({
    eventId: nextId(),
    type: 'EventCorrected',
    data: { correctedEventId: target, reason: 'recorded wrongly', replacement },
    metadata: meta(effectiveOn),
  }),
  retracted: (target: string, effectiveOn = '2026-01-25'): NewEvent => ({
    eventId: nextId(),
    type: 'EventRetracted',
    data: { eventId: target, reason: 'never happened' },
    metadata: meta(effectiveOn),
  }),
};
