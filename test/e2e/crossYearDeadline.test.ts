/**
 * Issue 12 end to end on PGlite: an ECEA grievance filed Fri 2026-06-12 (occurred 2026-06-05) through the
 * grievance service before ECPS adopts its SY2026-27 calendar. Its deadlines that run past June 30 are
 * provisional under the fallback; adopting SY2026-27 through the calendar service and running the calendar →
 * grievance process manager recalculates them, each `DeadlineRecalculated` caused by the `CalendarAdopted` event.
 * Everything asserted is read back from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { loadStream, readDecoded, verifyStream, type DomainError, type EventStore, type StoredEvent } from '@laborcase/core';
import { collect } from '@laborcase/core/adapter-kit';
import { createPGliteEventStore } from '@laborcase/adapters';
import { createAgreementService, createCalendarService, createDomainRegistry, createGrievanceService } from '@laborcase/domain';
import { FALLBACK_CALENDAR, calendarStreamId, workCalendarDecider, type WorkCalendarEvent } from '@laborcase/domain/calendar';
import { onCalendarChanged } from '@laborcase/domain/calendar-to-grievance';
import { grievanceDecider, grievanceStreamId, recalculableDeadlines } from '@laborcase/domain/grievance';
import { ECPS_DISTRICT_ID, eceaArt5, eceaEdition2024_2027Document, ecpsCalendar2025_26Document, ecpsCalendar2026_27Document } from '@laborcase/domain/fixtures/ecps';

const clock = () => new Date('2026-06-23T12:00:00.000Z');
const CORRELATION_ID = 'case-G-26-020';
const ID = 'G-26-020';
const FILE = `${ID}/step-1/file`;
const ANSWER = `${ID}/step-1/answer`;
const SY25 = { calendarId: 'calendar-ecps-2025-26', calendarVersion: 1 };
const SY26 = { calendarId: 'calendar-ecps-2026-27', calendarVersion: 1 };
const actors = {
  board: { actorId: 'ecps.board-secretary', role: 'board-of-education' },
  laborRelations: { actorId: 'ecps.labor-relations', role: 'labor-relations' },
  association: { actorId: 'ecea.grievance-chair', role: 'association-rep' },
  principal: { actorId: 'ecps.principal-westbrook', role: 'principal' },
  processManager: { actorId: 'calendar-deadline-recalculation', role: 'process-manager' },
};

const sequentialIds = (): (() => string) => {
  let next = 0;
  return () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
};

const must = async <T>(what: string, result: Promise<Either<DomainError, T>>): Promise<T> => {
  const outcome = await result;
  if (isLeft(outcome)) throw new Error(`${what} rejected: ${outcome.left.code} at ${outcome.left.field ?? '-'}: ${outcome.left.message}`);
  return outcome.right;
};

describe('a June 2026 grievance counted across school years, on PGlite', () => {
  let dataDir: string;
  let store: EventStore;
  const registry = createDomainRegistry();
  const newId = sequentialIds();
  const call = { correlationId: CORRELATION_ID };
  let services: {
    calendars: ReturnType<typeof createCalendarService>;
    grievances: ReturnType<typeof createGrievanceService>;
  };
  let eventsAfterFiling: readonly StoredEvent[];
  let firstRun: { appended: number; failures: number };

  /** The calendar → grievance process manager over the SY2026-27 calendar stream, as a runner would drive it. */
  const runProcessManager = async (): Promise<{ appended: number; failures: number }> => {
    const { calendars, grievances } = services;
    const timeline = await must('timeline', calendars.timeline(ECPS_DISTRICT_ID, '2025-26', '2026-27'));
    let state = workCalendarDecider.initialState;
    let appended = 0;
    let failures = 0;
    for await (const decoded of readDecoded(store, registry, calendarStreamId(ECPS_DISTRICT_ID, '2026-27'))) {
      if (decoded.kind !== 'event') throw new Error('unreadable calendar event');
      const event = { type: decoded.type, data: decoded.data } as WorkCalendarEvent;
      state = workCalendarDecider.evolve(state, event);
      const grievance = await must('load', grievances.get(ID));
      const plan = onCalendarChanged(event, state, recalculableDeadlines(grievance.state), timeline);
      failures += plan.failures.length;
      for (const { type: _type, streamId: _streamId, ...instruction } of plan.recalculations) {
        const result = await must(
          'recalculateDeadline',
          grievances.recalculateDeadline(ID, { ...instruction, calendarChangedOn: decoded.record.metadata.effectiveOn }, actors.processManager, {
            commandId: `${decoded.record.eventId}/${instruction.deadlineId}`,
            correlationId: CORRELATION_ID,
          }),
        );
        appended += result.events.length;
      }
    }
    return { appended, failures };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'laborcase-crossyear-'));
    store = await createPGliteEventStore({ registry, clock, dataDir });
    const calendars = createCalendarService({ store, registry, newId });
    const agreements = createAgreementService({ store, registry, newId });
    const grievances = createGrievanceService({ store, registry, newId, districtId: ECPS_DISTRICT_ID });
    services = { calendars, grievances };
    await must('SY2025-26', calendars.importCalendar(ecpsCalendar2025_26Document, actors.board, call));
    await must('edition', agreements.importEdition(eceaEdition2024_2027Document, actors.laborRelations, call));
    await must(
      'filing',
      grievances.file(
        ID,
        {
          grievant: { kind: 'individual', employeeIds: ['E-41007'] },
          agreement: { unitId: 'ecea', editionId: '2024-2027' },
          articleKeys: ['assignments-transfers'],
          occurredOn: '2026-06-05',
          filedOn: '2026-06-12',
          remedySought: 'Rescind the involuntary transfer for 2026-27',
        },
        actors.association,
        call,
      ),
    );
    await must('meeting', grievances.scheduleMeeting(ID, { stepId: 'step-1', meetingOn: '2026-06-26', scheduledOn: '2026-06-15' }, actors.principal, call));
    eventsAfterFiling = await collect(store.readStream(grievanceStreamId(ID)));
    await must('SY2026-27', calendars.importCalendar(ecpsCalendar2026_27Document, actors.board, call));
    firstRun = await runProcessManager();
  });

  afterAll(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('accepts the filing before SY2026-27 exists, with provisional deadlines naming the fallback', () => {
    const scheduled = eventsAfterFiling.filter((e) => e.type === 'DeadlineScheduled').map((e) => e.data as { deadlineId: string; dueOn: string; rule: { provisional?: true } });
    expect(scheduled.map((d) => [d.deadlineId, d.dueOn, d.rule.provisional ?? false])).toEqual([
      [FILE, '2026-07-07', true],
      [`${ID}/step-1/meet`, '2026-06-29', false],
      [ANSWER, '2026-07-13', true],
    ]);
    expect(scheduled[0]!.rule).toEqual({ limit: eceaArt5.step1File, ...SY25, calendars: [SY25, { ...SY26, calendarVersion: 0 }], provisional: true, fallback: FALLBACK_CALENDAR });
  });

  it('recalculates both provisional deadlines on adoption, caused by CalendarAdopted', async () => {
    const [adopted] = await collect(store.readStream(calendarStreamId(ECPS_DISTRICT_ID, '2026-27')));
    expect(adopted?.type).toBe('CalendarAdopted');
    const events = await collect(store.readStream(grievanceStreamId(ID)));
    const recalculated = events.filter((e) => e.type === 'DeadlineRecalculated');
    expect(recalculated.map((e) => [e.data, e.metadata.effectiveOn, e.metadata.causationId, e.metadata.provenance.role])).toEqual([
      [{ deadlineId: FILE, previousDueOn: '2026-07-07', newDueOn: '2026-07-07', rule: { limit: eceaArt5.step1File, ...SY25, calendars: [SY25, SY26] } }, '2026-06-23', `${adopted!.eventId}/${FILE}`, 'process-manager'],
      [{ deadlineId: ANSWER, previousDueOn: '2026-07-13', newDueOn: '2026-07-13', rule: { limit: eceaArt5.step1Answer, ...SY25, calendars: [SY25, SY26] } }, '2026-06-23', `${adopted!.eventId}/${ANSWER}`, 'process-manager'],
    ]);
    expect(firstRun).toEqual({ appended: 2, failures: 0 });
  });

  it('keeps an intact hash chain and replays to the state the service reports', async () => {
    const events = await collect(store.readStream(grievanceStreamId(ID)));
    expect(verifyStream(events)).toEqual({ ok: true, checked: events.length, lastHash: events.at(-1)!.hash });
    const replayed = await loadStream(store, createDomainRegistry(), grievanceStreamId(ID), grievanceDecider.evolve, grievanceDecider.initialState);
    expect(replayed.state).toEqual((await must('get', services.grievances.get(ID))).state);
  });

  it('running the process manager again appends nothing', async () => {
    const head = await store.headPosition();
    expect(await runProcessManager()).toEqual({ appended: 0, failures: 0 });
    expect(await store.headPosition()).toEqual(head);
  });
});
