import { v4 as uuid } from 'uuid';
import type { NewEvent, NewEventMetadata } from '../index.js';

export const metadata = (overrides: Partial<NewEventMetadata> = {}): NewEventMetadata => ({
  provenance: { actorId: 'user-17', role: 'labor-relations-specialist' },
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  effectiveOn: '2025-10-21',
  ...overrides,
});

export const filed = (grievant = 'T. Lee', extra: Partial<NewEvent> = {}): NewEvent => ({
  eventId: uuid(),
  type: 'ToyGrievanceFiled',
  data: { grievant, articleKeys: ['planning-time'], occurredOn: '2025-10-06' },
  metadata: metadata(),
  ...extra,
});

export const answered = (step = 1, disposition: 'granted' | 'denied' = 'denied'): NewEvent => ({
  eventId: uuid(),
  type: 'ToyStepAnswered',
  data: { step, disposition },
  metadata: metadata({ effectiveOn: '2025-11-14' }),
});

export const appealed = (toStep = 2): NewEvent => ({
  eventId: uuid(),
  type: 'ToyGrievanceAppealed',
  data: { toStep },
  metadata: metadata({ effectiveOn: '2025-12-02' }),
});

/** n toy events forming a plausible stream: filed, then alternating answers and appeals. */
export const toyStream = (n: number): NewEvent[] =>
  Array.from({ length: n }, (_, i) => (i === 0 ? filed() : i % 2 === 1 ? answered(1 + Math.floor(i / 2)) : appealed(1 + i / 2)));

export const uniqueStream = (prefix = 'grievance'): string => `${prefix}-${uuid()}`;
