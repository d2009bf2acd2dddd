import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { effectiveEvents, type StreamRecord } from './effectiveEvents.js';

const ev = (eventId: string, type: string, data: unknown = {}): StreamRecord => ({ eventId, type, data });
const fix = (eventId: string, target: string, data: unknown, type = 'A'): StreamRecord =>
  ev(eventId, 'EventCorrected', { correctedEventId: target, reason: 'typo', replacement: { type, data } });
const retract = (eventId: string, target: string): StreamRecord => ev(eventId, 'EventRetracted', { eventId: target, reason: 'recorded in error' });

const view = (records: readonly StreamRecord[]) => {
  const { events, problems } = effectiveEvents(records);
  return { events: events.map((e) => `${e.eventId}:${e.type}:${JSON.stringify(e.data)}${e.correctedBy.length ? `<${e.correctedBy.join(',')}` : ''}`), problems: problems.map((p) => `${p.eventId}:${p.kind}`) };
};

describe('effectiveEvents', () => {
  it('passes a stream without corrections through unchanged', () => {
    expect(effectiveEvents([ev('1', 'A', { x: 1 }), ev('2', 'B')])).toEqual({
      events: [
        { eventId: '1', type: 'A', data: { x: 1 }, correctedBy: [] },
        { eventId: '2', type: 'B', data: {}, correctedBy: [] },
      ],
      problems: [],
    });
  });
  it('drops a retracted event', () => {
    expect(view([ev('1', 'A'), ev('2', 'B'), retract('3', '1')])).toEqual({ events: ['2:B:{}'], problems: [] });
  });
  it('replaces a corrected event in place', () => {
    expect(view([ev('1', 'A', 1), ev('2', 'B'), fix('3', '1', 2)])).toEqual({ events: ['1:A:2<3', '2:B:{}'], problems: [] });
  });
  it('the latest correction of an event wins', () => {
    expect(view([ev('1', 'A', 1), fix('2', '1', 2), fix('3', '1', 3)]).events).toEqual(['1:A:3<3']);
  });
  it('a correction of a correction amends its replacement', () => {
    expect(view([ev('1', 'A', 1), fix('2', '1', 2), fix('3', '2', 3)]).events).toEqual(['1:A:3<2,3']);
    expect(view([ev('1', 'A', 1), fix('2', '1', 2), fix('3', '2', 3), fix('4', '3', 4)]).events).toEqual(['1:A:4<2,3,4']);
  });
  it('amending a correction that a later correction superseded changes nothing', () => {
    expect(view([ev('1', 'A', 1), fix('2', '1', 2), fix('3', '1', 3), fix('4', '2', 4)]).events).toEqual(['1:A:3<3']);
  });
  it('retracting a correction restores what it corrected', () => {
    expect(view([ev('1', 'A', 1), fix('2', '1', 2), retract('3', '2')])).toEqual({ events: ['1:A:1'], problems: [] });
    expect(view([ev('1', 'A', 1), fix('2', '1', 2), fix('3', '2', 3), retract('4', '3')]).events).toEqual(['1:A:2<2']);
  });
  it('retracting a retraction restores the event, with its corrections', () => {
    expect(view([ev('1', 'A', 1), fix('2', '1', 2), retract('3', '1'), retract('4', '3')])).toEqual({ events: ['1:A:2<2'], problems: [] });
    expect(view([ev('1', 'A', 1), retract('2', '1'), retract('3', '2'), retract('4', '3')]).events).toEqual([]);
  });
  it('reports a correction of an unknown, later or own event and ignores it', () => {
    expect(view([ev('1', 'A', 1), fix('2', '9', 2)])).toEqual({ events: ['1:A:1'], problems: ['2:unknownTarget'] });
    expect(view([fix('1', '2', 2), ev('2', 'A', 1)])).toEqual({ events: ['2:A:1'], problems: ['1:targetNotEarlier'] });
    expect(view([ev('1', 'A', 1), retract('2', '2')])).toEqual({ events: ['1:A:1'], problems: ['2:targetNotEarlier'] });
  });
  it('reports malformed corrections, corrections of retractions and replacements that are corrections', () => {
    expect(view([ev('1', 'A', 1), ev('2', 'EventCorrected', { correctedEventId: '1' }), ev('3', 'EventRetracted', null)])).toEqual({
      events: ['1:A:1'],
      problems: ['2:malformedCorrection', '3:malformedCorrection'],
    });
    expect(view([ev('1', 'A', 1), retract('2', '1'), fix('3', '2', 5)]).problems).toEqual(['3:correctsRetraction']);
    expect(view([ev('1', 'A', 1), fix('2', '1', { eventId: '1', reason: 'x' }, 'EventRetracted')])).toEqual({ events: ['1:A:1'], problems: ['2:replacementIsCorrection'] });
  });
  it('reports a retraction of an already retracted event, and a correction after a retraction', () => {
    expect(view([ev('1', 'A'), retract('2', '1'), retract('3', '1')])).toEqual({ events: [], problems: ['3:alreadyRetracted'] });
    expect(view([ev('1', 'A'), retract('2', '1'), fix('3', '1', 2)])).toEqual({ events: [], problems: ['3:targetRetracted'] });
    // corrected first and retracted later is an ordinary history, not a problem
    expect(view([ev('1', 'A'), fix('2', '1', 2), retract('3', '1')])).toEqual({ events: [], problems: [] });
  });
  it('reports duplicate event ids and keeps the first', () => {
    expect(view([ev('1', 'A', 1), ev('1', 'B', 2)])).toEqual({ events: ['1:A:1'], problems: ['1:duplicateEventId'] });
  });
  it('upcasts replacements when asked, and reports those it cannot read', () => {
    const records = [ev('1', 'A', 1), ev('2', 'EventCorrected', { correctedEventId: '1', reason: 'typo', replacement: { type: 'A', data: 2, schemaVersion: 1 } })];
    const upcast = effectiveEvents(records, { upcastReplacement: (r) => ({ type: r.type, data: { v2: r.data } }) });
    expect(upcast.events).toEqual([{ eventId: '1', type: 'A', data: { v2: 2 }, correctedBy: ['2'] }]);
    const unreadable = effectiveEvents(records, { upcastReplacement: () => undefined });
    expect(unreadable.problems.map((p) => p.kind)).toEqual(['unreadableReplacement']);
    expect(unreadable.events[0]?.data).toBe(1);
    const throwing = effectiveEvents(records, {
      upcastReplacement: () => {
        throw new Error('no upcaster');
      },
    });
    expect(throwing.problems.map((p) => p.kind)).toEqual(['unreadableReplacement']);
  });

  const ids = fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '8', '9');
  const anyRecord: fc.Arbitrary<StreamRecord> = fc.oneof(
    fc.tuple(ids, fc.constantFrom('A', 'B'), fc.integer()).map(([id, type, data]) => ev(id, type, data)),
    fc.tuple(ids, ids, fc.integer(), fc.constantFrom('A', 'B', 'EventRetracted')).map(([id, target, data, type]) => fix(id, target, data, type)),
    fc.tuple(ids, ids).map(([id, target]) => retract(id, target)),
    fc.tuple(ids, fc.constantFrom('EventCorrected', 'EventRetracted'), fc.anything()).map(([id, type, data]) => ev(id, type, data)),
  );

  it('never throws, and yields only ordinary events of the stream, once each, in stream order', () => {
    fc.assert(
      fc.property(fc.array(anyRecord, { maxLength: 25 }), (records) => {
        const { events } = effectiveEvents(records);
        const positions = events.map((e) => records.findIndex((r) => r.eventId === e.eventId));
        expect(positions.every((p) => p >= 0 && records[p]?.type !== 'EventCorrected' && records[p]?.type !== 'EventRetracted')).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
        expect(events.every((e) => e.type !== 'EventCorrected' && e.type !== 'EventRetracted')).toBe(true);
      }),
    );
  });
  it('retracting and then restoring any event leaves the effective stream as it was', () => {
    const plain = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer()), { selector: ([id]) => id, minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(plain, fc.nat(), (pairs, pick) => {
        const records = pairs.map(([id, data]) => ev(String(id), 'A', data));
        const target = records[pick % records.length]!.eventId;
        const undone = [...records, retract('r1', target), retract('r2', 'r1')];
        expect(effectiveEvents(undone)).toEqual(effectiveEvents(records));
      }),
    );
  });
});
