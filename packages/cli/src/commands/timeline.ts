/**
 * `laborcase timeline <stream>`: a stream as it stood on either axis — every fact with who recorded it, when, for
 * which business date, the due dates it set and the rule each came from; corrections and retractions shown as
 * such (and the facts they changed marked); then the state folded from the facts in force.
 */
import { effectiveEvents, isCorrectionType, type CodecRegistry, type EventStore, type StoredEvent } from '@laborcase/core';
import { toCsv } from '@laborcase/projections/labor';
import { CliError, EXIT } from '../errors.js';
import type { AsOfAxes } from '../options.js';
import { foldFor } from './aggregates.js';

export interface DueDate {
  readonly deadlineId: string | null;
  readonly dueOn: string;
  /** The rule the date was computed by, as stored with the event (limit, calendar and its version). */
  readonly rule: string | null;
}

export interface TimelineEntry {
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly actorId: string;
  readonly role: string;
  readonly onBehalfOf: string | null;
  readonly recordedAt: string;
  readonly effectiveOn: string;
  readonly dueDates: readonly DueDate[];
  /** `in-force`, or why not: corrected (its replacement is folded instead), retracted, unreadable. */
  readonly status: 'in-force' | 'corrected' | 'retracted' | 'correction' | 'retraction' | 'unreadable';
  /** For a correction or retraction: the event it targets and why; for a corrected/retracted event: by which. */
  readonly relatedEventId: string | null;
  readonly note: string | null;
  readonly data: unknown;
}

export interface Timeline {
  readonly streamId: string;
  readonly asEffectiveOn: string | null;
  readonly asKnownAt: string | null;
  readonly entries: readonly TimelineEntry[];
  readonly aggregate: string | null;
  readonly state: unknown;
  readonly problems: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const describeRule = (rule: unknown): string | null => {
  if (!isObject(rule)) return null;
  const limit = isObject(rule['limit']) ? rule['limit'] : {};
  const days = limit['n'] === undefined ? '' : `${String(limit['n'])} ${String(limit['dayType'] ?? '')} days`.replace(/\s+/g, ' ');
  const calendar = rule['calendarId'] === undefined ? '' : `${String(rule['calendarId'])} v${String(rule['calendarVersion'])}`;
  const provisional = rule['provisional'] === true ? ' (provisional)' : '';
  return [days, calendar].filter((part) => part !== '').join(', ') + provisional || null;
};

/** Due dates an event sets: `dueOn` or `newDueOn` next to a `rule`, at the top of its data. */
const dueDatesOf = (data: unknown): DueDate[] => {
  if (!isObject(data)) return [];
  const dueOn = data['newDueOn'] ?? data['dueOn'];
  if (typeof dueOn !== 'string') return [];
  return [{ deadlineId: typeof data['deadlineId'] === 'string' ? data['deadlineId'] : null, dueOn, rule: describeRule(data['rule']) }];
};

const targetOf = (record: StoredEvent): { target: string; reason: string } | undefined => {
  const data = isObject(record.data) ? record.data : {};
  const target = record.type === 'EventCorrected' ? data['correctedEventId'] : data['eventId'];
  return typeof target === 'string' ? { target, reason: String(data['reason'] ?? '') } : undefined;
};

export const buildTimeline = async (store: EventStore, registry: CodecRegistry, streamId: string, axes: AsOfAxes): Promise<Timeline> => {
  const knownAt = axes.knownAt === undefined ? undefined : Date.parse(axes.knownAt);
  const known: StoredEvent[] = [];
  for await (const record of store.readStream(streamId)) {
    if (knownAt === undefined || Date.parse(record.metadata.recordedAt) <= knownAt) known.push(record);
  }
  if (known.length === 0) {
    throw new CliError(EXIT.problem, `stream ${streamId}: no events${axes.knownAt === undefined ? '' : ` recorded by ${axes.knownAt}`}; check the stream id (e.g. grievance-G-26-004)`);
  }
  const problems: string[] = [];
  const decoded = known.map((record) => ({ record, decoded: registry.decode(record) }));
  for (const { record, decoded: d } of decoded) if (d.kind === 'quarantined') problems.push(`v${record.streamVersion} ${record.type} is unreadable: ${d.reason}`);
  const readable = decoded.flatMap(({ record, decoded: d }) => (d.kind === 'event' ? [{ eventId: record.eventId, type: d.type, data: d.data }] : []));
  const effective = effectiveEvents(readable);
  for (const problem of effective.problems) problems.push(`${problem.kind} at ${problem.eventId}: ${problem.message}`);

  const inForce = new Map(effective.events.map((event) => [event.eventId, event]));
  const changedBy = new Map<string, string>();
  for (const record of known) {
    const target = isCorrectionType(record.type) ? targetOf(record) : undefined;
    if (target !== undefined) changedBy.set(target.target, record.eventId);
  }
  const effectiveOnOf = new Map(known.map((record) => [record.eventId, record.metadata.effectiveOn]));
  const visible = (record: StoredEvent): boolean => axes.effectiveOn === undefined || record.metadata.effectiveOn <= axes.effectiveOn;

  const entries = decoded.filter(({ record }) => visible(record)).map(({ record, decoded: d }): TimelineEntry => {
    const { provenance } = record.metadata;
    const target = isCorrectionType(record.type) ? targetOf(record) : undefined;
    const effectiveEvent = inForce.get(record.eventId);
    const status: TimelineEntry['status'] =
      d.kind === 'quarantined'
        ? 'unreadable'
        : record.type === 'EventCorrected'
          ? 'correction'
          : record.type === 'EventRetracted'
            ? 'retraction'
            : effectiveEvent === undefined
              ? 'retracted'
              : effectiveEvent.correctedBy.length > 0
                ? 'corrected'
                : 'in-force';
    const relatedEventId = target?.target ?? (status === 'corrected' ? (effectiveEvent?.correctedBy.at(-1) ?? null) : status === 'retracted' ? (changedBy.get(record.eventId) ?? null) : null);
    const data = d.kind === 'event' ? d.data : record.data;
    return {
      streamVersion: record.streamVersion,
      eventId: record.eventId,
      type: record.type,
      actorId: provenance.actorId,
      role: provenance.role,
      onBehalfOf: provenance.onBehalfOf ?? null,
      recordedAt: record.metadata.recordedAt,
      effectiveOn: record.metadata.effectiveOn,
      dueDates: dueDatesOf(status === 'corrected' ? effectiveEvent?.data : data),
      status,
      relatedEventId,
      note: target?.reason ?? (d.kind === 'quarantined' ? d.reason : null),
      data,
    };
  });

  const fold = foldFor(streamId);
  let state: unknown = null;
  if (fold !== undefined) {
    state = fold.initialState;
    for (const event of effective.events) {
      const effectiveOn = effectiveOnOf.get(event.eventId);
      if (axes.effectiveOn !== undefined && effectiveOn !== undefined && effectiveOn > axes.effectiveOn) continue;
      state = fold.evolve(state, { type: event.type, data: event.data });
    }
  }
  return {
    streamId,
    asEffectiveOn: axes.effectiveOn ?? null,
    asKnownAt: axes.knownAt ?? null,
    entries,
    aggregate: fold?.aggregate ?? null,
    state,
    problems,
  };
};

const pad = (rows: readonly string[][]): string[] => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
};

