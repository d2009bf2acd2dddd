/**
 * Resolve corrections and retractions in a stream into the event sequence an aggregate folds.
 *
 * Rules (positions are stream order; a correction or retraction may only refer to an earlier event):
 * - A retracted event is dropped. Retracting a correction cancels that correction; retracting a retraction
 *   restores what it retracted. An event counts as retracted only by a retraction that is itself in force.
 * - A corrected event is replaced in place by the replacement of its latest correction in force.
 *   Correcting a correction amends that correction's replacement (its own latest correction wins), so a
 *   chain E ← C1 ← C2 yields C2's replacement at E's position.
 * - Anything that cannot be applied (unknown or later target, malformed correction data, correcting a
 *   retraction, a replacement that is itself a correction, a duplicate event id, retracting twice, correcting
 *   something already retracted) is reported in `problems` and otherwise ignored. Never throws.
 */
import { EventCorrected, EventRetracted, isCorrectionType, type Replacement } from './events.js';

/** One stored event as the loader hands it over: id, type and (decoded) data, in stream order. */
export interface StreamRecord {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
}

/** An event to fold: the original's id and position, with the content in force after corrections. */
export interface EffectiveEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  /** Ids of the corrections whose replacement is in force, from the direct correction to the last amendment of it. */
  readonly correctedBy: readonly string[];
}

export type CorrectionProblemKind =
  | 'duplicateEventId'
  | 'malformedCorrection'
  | 'unknownTarget'
  | 'targetNotEarlier'
  | 'correctsRetraction'
  | 'replacementIsCorrection'
  | 'unreadableReplacement'
  | 'targetRetracted'
  | 'alreadyRetracted';

export interface CorrectionProblem {
  /** The record the problem is about (the correction or retraction, or the duplicate). */
  readonly eventId: string;
  readonly position: number;
  readonly kind: CorrectionProblemKind;
  readonly targetEventId?: string;
  readonly message: string;
}

export interface EffectiveStream {
  readonly events: readonly EffectiveEvent[];
  readonly problems: readonly CorrectionProblem[];
}

export interface EffectiveEventsOptions {
  /**
   * Bring a replacement to the current schema of its type (as the codec registry does for stored events).
   * Return undefined when it cannot be read; the correction is then reported and ignored. Default: as stored.
   */
  readonly upcastReplacement?: (replacement: Replacement) => { readonly type: string; readonly data: unknown } | undefined;
}

type Entry =
  | { readonly kind: 'event'; readonly record: StreamRecord }
  | { readonly kind: 'correction'; readonly record: StreamRecord; readonly target: number; readonly replacement: { readonly type: string; readonly data: unknown } }
  | { readonly kind: 'retraction'; readonly record: StreamRecord; readonly target: number }
  | { readonly kind: 'ignored'; readonly record: StreamRecord };

const readReplacement = (stored: Replacement, options: EffectiveEventsOptions): { readonly type: string; readonly data: unknown } | undefined => {
  if (options.upcastReplacement === undefined) return { type: stored.type, data: stored.data };
  try {
    return options.upcastReplacement(stored);
  } catch {
    return undefined; // an upcaster that throws makes the replacement unreadable, like a stored event that fails upcasting
  }
};

