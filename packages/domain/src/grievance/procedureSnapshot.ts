/**
 * The grievance's own copy of the formats it stores from other aggregates: the procedure snapshot in
 * `GrievanceFiled` (from the agreement edition) and the deadline rule in `DeadlineScheduled`,
 * `DeadlineRecalculated` and `DeadlineResumed` (from the calendar's deadline engine).
 *
 * These codecs are deliberately not the agreement's `GrievanceProcedure` or the calendar's `DeadlineRule`: a
 * change there must not silently change what a grievance stream holds. Version 1 is the format grievance events
 * have stored from the start. A new format is a new version here plus a new event schema version with an
 * upcaster, or an optional field old events simply lack. The codecs are exact: a field version 1 does not know
 * is dropped, never stored.
 */
import * as t from 'io-ts';
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { NonEmptyString, NonNegativeInteger, domainError, toFieldIssues, type DomainError } from '@laborcase/core';

/**
 * An object of exactly these fields: others are dropped on decoding, the kept ones stay in the order the value
 * has them (so a stored event reads back byte for byte). Unlike `t.exact` over an intersection, it reports
 * issues at field paths without the intersection's member index.
 */
const exactObject = <R extends t.Props, O extends t.Props = Record<never, never>>(
  name: string,
  required: R,
  optional?: O,
): t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<O>, t.OutputOfProps<R> & t.OutputOfPartialProps<O>, unknown> & { readonly fields: t.Props } => {
  type A = t.TypeOfProps<R> & t.TypeOfPartialProps<O>;
  type Out = t.OutputOfProps<R> & t.OutputOfPartialProps<O>;
  const fields: t.Props = { ...(optional ?? {}), ...required };
  const whole = t.type(required);
  const part = t.partial(optional ?? {});
  /** The known, present fields of `value`, in its order, each through `each`. */
  const known = (value: object, each: (codec: t.Mixed, field: unknown, key: string) => unknown): Record<string, unknown> => {
    const kept: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const codec = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (codec !== undefined && field !== undefined) kept[key] = each(codec, field, key);
    }
    return kept;
  };
  const codec = new t.Type<A, Out, unknown>(
    name,
    (u): u is A => whole.is(u) && part.is(u),
    (u, context) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, context);
      const present = whole.validate(u, context);
      const optionals = part.validate(u, context);
      if (isLeft(present) || isLeft(optionals)) return t.failures([...(isLeft(present) ? present.left : []), ...(isLeft(optionals) ? optionals.left : [])]);
      const decoded: Record<string, unknown> = { ...optionals.right, ...present.right };
      return t.success(known(u, (_, __, key) => decoded[key]) as A);
    },
    (a) => known(a, (codec, field) => codec.encode(field)) as Out,
  );
  return Object.assign(codec, { fields });
};

const DayTypeV1 = t.keyof({ school: null, working: null, calendar: null }, 'DayType');

/** "Within `n` `dayType` days"; `summerDayType` replaces `dayType` after the last student day. */
export const LimitV1 = exactObject('Limit', { n: NonNegativeInteger, dayType: DayTypeV1 }, { summerDayType: DayTypeV1 });

const StepV1 = exactObject(
  'GrievanceStep',
  {
    id: NonEmptyString,
    level: NonNegativeInteger,
    name: NonEmptyString,
    hearer: NonEmptyString,
    fileWithin: LimitV1,
    answerWithin: LimitV1,
    appealAnchor: t.keyof({ answerReceived: null, answerDueIfLate: null }, 'AppealAnchor'),
  },
  { meetWithin: LimitV1, appealWithin: LimitV1 },
);

const InformalStepV1 = exactObject('InformalStep', { hearer: NonEmptyString, raiseWithin: LimitV1, required: t.boolean });

const ClassGrievanceRuleV1 = exactObject('ClassGrievanceRule', { minMembers: NonNegativeInteger, entryStep: NonEmptyString });

const ArbitrationRuleV1 = exactObject(
  'ArbitrationRule',
  {
    invokedBy: t.literal('association'),
    binding: t.boolean,
    noticeWithin: LimitV1,
    selection: exactObject('ArbitratorSelection', {
      source: NonEmptyString,
      listSize: NonNegativeInteger,
      method: t.keyof({ alternateStrike: null, mutualChoice: null, permanentPanel: null }),
    }),
    fees: t.keyof({ splitEqually: null, loserPays: null, boardPays: null }, 'ArbitrationFees'),
  },
  { awardWithin: LimitV1, includesDischarge: t.boolean },
);

/** The edition's grievance procedure as in force on the occurrence date, as `GrievanceFiled` v1 stores it. */
export const ProcedureSnapshotV1 = exactObject(
  'GrievanceProcedure',
  {
    steps: t.readonlyArray(StepV1),
    filingClockStarts: t.keyof({ occurrence: null, occurrenceOrDiscovery: null }),
    continuingViolations: t.boolean,
    onGrievantLapse: t.keyof({ waived: null, settledOnLastAnswer: null }),
    onManagementLapse: t.literal('mayAdvance'),
    extensions: t.keyof({ mutualWritten: null, none: null }),
  },
  { informal: InformalStepV1, classGrievance: ClassGrievanceRuleV1, arbitration: ArbitrationRuleV1 },
);

const CalendarRefV1 = exactObject('CalendarRef', { calendarId: NonEmptyString, calendarVersion: NonNegativeInteger });

/** The fallback a provisional deadline was counted under while a school year had no adopted calendar. */
const FallbackV1 = t.literal('weekdays-minus-us-federal-holidays');

/**
 * What a due date was computed from, as the deadline events (v1) store it. `calendars`, `provisional` and
 * `fallback` were added as optional fields for counts across school years (issue 12): rules stored before
 * have none of them and read back byte for byte; a count on one adopted calendar still stores none of them.
 */
export const DeadlineRuleV1 = exactObject(
  'DeadlineRule',
  { limit: LimitV1, calendarId: NonEmptyString, calendarVersion: NonNegativeInteger },
  { calendars: t.readonlyArray(CalendarRefV1), provisional: t.literal(true), fallback: FallbackV1 },
);

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
