import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { v4 as uuid } from 'uuid';
import { ANY, NO_STREAM, type DomainError, type EventStore, type StoredEvent } from '@laborcase/core';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { agreementStreamId, isRegistered, type AgreementState } from '../agreement/index.js';
import { calendarStreamId } from '../calendar/index.js';
import { onCalendarChanged } from '../calendar-to-grievance/index.js';
import { createDomainRegistry } from '../domainRegistry.js';
import {
  ECPS_DISTRICT_ID,
  ecap26_001,
  ecapAgreement,
  ecpsCalendarEvents,
  ecpsCalendarState,
  eceaAgreement,
  ecssuAgreement,
  g25_001,
  g26_004,
  g26_007,
  g26_011,
  runGrievance,
  s25_003,
  s26_002,
  type GrievanceFixtureStep,
} from '../fixtures/ecps/index.js';
import { grievanceCommandDate, type GrievanceCommand } from './commands.js';
import { openDeadlines } from './queries.js';
import { createGrievanceService, schoolYearOf, type GrievanceService } from './service.js';

const registry = createDomainRegistry();
const ACTOR = { actorId: 'ecea.grievance-chair', role: 'association-rep' };
const PROCESS_MANAGER = { actorId: 'calendar-deadline-recalculation', role: 'process-manager' };
const CALENDAR_STREAM = calendarStreamId(ECPS_DISTRICT_ID, '2025-26');
const SNOW_DAY = '2026-01-27';