const statusText = (entry: TimelineEntry): string => {
  switch (entry.status) {
    case 'in-force':
      return '';
    case 'correction':
      return `CORRECTS ${entry.relatedEventId ?? '?'}: ${entry.note ?? ''}`;
    case 'retraction':
      return `RETRACTS ${entry.relatedEventId ?? '?'}: ${entry.note ?? ''}`;
    case 'corrected':
      return `[corrected by ${entry.relatedEventId ?? '?'}]`;
    case 'retracted':
      return `[retracted by ${entry.relatedEventId ?? '?'}]`;
    case 'unreadable':
      return `[unreadable: ${entry.note ?? ''}]`;
  }
};

const dueText = (entry: TimelineEntry): string =>
  entry.dueDates.map((due) => `${due.deadlineId === null ? '' : `${due.deadlineId} `}due ${due.dueOn}${due.rule === null ? '' : ` (${due.rule})`}`).join('; ');

export const renderTimeline = (timeline: Timeline, format: 'text' | 'json' | 'csv'): string => {
  if (format === 'json') return `${JSON.stringify(timeline, null, 2)}\n`;
  const flat = timeline.entries.map((entry) => ({
    streamVersion: entry.streamVersion,
    effectiveOn: entry.effectiveOn,
    recordedAt: entry.recordedAt,
    type: entry.type,
    actorId: entry.actorId,
    role: entry.role,
    onBehalfOf: entry.onBehalfOf,
    status: entry.status,
    relatedEventId: entry.relatedEventId,
    dueDates: dueText(entry),
    eventId: entry.eventId,
  }));
  if (format === 'csv') return toCsv(flat);
  const axes = [timeline.asEffectiveOn === null ? '' : `effective on ${timeline.asEffectiveOn}`, timeline.asKnownAt === null ? '' : `known at ${timeline.asKnownAt}`].filter((a) => a !== '');
  const header = `${timeline.streamId}${axes.length === 0 ? '' : ` as ${axes.join(', ')}`}: ${timeline.entries.length} event(s)`;
  const rows = [
    ['v', 'effective', 'recorded', 'type', 'by', 'details'],
    ...timeline.entries.map((entry) => [
      String(entry.streamVersion),
      entry.effectiveOn,
      entry.recordedAt,
      entry.type,
      `${entry.actorId} (${entry.role}${entry.onBehalfOf === null ? '' : ` for ${entry.onBehalfOf}`})`,
      [statusText(entry), dueText(entry)].filter((part) => part !== '').join(' '),
    ]),
  ];
  const state = timeline.aggregate === null ? '(no aggregate known for this stream id)' : JSON.stringify(timeline.state, null, 2);
  const problems = timeline.problems.length === 0 ? '' : `\nproblems:\n${timeline.problems.map((p) => `  ${p}`).join('\n')}\n`;
  return `${header}\n${pad(rows).map((line) => `  ${line}`).join('\n')}\n${problems}\nstate (${timeline.aggregate ?? 'unknown'}):\n${state}\n`;
};
