import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { createCodecRegistry } from '@laborcase/core';
import { decideIsDeterministic, decidedHistory, foldIsIncremental, replayIsDeterministic } from '@laborcase/core/testkit';
import { workCalendarDecider } from './decide/index.js';
import { calendarStreamId } from './streamId.js';
import { workCalendarEventDefinitions } from './events.js';
import { anyCommand, commandsAfterAdoption } from './specFixtures.js';

const histories = decidedHistory(workCalendarDecider, commandsAfterAdoption);

describe('WorkCalendar decider properties', () => {
  it('names streams calendar-{district}-{schoolYear}', () => {
    expect(calendarStreamId('ecps', '2025-26')).toBe('calendar-ecps-2025-26');
  });
  it('folding a prefix then the rest equals folding the whole history', () => {
    fc.assert(foldIsIncremental(workCalendarDecider, histories));
  });
  it('replay is deterministic', () => {
    fc.assert(replayIsDeterministic(workCalendarDecider, histories));
  });
  it('decide is deterministic', () => {
    fc.assert(decideIsDeterministic(workCalendarDecider, histories, anyCommand));
  });
  it('every accepted change is one event that bumps the calendar version by one', () => {
    fc.assert(
      fc.property(histories, (events) => {
        expect(events.map((e) => e.data.calendarVersion)).toEqual(events.map((_, i) => i + 1));
      }),
    );
  });
  it('every event the decider produces passes its codec', () => {
    const codecs = new Map(workCalendarEventDefinitions.map((d) => [d.type, d.codec] as const));
    fc.assert(
      fc.property(histories, (events) => {
        for (const event of events) expect(codecs.get(event.type)?.is(event.data)).toBe(true);
      }),
    );
  });
  it('the event definitions form a consistent codec registry', () => {
    expect(() => createCodecRegistry([...workCalendarEventDefinitions])).not.toThrow();
  });
});