const collect = async (events: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> => {
  const all: StoredEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

const seed = async (store: EventStore, streamId: string, events: readonly { readonly type: string; readonly data: unknown }[], effectiveOn: string) => {
  const metadata = { provenance: { actorId: 'seed', role: 'seed' }, correlationId: 'seed', causationId: 'seed', effectiveOn };
  await store.append(streamId, events.map((e) => ({ eventId: uuid(), type: e.type, data: e.data, metadata })), { expectedVersion: ANY });
};

const editionStream = (agreement: AgreementState): string => {
  if (!isRegistered(agreement)) throw new Error('fixture agreement is not registered');
  return agreementStreamId(agreement.unitId, agreement.editionId);
};

/** A store holding the ECPS agreements and the SY2025-26 calendar as adopted (v1). */
const ecpsStore = async (): Promise<EventStore> => {
  const store = createInMemoryEventStore({ registry });
  for (const agreement of [eceaAgreement, ecssuAgreement, ecapAgreement]) await seed(store, editionStream(agreement.state), agreement.events, '2025-07-01');
  await seed(store, CALENDAR_STREAM, [ecpsCalendarEvents[0]!], '2025-05-20');
  return store;
};

const declareSnowDay = (store: EventStore) => seed(store, CALENDAR_STREAM, [ecpsCalendarEvents[1]!], SNOW_DAY);

const serviceOn = (store: EventStore): GrievanceService => createGrievanceService({ store, newId: uuid, districtId: ECPS_DISTRICT_ID });

const storeSnapshot = async (store: EventStore) => ({ head: await store.headPosition(), all: await collect(store.readAll()) });

/** The business date each command is about: the events' `effectiveOn`. */
const businessDate = (command: GrievanceCommand): string => {
  const date = grievanceCommandDate(command);
  if (date === undefined) throw new Error('recalculations come from the process manager');
  return date;
};

const OPERATION_OF = {
  FileGrievance: 'file',
  ScheduleStepMeeting: 'scheduleMeeting',
  RecordStepAnswer: 'answer',
  AppealToNextStep: 'appeal',
  RecordDeadlineLapse: 'recordLapse',
  AgreeExtension: 'extend',
  PlaceInAbeyance: 'placeInAbeyance',
  ResumeGrievance: 'resume',
  WithdrawGrievance: 'withdraw',
  SettleGrievance: 'settle',
  DemandArbitration: 'demandArbitration',
  SelectArbitrator: 'selectArbitrator',
  CloseArbitrationHearing: 'closeHearing',
  RecordAward: 'recordAward',
  RecalculateDeadline: 'recalculateDeadline',
} as const satisfies Record<GrievanceCommand['type'], keyof GrievanceService>;

type Operation = Exclude<keyof GrievanceService, 'get'>;
type AnyCall = (id: unknown, input: unknown, actor: unknown, options?: unknown) => Promise<Either<DomainError, unknown>>;
const operationOf = (service: GrievanceService, name: Operation): AnyCall => service[name] as unknown as AnyCall;

/** A fixture command as a service call: no `type`, no loaded calendar, the agreement named by its keys. */
const inputOf = (command: GrievanceCommand): Record<string, unknown> => {
  const { type: _, ...rest } = command;
  const { calendar: __, ...input } = rest as typeof rest & { calendar?: unknown };
  if (command.type !== 'FileGrievance') return input;
  const { agreement, grievanceId: ___, ...filing } = input as Record<string, unknown> & { agreement: AgreementState };
  if (!isRegistered(agreement)) throw new Error('fixture agreement is not registered');
  return { ...filing, agreement: { unitId: agreement.unitId, editionId: agreement.editionId } };
};

/**
 * Plays a fixture case through the service in business-date order: the snow day is declared on the calendar
 * stream when the case reaches 1/27, and where the fixture has the process manager's step, the process manager
 * reads the grievance through the service and sends its instructions to `recalculateDeadline`.
 */
const playThroughService = async (grievanceId: string, steps: readonly GrievanceFixtureStep[]) => {
  const store = await ecpsStore();
  const service = serviceOn(store);
  let snowDeclared = false;
  const snowFallsBy = async (date: string) => {
    if (snowDeclared || date < SNOW_DAY) return;
    await declareSnowDay(store);
    snowDeclared = true;
  };
  const dates: string[] = [];
  for (const step of steps) {
    if (typeof step === 'function') {
      await snowFallsBy(SNOW_DAY);
      const loaded = await service.get(grievanceId);
      if (isLeft(loaded)) throw new Error(loaded.left.message);
      const calendarState = ecpsCalendarState;
      for (const { type: _, streamId: __, ...instruction } of onCalendarChanged(ecpsCalendarEvents[1]!, calendarState, openDeadlines(loaded.right.state)).recalculations) {
        const result = await service.recalculateDeadline(grievanceId, { ...instruction, calendarChangedOn: SNOW_DAY }, PROCESS_MANAGER);
        if (isLeft(result)) throw new Error(`${result.left.code}: ${result.left.message}`);
        dates.push(...result.right.events.map(() => SNOW_DAY));
      }
      continue;
    }
    await snowFallsBy(businessDate(step));
    const result = await operationOf(service, OPERATION_OF[step.type])(grievanceId, inputOf(step), ACTOR);
    if (isLeft(result)) throw new Error(`${step.type} rejected: ${result.left.code}: ${result.left.message}`);
    dates.push(...(result.right as { events: readonly StoredEvent[] }).events.map(() => businessDate(step)));
  }
  const stored = await collect(store.readStream(`grievance-${grievanceId}`));
  return { service, store, stored, dates };
};

describe('grievance service: the ECPS cases (domain.md §7) through the service', () => {
  const cases: readonly (readonly [string, readonly GrievanceFixtureStep[]])[] = [
    ['G-25-001', g25_001],
    ['G-26-004', g26_004],
    ['G-26-007', g26_007],
    ['G-26-011', g26_011],
    ['S-25-003', s25_003],
    ['S-26-002', s26_002],
    ['A-26-001', ecap26_001],
  ];

  it.each(cases)('%s records exactly what the decider decides from the fixture commands, dated by business date', async (grievanceId, steps) => {
    const expected = runGrievance(steps);
    const { service, stored, dates } = await playThroughService(grievanceId, steps);
    expect(stored.map((e) => ({ type: e.type, data: e.data }))).toEqual(expected.events);
    expect(stored.map((e) => e.metadata.effectiveOn)).toEqual(dates);
    expect(await service.get(grievanceId)).toEqual({ _tag: 'Right', right: { state: expected.state, version: stored.length - 1 } });
  });

  it('G-26-004: the snow day moves the Step 2 answer from 2/5 to 2/6 through recalculateDeadline, recorded by the process manager on 1/27', async () => {
    const { stored } = await playThroughService('G-26-004', g26_004);
    const recalculated = stored.filter((e) => e.type === 'DeadlineRecalculated');
    expect(recalculated.map((e) => [e.data, e.metadata.effectiveOn, e.metadata.provenance])).toEqual([
      [
        {
          deadlineId: 'G-26-004/step-2/answer',
          previousDueOn: '2026-02-05',
          newDueOn: '2026-02-06',
          rule: { limit: { n: 10, dayType: 'school', summerDayType: 'working' }, calendarId: 'calendar-ecps-2025-26', calendarVersion: 2 },
        },
        SNOW_DAY,
        PROCESS_MANAGER,
      ],
    ]);
  });
});

/** G-P, filed like case 1 and waiting for its Step 1 meeting. */
const PID = 'G-P';
const filing = {
  grievant: { kind: 'individual', employeeIds: ['E-10233'] },
  agreement: { unitId: 'ecea', editionId: '2024-2027' },
  articleKeys: ['planning-time'],
  occurredOn: '2025-10-06',
  filedOn: '2025-10-21',
  remedySought: 'Restore the contractual planning period',
};
const rule = { limit: { n: 10, dayType: 'school' }, calendarId: 'calendar-ecps-2025-26', calendarVersion: 2 };

/** A well-formed input per operation (whether the grievance's state accepts it is another matter). */
const VALID: Readonly<Record<Operation, Record<string, unknown>>> = {
  file: filing,
  scheduleMeeting: { stepId: 'step-1', meetingOn: '2025-10-30', scheduledOn: '2025-10-23' },
  answer: { stepId: 'step-1', disposition: 'denied', answeredOn: '2025-11-05', reason: 'No violation' },
  appeal: { fromStepId: 'step-1', appealedOn: '2025-11-10' },
  recordLapse: { deadlineId: 'G-P/step-1/meet', asOf: '2025-11-20' },
  extend: { deadlineId: 'G-P/step-1/meet', newDueOn: '2025-11-20', agreedOn: '2025-10-23', signedBy: { association: 'A. Rep', management: 'P. Principal' } },
  placeInAbeyance: { placedOn: '2025-10-23', reason: 'Related case pending' },
  resume: { resumedOn: '2025-11-03' },
  withdraw: { withdrawnOn: '2025-10-23', reason: 'Resolved informally' },
  settle: { settledOn: '2025-10-23', settlementType: 'monetary', terms: 'Back pay', amountCents: 12_500 },
  demandArbitration: { demandedOn: '2025-12-01', demandedBy: 'association' },
  selectArbitrator: { arbitrator: 'A. Neutral', selectedOn: '2025-12-10' },
  closeHearing: { closedOn: '2026-03-02' },
  recordAward: { issuedOn: '2026-03-20', decision: 'sustained', remedy: 'Restore planning time' },
  recalculateDeadline: { deadlineId: 'G-P/step-1/meet', previousDueOn: '2025-11-04', newDueOn: '2025-11-05', calendarVersion: 2, rule, calendarChangedOn: '2025-10-24' },
};
const OPERATIONS = Object.keys(VALID) as Operation[];

const filedStore = async () => {
  const store = await ecpsStore();
  const service = serviceOn(store);
  const filed = await service.file(PID, filing as never, ACTOR);
  if (isLeft(filed)) throw new Error(filed.left.message);
  return { store, service };
};

const without = (value: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));

/** Per operation, malformed inputs and the field the rejection must name. */
const malformed: readonly (readonly [Operation, string, unknown, string])[] = [
  ...OPERATIONS.flatMap((op): (readonly [Operation, string, unknown, string])[] => {
    const valid = VALID[op];
    const first = Object.keys(valid)[0]!;
    const date = Object.keys(valid).find((k) => k.endsWith('On') || k === 'asOf')!;
    return [
      [op, `without ${first}`, without(valid, first), first],
      [op, `${date} not a date`, { ...valid, [date]: '2025-02-30' }, date],
      [op, 'an unknown field', { ...valid, note: 'x' }, 'note'],
      [op, 'not an object', ['x'], '(root)'],
    ];
  }),
  ['file', 'a blank employee id', { ...filing, grievant: { kind: 'individual', employeeIds: ['E-1', ' '] } }, 'grievant.employeeIds.1'],
  ['file', 'an unknown kind of grievant', { ...filing, grievant: { kind: 'everyone' } }, 'grievant.kind'],
  ['file', 'a class without its size', { ...filing, grievant: { kind: 'class', description: 'All' } }, 'grievant.memberCount'],
  ['file', 'an agreement without its edition', { ...filing, agreement: { unitId: 'ecea' } }, 'agreement.editionId'],
  ['file', 'a discovery date that is not a date', { ...filing, discoveredOn: 'yesterday' }, 'discoveredOn'],
  ['file', 'a remedy with U+0000', { ...filing, remedySought: 'Pay\u0000' }, 'remedySought'],
  ['file', 'a lone surrogate in an article key', { ...filing, articleKeys: ['planning\uD800'] }, 'articleKeys.0'],
  ['file', 'a remedy longer than 4000 characters', { ...filing, remedySought: 'x'.repeat(4001) }, 'remedySought'],
  ['answer', 'an unknown disposition', { ...VALID.answer, disposition: 'maybe' }, 'disposition'],
  ['extend', 'a signature that is not text', { ...VALID.extend, signedBy: { association: 5, management: 'M' } }, 'signedBy.association'],
  ['settle', 'a fractional amount', { ...VALID.settle, amountCents: 10.5 }, 'amountCents'],
  ['settle', 'an unknown settlement type', { ...VALID.settle, settlementType: 'apologyCard' }, 'settlementType'],
  ['demandArbitration', 'an unknown party', { ...VALID.demandArbitration, demandedBy: 'board' }, 'demandedBy'],
  ['recordAward', 'a remedy that is not text', { ...VALID.recordAward, remedy: ['pay'] }, 'remedy'],
  ['recalculateDeadline', 'a negative limit', { ...VALID.recalculateDeadline, rule: { ...rule, limit: { n: -1, dayType: 'school' } } }, 'rule.limit.n'],
  ['recalculateDeadline', 'a stream id (the service owns it)', { ...VALID.recalculateDeadline, streamId: 'grievance-G-P' }, 'streamId'],
];

describe('grievance service: malformed calls are InvalidCommand naming the field, and write nothing', () => {
  it.each(malformed)('%s: %s → %s', async (op, _, input, field) => {
    const { store, service } = await filedStore();
    const before = await storeSnapshot(store);
    const result = await operationOf(service, op)(PID, input, ACTOR);
    expect(result).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field } });
    expect(await storeSnapshot(store)).toEqual(before);
  });

  it.each(OPERATIONS)('%s checks the id, the actor and the options too', async (op) => {
    const { store, service } = await filedStore();
    const before = await storeSnapshot(store);
    const call = operationOf(service, op);
    const valid = VALID[op];
    expect(await call('', valid, ACTOR)).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'grievanceId' } });
    expect(await call(42, valid, ACTOR)).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'grievanceId' } });
    expect(await call(PID, valid, { actorId: 'a' })).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'actor.role' } });
    expect(await call(PID, valid, { ...ACTOR, actorId: 'a\u0000' })).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'actor.actorId' } });
    expect(await call(PID, valid, ACTOR, { commandId: 'c', retries: 3 })).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'options.retries' } });
    expect(await call(PID, valid, ACTOR, { correlationId: '\uDC00' })).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'options.correlationId' } });
    expect(await storeSnapshot(store)).toEqual(before);
  });
});

