import { isDeepStrictEqual } from 'node:util';
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { toFieldIssues } from '../codecs/issues.js';
import { fold, type Decider, type DomainEvent } from '../kernel/decider.js';
import { domainError, type DomainError } from '../kernel/domainError.js';
import { isCorrectionCommand, type CorrectionCommand } from './commands.js';
import { effectiveEvents, type CorrectionProblem, type CorrectionProblemKind, type StreamRecord } from './effectiveEvents.js';
import type { CorrectionEvent } from './events.js';

export const CorrectionErrors = {
  missingReason: 'MissingCorrectionReason',
  unknownEventId: 'UnknownEventId',
  alreadyRetracted: 'EventAlreadyRetracted',
  cannotCorrectRetraction: 'CannotCorrectRetraction',
  invalidReplacement: 'InvalidReplacement',
  replacementUnchanged: 'ReplacementUnchanged',
  typeChange: 'ReplacementChangesEventType',
  noEffect: 'CorrectionHasNoEffect',
  invalidCorrection: 'InvalidCorrection',
  unsettlesOthers: 'CorrectionUnsettlesOthers',
} as const;

const problemKey = (p: CorrectionProblem): string => `${p.position}|${p.kind}|${p.targetEventId ?? ''}`;

/** What a correction needs of an event type: satisfied by every `defineEventType(...)` definition. */
export interface ReplacementSchema {
  readonly type: string;
  readonly currentVersion: number;
  readonly codec: t.Decoder<unknown, unknown>;
}

export interface CorrectionPolicy<Event extends DomainEvent> {
  /** The event types a replacement may have, with their codecs (usually the aggregate's event definitions). */
  readonly definitions: readonly ReplacementSchema[];
  /** Whether a replacement may have another type than the event it corrects. Default: no. */
  readonly allowTypeChange?: boolean;
  /**
   * The aggregate's invariants over a whole corrected history (the effective events). A correction whose
   * result fails them is rejected with this error, so corrections cannot smuggle in what decide forbids.
   */
  readonly verify?: (events: readonly Event[]) => Either<DomainError, void>;
}

/** Placeholder id of the correction being decided: the real id is assigned when it is appended. */
const PENDING = '\u0000pending-correction';

const problemCode: Record<CorrectionProblemKind, string> = {
  duplicateEventId: CorrectionErrors.invalidCorrection,
  malformedCorrection: CorrectionErrors.invalidCorrection,
  unknownTarget: CorrectionErrors.unknownEventId,
  targetNotEarlier: CorrectionErrors.unknownEventId,
  correctsRetraction: CorrectionErrors.cannotCorrectRetraction,
  replacementIsCorrection: CorrectionErrors.invalidReplacement,
  unreadableReplacement: CorrectionErrors.invalidReplacement,
  targetRetracted: CorrectionErrors.alreadyRetracted,
  alreadyRetracted: CorrectionErrors.alreadyRetracted,
};

const rejectProblem = (problem: CorrectionProblem): DomainError =>
  domainError(problemCode[problem.kind], problem.message, {
    rule: 'corrections refer to an earlier event in force',
    field: problem.kind === 'replacementIsCorrection' || problem.kind === 'unreadableReplacement' ? 'replacement.type' : 'eventId',
    details: { problem: problem.kind, ...(problem.targetEventId !== undefined ? { eventId: problem.targetEventId } : {}) },
  });

/** The content a correction would replace: the target's own content, or the replacement it carries. */
const currentContent = (record: StreamRecord): { type: string; data: unknown } =>
  record.type === 'EventCorrected' ? (record.data as { replacement: { type: string; data: unknown } }).replacement : record;

