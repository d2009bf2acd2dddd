/**
 * The ECPS fixture (domain.md §7) as one global log for the labor read-model specs: the calendar, the three
 * agreements, the §7 grievances, both bargaining cycles and ER-26-005, each stream decided by its aggregate,
 * interleaved by business date the way an office would have recorded them.
 *
 * Every event's `effectiveOn` is the date the command that produced it carried (filing, answer, appeal… or the
 * bargaining / ER `occurredOn`); an event with no date of its own (a scheduled deadline) takes its stream's
 * previous one, so each stream's dates never go backwards.
 */
import {
  ER_26_005,
  ecapAgreement,
  ecap26_001,
  eceaAgreement,
  eceaFy27Reopener,
  ecpsCalendarEvents,
  ecssuAgreement,
  ecssuImpasseCycle,
  er26005,
  g25_001,
  g26_004,
  g26_007,
  g26_011,
  replay,
  replayCase,
  runGrievance,
  s25_003,
  s26_002,
} from '@laborcase/domain/fixtures/ecps';
import { NO_STREAM, START, StoreUnavailable, comparePositions, type CodecRegistry, type EventStore, type StoredEvent } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import type { EventShape, Projection } from '../../definition.js';
import type { ReadModelStore } from '../../store.js';
import { logProjector, toStoredEvents, type LogEvent } from '../../testkit/log.js';
import type { ReportOptions } from '../reportSource.js';
import type { ReportStamp } from '../stamp.js';

interface Dated {
  readonly type: string;
  readonly data: object;
}

/** The fields that carry an event's business date, most specific first. */
const DATE_FIELDS = [
  'filedOn', 'answeredOn', 'appealedOn', 'withdrawnOn', 'settledOn', 'deemedOn', 'demandedOn', 'selectedOn', 'closedOn', 'issuedOn',
  'recordedOn', 'metOn', 'recordedAsOf', 'agreedOn', 'scheduledOn', 'placedOn', 'resumedOn', 'tolledOn',
  'ratifiedOn', 'approvedOn', 'confirmedOn', 'effectiveOn', 'occurredOn', 'tentativelyAgreedOn', 'declaredOn', 'adoptedOn', 'date',
] as const;

const ownDate = (data: object): string | undefined => {
  const record = data as Record<string, unknown>;
  for (const field of DATE_FIELDS) if (typeof record[field] === 'string') return record[field] as string;
  return undefined;
};

const stream = (streamId: string, events: readonly Dated[], firstDate: string): LogEvent[] => {
  let date = firstDate;
  return events.map((event) => {
    const own = ownDate(event.data);
    if (own !== undefined && own > date) date = own;
    return { streamId, type: event.type, data: event.data, effectiveOn: date };
  });
};

/** Stable interleave by business date: within one date, streams keep the order they are listed in. */
const interleave = (streams: readonly (readonly LogEvent[])[]): LogEvent[] =>
  streams
    .flat()
    .map((event, index) => ({ event, index }))
    .sort((a, b) => ((a.event.effectiveOn as string) < (b.event.effectiveOn as string) ? -1 : (a.event.effectiveOn as string) > (b.event.effectiveOn as string) ? 1 : a.index - b.index))
    .map(({ event }) => event);

const grievances = { 'G-25-001': g25_001, 'G-26-004': g26_004, 'G-26-007': g26_007, 'G-26-011': g26_011, 'S-25-003': s25_003, 'S-26-002': s26_002, 'A-26-001': ecap26_001 };

/** The whole ECPS fixture as log events, in an order a real log could have. */
export const ecpsLog = (): LogEvent[] =>
  interleave([
    stream('calendar-ecps-2025-26', ecpsCalendarEvents, '2025-06-01'),
    stream('agreement-ecea-2024-2027', eceaAgreement.events, '2024-03-01'),
    stream('agreement-ecssu-2025-2028', ecssuAgreement.events, '2025-02-01'),
    stream('agreement-ecap-2025-2028', ecapAgreement.events, '2025-02-01'),
    ...Object.entries(grievances).map(([id, steps]) => stream(`grievance-${id}`, runGrievance(steps).events, '2025-07-01')),
    stream('bargaining-ecea-fy27-reopener', replay(eceaFy27Reopener).events, '2025-09-15'),
    stream('bargaining-ecssu-fy27-successor', replay(ecssuImpasseCycle).events, '2025-10-01'),
    stream(`ercase-${ER_26_005}`, replayCase(ER_26_005, er26005).events, '2026-01-20'),
  ]);

/** The specs' clock: every report is generated at noon UTC on 2026-07-01. */
export const specClock = (): Date => new Date('2026-07-01T12:00:00.000Z');

/** A read-only event store over an already stored log (what a report reads to stamp itself); appends are refused. */
export const logEventStore = (log: readonly StoredEvent[]): EventStore => ({
  append: () => Promise.reject(new StoreUnavailable('a spec log is read-only')),
  async *readStream(streamId) {
    yield* log.filter((e) => e.streamId === streamId);
  },
  streamVersion: (streamId) => Promise.resolve(log.filter((e) => e.streamId === streamId).at(-1)?.streamVersion ?? NO_STREAM),
  async *readAll(options) {
    const after = options?.after;
    yield* log.filter((e) => after === undefined || comparePositions(e.globalPosition, after) > 0);
  },
  headPosition: () => Promise.resolve(log.at(-1)?.globalPosition ?? START),
  waitForEvents: (after) => Promise.resolve(log.some((e) => comparePositions(e.globalPosition, after) > 0)),
  close: () => Promise.resolve(),
});

/**
 * A fresh in-memory read model of `projection` built from `events` (default: the whole ECPS log), and the report
 * options reading it live (`options`), stamped from the same log on the specs' clock.
 */
export const projectEcps = async <Events extends EventShape, TableName extends string>(
  projection: Projection<Events, TableName>,
  events: readonly LogEvent[] = ecpsLog(),
): Promise<{ readonly store: ReadModelStore; readonly registry: CodecRegistry; readonly log: readonly StoredEvent[]; readonly options: ReportOptions }> => {
  const registry = createDomainRegistry();
  // The test kit leaves hashes empty; a stamp needs one, so each event gets a placeholder naming its place.
  const log = toStoredEvents(registry, events).map((event, i) => ({ ...event, prevHash: i === 0 ? '' : `spec-hash-${i}`, hash: `spec-hash-${i + 1}` }));
  const projector = await logProjector(projection, registry, log);
  await projector.apply(log);
  return { store: projector.store, registry, log, options: { eventStore: logEventStore(log), registry, store: projector.store, clock: specClock } };
};

/** The stamp a live report over `log` carries: its last event, all axes open, on the specs' clock. */
export const specStamp = (log: readonly StoredEvent[]): ReportStamp => ({
  position: log.at(-1)?.globalPosition ?? START,
  headHash: log.at(-1)?.hash ?? null,
  asEffectiveOn: null,
  asKnownAt: null,
  generatedAt: specClock().toISOString(),
});