describe('grievance service: what it loads', () => {
  it('rejects a filing that names an agreement edition nobody registered', async () => {
    const { store, service } = await filedStore();
    const before = await storeSnapshot(store);
    const result = await service.file('G-X', { ...filing, agreement: { unitId: 'ecea', editionId: '2027-2030' } } as never, ACTOR);
    expect(result).toMatchObject({ _tag: 'Left', left: { code: 'AgreementNotRegistered', field: 'agreement', details: { unitId: 'ecea', editionId: '2027-2030' } } });
    expect(await storeSnapshot(store)).toEqual(before);
  });

  it('rejects a command dated in a school year whose calendar was not adopted, naming the date field', async () => {
    const { store, service } = await filedStore();
    const before = await storeSnapshot(store);
    const late = await service.file('G-X', { ...filing, occurredOn: '2026-08-25', filedOn: '2026-08-31' } as never, ACTOR);
    expect(late).toMatchObject({ _tag: 'Left', left: { code: 'CalendarNotAdopted', field: 'filedOn', details: { districtId: 'ecps', schoolYear: '2026-27' } } });
    const meeting = await service.scheduleMeeting(PID, { stepId: 'step-1', meetingOn: '2026-07-06', scheduledOn: '2025-10-23' }, ACTOR);
    expect(meeting).toMatchObject({ _tag: 'Left', left: { code: 'CalendarNotAdopted', field: 'meetingOn' } });
    expect(await storeSnapshot(store)).toEqual(before);
  });

  it('passes the decider\'s rejections through, writing nothing', async () => {
    const { store, service } = await filedStore();
    const before = await storeSnapshot(store);
    expect(await service.file(PID, filing as never, ACTOR)).toMatchObject({ _tag: 'Left', left: { code: 'GrievanceAlreadyFiled' } });
    expect(await service.appeal(PID, VALID.appeal as never, ACTOR)).toMatchObject({ _tag: 'Left', left: { code: 'NoAnswerToAppeal' } });
    expect(await service.answer('G-NONE', VALID.answer as never, ACTOR)).toMatchObject({ _tag: 'Left', left: { code: 'GrievanceNotFiled' } });
    expect(await storeSnapshot(store)).toEqual(before);
  });

  it('get: the state and version, NO_STREAM before a filing, InvalidCommand for a malformed id', async () => {
    const { service } = await filedStore();
    expect(await service.get(PID)).toMatchObject({ _tag: 'Right', right: { state: { status: 'open', grievanceId: PID, editionId: '2024-2027' }, version: 3 } });
    expect(await service.get('G-NONE')).toEqual({ _tag: 'Right', right: { state: { status: 'notFiled' }, version: NO_STREAM } });
    expect(await service.get({ id: PID } as never)).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'grievanceId' } });
  });

  it('counts on the calendar of the school year (July 1 to June 30) of the date', () => {
    expect([schoolYearOf('2025-07-01'), schoolYearOf('2026-06-30'), schoolYearOf('2026-07-01'), schoolYearOf('1999-12-31')]).toEqual(['2025-26', '2025-26', '2026-27', '1999-00']);
  });
});

