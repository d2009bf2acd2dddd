/** Arbitrary case-board logs (opens, moves, closes, corrections and retractions of earlier events of a stream). */
import * as fc from 'fast-check';
import type { LogEvent } from './log.js';

type Step = { readonly kind: 'open' | 'move' | 'close' | 'correct' | 'retract'; readonly caseNo: number; readonly article: number; readonly pick: number; readonly day: number };

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('open', 'move', 'close', 'correct', 'retract'),
  caseNo: fc.integer({ min: 0, max: 4 }),
  article: fc.integer({ min: 1, max: 4 }),
  pick: fc.nat(),
  day: fc.integer({ min: 1, max: 28 }),
});

export const caseLogs = (maxLength = 40): fc.Arbitrary<LogEvent[]> =>
  fc.array(step, { maxLength }).map((steps) => {
    const events: LogEvent[] = [];
    steps.forEach((s, index) => {
      const caseId = `c${s.caseNo}`;
      const streamId = `case-${caseId}`;
      const eventId = `e-${index}`;
      const effectiveOn = `2026-01-${String(s.day).padStart(2, '0')}`;
      const earlier = events.filter((e) => e.streamId === streamId);
      const article = `art-${s.article}`;
      if (s.kind === 'open' || s.kind === 'move' || s.kind === 'close' || earlier.length === 0) {
        const type = s.kind === 'move' ? 'CaseMoved' : s.kind === 'close' ? 'CaseClosed' : 'CaseOpened';
        events.push({ streamId, eventId, effectiveOn, type, data: type === 'CaseClosed' ? { caseId } : { caseId, article } });
        return;
      }
      const target = earlier[s.pick % earlier.length] as LogEvent;
      events.push(
        s.kind === 'retract'
          ? { streamId, eventId, effectiveOn, type: 'EventRetracted', data: { eventId: target.eventId, reason: 'wrong' } }
          : { streamId, eventId, effectiveOn, type: 'EventCorrected', data: { correctedEventId: target.eventId, reason: 'wrong', replacement: { type: 'CaseMoved', data: { caseId, article } } } },
      );
    });
    return events;
  });
