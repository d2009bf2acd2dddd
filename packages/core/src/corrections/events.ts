import * as t from 'io-ts';
import { NonEmptyString, NonNegativeInteger } from '../codecs/primitives.js';
import { defineEventType, type EventOfDefinition } from '../codecs/eventType.js';

/** The event a correction puts in place of the corrected one. */
export const Replacement = t.intersection(
  [
    t.type({ type: NonEmptyString, data: t.unknown }),
    /** Schema version the replacement data was written at, so a loader can upcast it like a stored event. */
    t.partial({ schemaVersion: NonNegativeInteger }),
  ],
  'Replacement',
);
export type Replacement = t.TypeOf<typeof Replacement>;

/**
 * An earlier event of the same stream was recorded wrongly; `replacement` is what should have been recorded.
 * Both stay in the stream; loading folds the replacement in place of the original.
 */
export const EventCorrected = defineEventType(
  'EventCorrected',
  1,
  t.type({ correctedEventId: NonEmptyString, reason: NonEmptyString, replacement: Replacement }),
);

/** An earlier event of the same stream should never have been recorded; loading skips it. */
export const EventRetracted = defineEventType('EventRetracted', 1, t.type({ eventId: NonEmptyString, reason: NonEmptyString }));

export const correctionEventDefinitions = [EventCorrected, EventRetracted] as const;

export type EventCorrectedEvent = EventOfDefinition<typeof EventCorrected>;
export type EventRetractedEvent = EventOfDefinition<typeof EventRetracted>;
export type CorrectionEvent = EventCorrectedEvent | EventRetractedEvent;

export const isCorrectionType = (type: string): type is CorrectionEvent['type'] => type === 'EventCorrected' || type === 'EventRetracted';