describe('grievance service: no input crashes it', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }));
  const json = fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }));
  const junk = fc.oneof(json, fc.anything(), fc.dictionary(text, json, { maxKeys: 6 }));
  /** A valid input with one field replaced, dropped, or an extra one added. */
  const tampered = (op: Operation) =>
    fc.tuple(fc.constantFrom(...Object.keys(VALID[op])), fc.option(junk, { nil: undefined }), fc.boolean(), text).map(([key, value, extra, extraKey]) => ({
      ...VALID[op],
      [key]: value,
      ...(extra ? { [extraKey]: value } : {}),
    }));
  const call = fc.constantFrom(...OPERATIONS).chain((op) =>
    fc.record({
      op: fc.constant(op),
      id: fc.oneof(fc.constant<unknown>(PID), fc.constant<unknown>('G-NEW'), junk),
      input: fc.oneof(fc.constant<unknown>(VALID[op]), tampered(op), junk),
      actor: fc.oneof(fc.constant<unknown>(ACTOR), junk, fc.record({ actorId: fc.oneof(text, junk), role: fc.oneof(text, junk) }, { requiredKeys: [] })),
      options: fc.oneof(fc.constant<unknown>(undefined), fc.record({ commandId: text }, { requiredKeys: [] }), junk),
    }),
  );

  it('property: any value as id, input, actor or options gives a Left or a success, never a throw; a Left writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(call, async ({ op, id, input, actor, options }) => {
        const { store, service } = await filedStore();
        const before = await storeSnapshot(store);
        const result = await operationOf(service, op)(id, input, actor, options);
        expect(isLeft(result) || isRight(result)).toBe(true);
        if (isLeft(result)) expect(await storeSnapshot(store)).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('property: get answers any value with a Left or the state', async () => {
    const { service } = await filedStore();
    await fc.assert(
      fc.asyncProperty(fc.oneof(junk, text), async (id) => {
        const result = await service.get(id as never);
        expect(isLeft(result) || isRight(result)).toBe(true);
      }),
    );
  });
});