export const effectiveEvents = (records: Iterable<StreamRecord>, options: EffectiveEventsOptions = {}): EffectiveStream => {
  const list = [...records];
  const problems: CorrectionProblem[] = [];
  const report = (position: number, kind: CorrectionProblemKind, message: string, targetEventId?: string): void => {
    problems.push({ eventId: String(list[position]?.eventId), position, kind, message, ...(targetEventId !== undefined ? { targetEventId } : {}) });
  };

  const positionOf = new Map<string, number>();
  const entries: Entry[] = [];
  const classify = (record: StreamRecord, position: number): Entry => {
    if (positionOf.has(record.eventId)) {
      report(position, 'duplicateEventId', `event id ${record.eventId} already appears at position ${positionOf.get(record.eventId)}`);
      return { kind: 'ignored', record };
    }
    positionOf.set(record.eventId, position);
    if (!isCorrectionType(record.type)) return { kind: 'event', record };

    const data = record.data;
    const correction = record.type === 'EventCorrected' && EventCorrected.codec.is(data) ? data : undefined;
    const retraction = record.type === 'EventRetracted' && EventRetracted.codec.is(data) ? data : undefined;
    const targetId = correction?.correctedEventId ?? retraction?.eventId;
    if (targetId === undefined) {
      report(position, 'malformedCorrection', `${record.type} data is malformed`);
      return { kind: 'ignored', record };
    }
    const target = positionOf.get(targetId);
    if (target === undefined || target === position) {
      const notEarlier = target === position || list.some((r, i) => i > position && r.eventId === targetId);
      report(position, notEarlier ? 'targetNotEarlier' : 'unknownTarget', `${record.type} refers to ${notEarlier ? 'a later (or its own)' : 'an unknown'} event ${targetId}`, targetId);
      return { kind: 'ignored', record };
    }
    if (correction === undefined) return { kind: 'retraction', record, target };

    const targetEntry = entries[target];
    if (targetEntry?.kind === 'retraction') {
      report(position, 'correctsRetraction', `a retraction cannot be corrected; retract retraction ${targetId} instead`, targetId);
      return { kind: 'ignored', record };
    }
    if (targetEntry?.kind === 'ignored') {
      report(position, 'unknownTarget', `${record.type} refers to event ${targetId}, which could not be applied`, targetId);
      return { kind: 'ignored', record };
    }
    const stored = correction.replacement;
    if (isCorrectionType(stored.type)) {
      report(position, 'replacementIsCorrection', 'a replacement cannot itself be a correction or retraction', targetId);
      return { kind: 'ignored', record };
    }
    const replacement = readReplacement(stored, options);
    if (replacement === undefined) {
      report(position, 'unreadableReplacement', `the replacement ${stored.type} cannot be read by the current code`, targetId);
      return { kind: 'ignored', record };
    }
    return { kind: 'correction', record, target, replacement };
  };
  list.forEach((record, position) => entries.push(classify(record, position)));

  // Retractions only point backwards, so walking from the end settles whether each record is in force
  // before anything that could retract it is looked at.
  const inForce = entries.map((e) => e.kind !== 'ignored');
  const retractedAt: (number | undefined)[] = entries.map(() => undefined);
  for (let position = entries.length - 1; position >= 0; position--) {
    const entry = entries[position];
    if (entry?.kind !== 'retraction' || !inForce[position]) continue;
    const laterRetraction = retractedAt[entry.target];
    if (laterRetraction !== undefined) {
      // Walking backwards, this retraction is the earlier one and stands; the later one is redundant.
      report(laterRetraction, 'alreadyRetracted', `event ${list[entry.target]?.eventId} was already retracted at position ${position}`, list[entry.target]?.eventId);
    }
    retractedAt[entry.target] = position;
    inForce[entry.target] = false;
  }

  // The latest correction in force of each record.
  const latestCorrection: (number | undefined)[] = entries.map(() => undefined);
  entries.forEach((entry, position) => {
    if (entry.kind !== 'correction' || !inForce[position]) return;
    if (!inForce[entry.target]) {
      const retraction = retractedAt[entry.target];
      if (retraction !== undefined && retraction < position) {
        report(position, 'targetRetracted', `event ${list[entry.target]?.eventId} was retracted at position ${retraction}`, list[entry.target]?.eventId);
      }
      return;
    }
    latestCorrection[entry.target] = position;
  });

  const events: EffectiveEvent[] = [];
  entries.forEach((entry, position) => {
    if (entry.kind !== 'event' || !inForce[position]) return;
    const correctedBy: string[] = [];
    let content: { readonly type: string; readonly data: unknown } = { type: entry.record.type, data: entry.record.data };
    for (let next = latestCorrection[position]; next !== undefined; next = latestCorrection[next]) {
      const correction = entries[next];
      if (correction?.kind !== 'correction') break;
      correctedBy.push(correction.record.eventId);
      content = correction.replacement;
    }
    events.push({ eventId: entry.record.eventId, type: content.type, data: content.data, correctedBy });
  });

  return { events, problems: problems.sort((a, b) => a.position - b.position) };
};
