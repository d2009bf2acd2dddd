/**
 * A case as the API shows it: its status, stage, grievant, cited articles, every deadline with who owes it, the
 * rule it was counted by and its status, and the closure. Live (the stream now, with its version for `If-Match`)
 * or as of either axis: `asEffectiveOn` keeps the facts dated on or before that business date, `asKnownAt` the
 * facts (and corrections) recorded by that instant, so "what did we know on the morning of the 27th" is answerable.
 */
import { Instant, IsoDate, type CodecRegistry, type EventStore, type StoredEvent } from '@laborcase/core';
import { evolveGrievance, grievanceStreamId, initialGrievanceState, isGrievanceFiled, type GrievanceEvent, type GrievanceState } from '@laborcase/domain/grievance';
import { effectiveProjected } from '@laborcase/projections';
import { isLeft } from 'fp-ts/lib/Either.js';
import { badRequest } from './problems.js';

export interface AsOfAxes {
  readonly effectiveOn?: string;
  readonly knownAt?: string;
}

/** The axes of a query string, each checked: `asEffectiveOn` a date `YYYY-MM-DD`, `asKnownAt` an ISO instant in UTC. */
export const asOfAxes = (query: { readonly asEffectiveOn?: unknown; readonly asKnownAt?: unknown }): AsOfAxes | undefined => {
  const { asEffectiveOn, asKnownAt } = query;
  if (asEffectiveOn !== undefined && isLeft(IsoDate.decode(asEffectiveOn))) throw badRequest('asEffectiveOn', 'must be a date YYYY-MM-DD');
  if (asKnownAt !== undefined && isLeft(Instant.decode(asKnownAt))) throw badRequest('asKnownAt', 'must be an ISO-8601 instant in UTC, e.g. 2026-01-27T08:00:00Z');
  if (asEffectiveOn === undefined && asKnownAt === undefined) return undefined;
  return { ...(asEffectiveOn === undefined ? {} : { effectiveOn: asEffectiveOn as string }), ...(asKnownAt === undefined ? {} : { knownAt: asKnownAt as string }) };
};

export interface CaseView {
  readonly grievanceId: string;
  /** The stream version the view was folded from (live: the `ETag`); null when nothing is in force on the axes. */
  readonly version: number | null;
  readonly asOf: { readonly effectiveOn: string | null; readonly knownAt: string | null };
  readonly status: string;
  readonly case?: Omit<Extract<GrievanceState, { status: 'open' | 'inAbeyance' | 'closed' }>, 'procedure' | 'deadlines'>;
  readonly deadlines: readonly {
    readonly deadlineId: string;
    readonly kind: string;
    readonly party: string;
    readonly stepId: string;
    readonly dueOn: string;
    readonly status: string;
    readonly extended: boolean;
    readonly rule: unknown;
  }[];
}

export const caseView = (grievanceId: string, state: GrievanceState, version: number | null, axes: AsOfAxes = {}): CaseView => {
  const asOf = { effectiveOn: axes.effectiveOn ?? null, knownAt: axes.knownAt ?? null };
  if (!isGrievanceFiled(state)) return { grievanceId, version, asOf, status: state.status, deadlines: [] };
  const { procedure: _procedure, deadlines, ...rest } = state;
  return {
    grievanceId,
    version,
    asOf,
    status: state.status,
    case: rest,
    deadlines: deadlines.map(({ deadlineId, kind, party, stepId, dueOn, status, extended, rule }) => ({ deadlineId, kind, party, stepId, dueOn, status, extended, rule })),
  };
};

/** The grievance folded from the facts in force on the axes (corrections recorded after `knownAt` ignored). */
export const grievanceAsOf = async (eventStore: EventStore, registry: CodecRegistry, grievanceId: string, axes: AsOfAxes): Promise<{ state: GrievanceState; version: number | null }> => {
  const knownAt = axes.knownAt === undefined ? undefined : Date.parse(axes.knownAt);
  const known: StoredEvent[] = [];
  for await (const record of eventStore.readStream(grievanceStreamId(grievanceId))) {
    if (knownAt === undefined || Date.parse(record.metadata.recordedAt) <= knownAt) known.push(record);
  }
  const inForce = effectiveProjected(registry, known, (record) => axes.effectiveOn === undefined || record.metadata.effectiveOn <= axes.effectiveOn);
  let state = initialGrievanceState;
  for (const event of inForce) state = evolveGrievance(state, { type: event.type, data: event.data } as GrievanceEvent);
  const last = inForce.at(-1);
  return { state, version: last === undefined ? null : last.streamVersion };
};