const validateReplacement = <Event extends DomainEvent>(
  replacement: { readonly type: string; readonly data: unknown },
  policy: CorrectionPolicy<Event>,
): Either<DomainError, { type: string; data: unknown; schemaVersion: number }> => {
  const definition = policy.definitions.find((d) => d.type === replacement.type);
  if (definition === undefined) {
    return left(
      domainError(CorrectionErrors.invalidReplacement, `"${replacement.type}" is not an event type of this stream`, {
        rule: 'a replacement is an event of the same aggregate',
        field: 'replacement.type',
      }),
    );
  }
  const decoded = definition.codec.decode(replacement.data);
  if (isLeft(decoded)) {
    const issues = toFieldIssues(decoded.left, 'replacement.data');
    return left(
      domainError(CorrectionErrors.invalidReplacement, `the replacement ${replacement.type} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
        rule: 'a replacement satisfies its event schema',
        field: issues[0]?.path ?? 'replacement.data',
        details: { issues },
      }),
    );
  }
  return right({ type: replacement.type, data: decoded.right, schemaVersion: definition.currentVersion });
};

/**
 * Decide a correction or retraction against a stream's records (in order, with their event ids).
 * The candidate is resolved together with the existing records by `effectiveEvents`, so decide and load
 * can never disagree about what a correction does.
 */
export const decideCorrection = <Event extends DomainEvent>(
  command: CorrectionCommand,
  records: readonly StreamRecord[],
  policy: CorrectionPolicy<Event>,
): Either<DomainError, readonly CorrectionEvent[]> => {
  if (command.reason.trim() === '') {
    return left(domainError(CorrectionErrors.missingReason, 'a correction must say why', { rule: 'corrections are explained', field: 'reason' }));
  }
  if (command.eventId.trim() === '') {
    return left(domainError(CorrectionErrors.unknownEventId, 'name the event to correct', { rule: 'corrections refer to an earlier event in force', field: 'eventId' }));
  }
  let candidate: CorrectionEvent;
  if (command.type === 'RetractEvent') {
    candidate = { type: 'EventRetracted', data: { eventId: command.eventId, reason: command.reason } };
  } else {
    const replacement = validateReplacement(command.replacement, policy);
    if (isLeft(replacement)) return replacement;
    const target = records.find((r) => r.eventId === command.eventId);
    if (target !== undefined && target.type !== 'EventRetracted') {
      // Compare with what the fold currently sees for the corrected event, falling back to the target itself.
      const inForce = effectiveEvents(records).events.find((e) => e.eventId === command.eventId || e.correctedBy.includes(command.eventId));
      const current = inForce ?? currentContent(target);
      if (policy.allowTypeChange !== true && current.type !== replacement.right.type) {
        return left(
          domainError(CorrectionErrors.typeChange, `a ${current.type} can only be corrected by another ${current.type}`, {
            rule: 'a correction keeps the event type; retract and record anew instead',
            field: 'replacement.type',
          }),
        );
      }
      if (isDeepStrictEqual(current.data, replacement.right.data)) {
        return left(domainError(CorrectionErrors.replacementUnchanged, 'the replacement is identical to what is in force', { rule: 'a correction changes something', field: 'replacement.data' }));
      }
    }
    candidate = { type: 'EventCorrected', data: { correctedEventId: command.eventId, reason: command.reason, replacement: replacement.right } };
  }

  const resolved = effectiveEvents([...records, { eventId: PENDING, type: candidate.type, data: candidate.data }]);
  const own = resolved.problems.find((p) => p.eventId === PENDING);
  if (own !== undefined) return left(rejectProblem(own));
  // Retracting a retraction (or a correction) can bring an earlier one back into force and make a later one
  // redundant or inapplicable; refuse rather than leave the stream with a problem nobody chose.
  const before = new Set(effectiveEvents(records).problems.map(problemKey));
  const unsettled = resolved.problems.find((p) => !before.has(problemKey(p)));
  if (unsettled !== undefined) {
    return left(
      domainError(CorrectionErrors.unsettlesOthers, `this would leave event ${unsettled.eventId} with a problem: ${unsettled.message}`, {
        rule: 'a correction leaves every other correction applicable',
        field: 'eventId',
        details: { problem: unsettled },
      }),
    );
  }
  if (candidate.type === 'EventCorrected' && !resolved.events.some((e) => e.correctedBy.includes(PENDING))) {
    return left(
      domainError(CorrectionErrors.noEffect, `correction ${command.eventId} is no longer in force (it was superseded, or what it corrects was retracted)`, {
        rule: 'correct the version in force',
        field: 'eventId',
      }),
    );
  }
  if (policy.verify !== undefined) {
    const verified = policy.verify(resolved.events.map((e) => ({ type: e.type, data: e.data }) as Event));
    if (isLeft(verified)) return verified;
  }
  return right([candidate]);
};

/** Fold a stream's records into state after resolving its corrections. */
export const foldWithCorrections = <State, Event extends DomainEvent>(
  evolve: (state: State, event: Event) => State,
  initialState: State,
  records: readonly StreamRecord[],
): { readonly state: State; readonly problems: readonly CorrectionProblem[] } => {
  const { events, problems } = effectiveEvents(records);
  return { state: fold(evolve, initialState, events.map((e) => ({ type: e.type, data: e.data }) as Event)), problems };
};

/**
 * An aggregate that accepts corrections. Its decisions need the stream's records (with event ids), not
 * only the folded state, because a correction names the event it corrects:
 *
 *   const agreements = correctable(agreementDecider, { definitions: agreementEventDefinitions, verify });
 *   agreements.decide({ type: 'CorrectEvent', eventId, reason, replacement }, records);
 *   agreements.decide({ type: 'AmendArticle', ... }, records); // folds the corrected history, then decides
 *
 * Wiring: the stream loader should fold `effectiveEvents(records).events` instead of the raw records and
 * surface `problems` next to quarantined records; the correction event definitions belong in every registry.
 */
export interface CorrectableDecider<Command, State, Event extends DomainEvent> {
  readonly load: (records: readonly StreamRecord[]) => { readonly state: State; readonly problems: readonly CorrectionProblem[] };
  readonly decide: (command: Command | CorrectionCommand, records: readonly StreamRecord[]) => Either<DomainError, readonly (Event | CorrectionEvent)[]>;
}

export const correctable = <Command extends { readonly type: string }, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  policy: CorrectionPolicy<Event>,
): CorrectableDecider<Command, State, Event> => {
  const load = (records: readonly StreamRecord[]) => foldWithCorrections(decider.evolve, decider.initialState, records);
  return {
    load,
    decide: (command, records) =>
      isCorrectionCommand(command) ? decideCorrection(command, records, policy) : decider.decide(command as Command, load(records).state),
  };
};
