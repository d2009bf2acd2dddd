/**
 * The projection benchmark's log: case streams of four events (opened, moved, moved, closed), every 250th case with
 * a fifth, a correction of its opening, so one correction per ~1,000 events. Event n is a pure function of n
 * (`caseEventAt`).
 */
import { positionFromSegments, type StoredEvent } from '@laborcase/core';

const CASES_PER_BLOCK = 250;
/** A block of 250 cases: the first with five events (its correction), the rest with four. */
const BLOCK = 5 + (CASES_PER_BLOCK - 1) * 4;
const BASE = Date.parse('2025-07-01T08:00:00.000Z');
const PROVENANCE = { actorId: 'bench', role: 'bench' };

const day = (n: number): string => new Date(Date.UTC(2025, 6, 1) + (n % 365) * 86_400_000).toISOString().slice(0, 10);

/** The number of case `c`'s first event, and how many events its stream has. */
const streamOf = (c: number): { readonly first: number; readonly length: number } => {
  const i = c % CASES_PER_BLOCK;
  return { first: Math.floor(c / CASES_PER_BLOCK) * BLOCK + (i === 0 ? 0 : 5 + (i - 1) * 4), length: i === 0 ? 5 : 4 };
};

/** Case `c`'s id and stream id (fresh strings). */
const idsOf = (c: number): { readonly caseId: string; readonly streamId: string } => ({ caseId: `c${c}`, streamId: `case-c${c}` });

/**
 * Event number `n` (from 0) of the log: its case, its place in the case's stream, and its content. `ids` gives the
 * case's id strings (by default fresh ones for each event).
 */
export const caseEventAt = (n: number, ids = idsOf): StoredEvent => {
  const block = Math.floor(n / BLOCK);
  const r = n % BLOCK;
  const c = block * CASES_PER_BLOCK + (r < 5 ? 0 : 1 + Math.floor((r - 5) / 4));
  const version = r < 5 ? r : (r - 5) % 4;
  const { caseId, streamId } = ids(c);
  const [type, data] =
    version === 0
      ? ['CaseOpened', { caseId, article: `art-${c % 12}` }]
      : version === 1
        ? ['CaseMoved', { caseId, article: `art-${(c + 1) % 12}` }]
        : version === 2
          ? ['CaseMoved', { caseId, article: `art-${(c + 2) % 12}` }]
          : version === 3
            ? ['CaseClosed', { caseId }]
            : ['EventCorrected', { correctedEventId: `e-${streamOf(c).first}`, reason: 'typo', replacement: { type: 'CaseOpened', data: { caseId, article: 'art-99' } } }];
  return {
    eventId: `e-${n}`,
    streamId,
    streamVersion: version,
    type,
    schemaVersion: 1,
    data,
    metadata: { provenance: PROVENANCE, correlationId: 'b', causationId: 'b', effectiveOn: day(Math.floor(n / 3_000)), recordedAt: new Date(BASE + n * 1_000).toISOString() },
    prevHash: '',
    hash: '',
    globalPosition: positionFromSegments(BigInt(n + 1)),
  };
};

/**
 * The first `count` events of the log. With `shareStrings`, a stream's events share one string object for the case
 * id and one for the stream id, as one process building the log writes them; without, every event has its own, as
 * events read from a database do (a `Map` look-up then compares characters where it compared references).
 */
export const caseLog = (count: number, options: { readonly shareStrings?: boolean } = {}): StoredEvent[] => {
  let last: { readonly c: number; readonly ids: ReturnType<typeof idsOf> } | undefined;
  const shared = (c: number): ReturnType<typeof idsOf> => {
    if (last?.c !== c) last = { c, ids: idsOf(c) };
    return last.ids;
  };
  return Array.from({ length: count }, (_, n) => caseEventAt(n, options.shareStrings === true ? shared : idsOf));
};
