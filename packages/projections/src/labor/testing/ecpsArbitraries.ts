/**
 * Arbitrary grievance logs for the read models' properties, cut from the ECPS history: the calendars, any subset
 * of the §7 cases, each cut after any number of its events, sometimes with one of its events retracted; the
 * agreements, bargaining cycles and ER case whole.
 */
import * as fc from 'fast-check';
import type { LogEvent } from '../../testkit/log.js';
import { ecpsLog } from './ecpsLog.js';

const grievanceStreams = (): string[] => [...new Set(ecpsLog().map((e) => e.streamId).filter((id) => id.startsWith('grievance-')))];

interface Cut {
  readonly keep: number;
  readonly retract: number | null;
}

export const ecpsLogs = (): fc.Arbitrary<LogEvent[]> => {
  const all = ecpsLog();
  const streams = grievanceStreams();
  const cut: fc.Arbitrary<Cut> = fc.record({ keep: fc.nat({ max: 40 }), retract: fc.option(fc.nat(), { nil: null }) });
  return fc.tuple(fc.subarray(streams), fc.array(cut, { minLength: streams.length, maxLength: streams.length })).map(([chosen, cuts]) => {
    const kept = new Map<string, number>(chosen.map((id) => [id, cuts[streams.indexOf(id)]?.keep ?? 0]));
    const seen = new Map<string, number>();
    const out: LogEvent[] = [];
    for (const event of all) {
      if (!event.streamId.startsWith('grievance-')) {
        out.push(event);
        continue;
      }
      const limit = kept.get(event.streamId);
      const index = seen.get(event.streamId) ?? 0;
      if (limit === undefined || index >= limit) continue;
      seen.set(event.streamId, index + 1);
      out.push(event);
    }
    // Retractions come last, as corrections always follow what they correct.
    for (const id of chosen) {
      const retract = cuts[streams.indexOf(id)]?.retract ?? null;
      const events = out.filter((e) => e.streamId === id);
      if (retract === null || events.length === 0) continue;
      const target = events[retract % events.length] as LogEvent;
      out.push({ streamId: id, type: 'EventRetracted', data: { eventId: target.eventId, reason: 'recorded in error' }, eventId: `${target.eventId}-retracted`, effectiveOn: target.effectiveOn ?? '2026-06-30' });
    }
    return out;
  });
};
