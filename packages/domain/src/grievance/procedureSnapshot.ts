/**
 * The grievance's own copy of the formats it stores from other aggregates: the procedure snapshot in
 * `GrievanceFiled` (from the agreement edition) and the deadline rule in `DeadlineScheduled`,
 * `DeadlineRecalculated` and `DeadlineResumed` (from the calendar's deadline engine).
 *
 * These codecs are deliberately not the agreement's `GrievanceProcedure` or the calendar's `DeadlineRule`: a
 * change there must not silently change what a grievance stream holds. Version 1 is the format grievance events
 * have stored from the start. A new format is a new version here plus a new event schema version with an
 * upcaster. The codecs are exact: a field version 1 does not know is dropped, never stored.
 */
import * as t from 'io-ts';
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { NonEmptyString, NonNegativeInteger, domainError, toFieldIssues, type DomainError } from '@laborcase/core';

const DayTypeV1 = t.keyof({ school: null, working: null, calendar: null }, 'DayType');

/** "Within `n` `dayType` days"; `summerDayType` replaces `dayType` after the last student day. */
export const LimitV1 = t.exact(t.intersection([t.type({ n: NonNegativeInteger, dayType: DayTypeV1 }), t.partial({ summerDayType: DayTypeV1 })]), 'Limit');

const StepV1 = t.exact(
  t.intersection([
    t.type({
      id: NonEmptyString,
      level: NonNegativeInteger,
      name: NonEmptyString,
      hearer: NonEmptyString,
      fileWithin: LimitV1,
      answerWithin: LimitV1,
      appealAnchor: t.keyof({ answerReceived: null, answerDueIfLate: null }, 'AppealAnchor'),
    }),
    t.partial({ meetWithin: LimitV1, appealWithin: LimitV1 }),
  ]),
  'GrievanceStep',
);

const InformalStepV1 = t.exact(t.type({ hearer: NonEmptyString, raiseWithin: LimitV1, required: t.boolean }), 'InformalStep');

const ClassGrievanceRuleV1 = t.exact(t.type({ minMembers: NonNegativeInteger, entryStep: NonEmptyString }), 'ClassGrievanceRule');

const ArbitrationRuleV1 = t.exact(
  t.intersection([
    t.type({
      invokedBy: t.literal('association'),
      binding: t.boolean,
      noticeWithin: LimitV1,
      selection: t.exact(
        t.type({
          source: NonEmptyString,
          listSize: NonNegativeInteger,
          method: t.keyof({ alternateStrike: null, mutualChoice: null, permanentPanel: null }),
        }),
        'ArbitratorSelection',
      ),
      fees: t.keyof({ splitEqually: null, loserPays: null, boardPays: null }, 'ArbitrationFees'),
    }),
    t.partial({ awardWithin: LimitV1, includesDischarge: t.boolean }),
  ]),
  'ArbitrationRule',
);

/** The edition's grievance procedure as in force on the occurrence date, as `GrievanceFiled` v1 stores it. */
export const ProcedureSnapshotV1 = t.exact(
  t.intersection([
    t.type({
      steps: t.readonlyArray(StepV1),
      filingClockStarts: t.keyof({ occurrence: null, occurrenceOrDiscovery: null }),
      continuingViolations: t.boolean,
      onGrievantLapse: t.keyof({ waived: null, settledOnLastAnswer: null }),
      onManagementLapse: t.literal('mayAdvance'),
      extensions: t.keyof({ mutualWritten: null, none: null }),
    }),
    t.partial({ informal: InformalStepV1, classGrievance: ClassGrievanceRuleV1, arbitration: ArbitrationRuleV1 }),
  ]),
  'GrievanceProcedure',
);

/** What a due date was computed from, as the deadline events (v1) store it. */
export const DeadlineRuleV1 = t.exact(t.type({ limit: LimitV1, calendarId: NonEmptyString, calendarVersion: NonNegativeInteger }), 'DeadlineRule');

/** The current snapshot formats (what the current event versions store). */
export const ProcedureSnapshot = ProcedureSnapshotV1;
export type ProcedureSnapshot = t.TypeOf<typeof ProcedureSnapshot>;
export const DeadlineRuleSnapshot = DeadlineRuleV1;
export type DeadlineRuleSnapshot = t.TypeOf<typeof DeadlineRuleSnapshot>;
export type LimitSnapshot = t.TypeOf<typeof LimitV1>;
export type ProcedureStep = ProcedureSnapshot['steps'][number];
export type ArbitrationSnapshot = NonNullable<ProcedureSnapshot['arbitration']>;

export const SNAPSHOT_NOT_STORABLE = 'SnapshotNotStorable';

const snapshot =
  <A>(codec: t.Decoder<unknown, A>, what: string, field: string) =>
  (value: unknown): Either<DomainError, A> => {
    const decoded = codec.decode(value);
    if (!isLeft(decoded)) return right(decoded.right);
    const issues = toFieldIssues(decoded.left, field);
    return left(
      domainError(SNAPSHOT_NOT_STORABLE, `the ${what} does not fit the grievance's stored format: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
        rule: 'a grievance stores its own versioned copy of the procedure and deadline rules',
        field: issues[0]?.path ?? field,
        details: { issues },
      }),
    );
  };

/** The agreement's procedure in the grievance's own format (fields the format does not know are dropped). */
export const toProcedureSnapshot = snapshot(ProcedureSnapshot, 'grievance procedure', 'agreement');

/** The deadline engine's rule in the grievance's own format. */
export const toDeadlineRuleSnapshot = snapshot(DeadlineRuleSnapshot, 'deadline rule', 'calendar');
