/**
 * End to end, as a developer wires it and an auditor reads it: ECPS case G-26-004 (domain.md §7 case 2) runs
 * through the application services of examples/ecps/workflow.ts on real event stores (in memory and PGlite on a
 * temporary folder). Everything asserted here is read back from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDomainRegistry } from '@laborcase/domain';
import { fold, loadStream, verifyStream, type EventStore, type StoredEvent } from '@laborcase/core';
import { grievanceDecider, openDeadlines, type GrievanceEvent, type GrievanceState } from '@laborcase/domain/grievance';
import { createInMemoryEventStore, createPGliteEventStore } from '@laborcase/adapters';
import { runGrievance, g26_004, ECPS_CALENDAR_ID } from '@laborcase/domain/fixtures/ecps';
import { G26_004_ID, createEcpsServices, ecpsActors, runCaseG26_004, type CaseRun, type EcpsServices } from '../../examples/ecps/workflow.js';
import { collect } from '@laborcase/core/adapter-kit';

const clock = () => new Date('2026-06-01T12:00:00.000Z');
const CORRELATION_ID = 'case-G-26-004';
const ANSWER_DEADLINE = 'G-26-004/step-2/answer';

/** Deterministic ids, so both stores hold byte-identical chains. */
const sequentialIds = (): (() => string) => {
  let next = 0;
  return () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
};

interface Backend {
  readonly store: EventStore;
  readonly services: EcpsServices;
  readonly run: CaseRun;
  readonly grievanceEvents: readonly StoredEvent[];
}

const runOn = async (store: EventStore): Promise<Backend> => {
  const services = createEcpsServices({ store, registry: createDomainRegistry(), newId: sequentialIds(), correlationId: CORRELATION_ID });
  const run = await runCaseG26_004(services);
  return { store, services, run, grievanceEvents: await collect(store.readStream(run.streams.grievance)) };
};

const asGrievanceEvent = (e: StoredEvent): GrievanceEvent => ({ type: e.type, data: e.data }) as GrievanceEvent;

const onlyOf = (events: readonly StoredEvent[], type: string, deadlineId?: string): StoredEvent => {
  const found = events.filter((e) => e.type === type && (deadlineId === undefined || (e.data as { deadlineId?: string }).deadlineId === deadlineId));
  expect(found).toHaveLength(1);
  return found[0]!;
};

/** The auditor's view: the grievance as its record stood at the end of `asOf`, by business date. */
const asOf = (events: readonly StoredEvent[], date: string): GrievanceState =>
  fold(grievanceDecider.evolve, grievanceDecider.initialState, events.filter((e) => e.metadata.effectiveOn <= date).map(asGrievanceEvent));

describe('ECPS case G-26-004 end to end through the application services and real event stores', () => {
  const backends = new Map<string, Backend>();
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'laborcase-e2e-'));
    const registry = createDomainRegistry();
    backends.set('in-memory', await runOn(createInMemoryEventStore({ registry, clock })));
    backends.set('PGlite', await runOn(await createPGliteEventStore({ registry, clock, dataDir })));
  });

  afterAll(async () => {
    for (const backend of backends.values()) await backend.store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe.each(['in-memory', 'PGlite'])('on the %s store', (name) => {
    const backend = (): Backend => {
      const found = backends.get(name);
      if (found === undefined) throw new Error(`${name} did not run`);
      return found;
    };

    it('records the grievance in business-date order, every event with its actor, role and effective date', () => {
      const timeline = backend().grievanceEvents.map((e) => [e.streamVersion, e.metadata.effectiveOn, e.type, e.metadata.provenance.role]);
      expect(timeline).toEqual([
        [0, '2026-01-13', 'GrievanceFiled', 'association-rep'],
        [1, '2026-01-13', 'DeadlineScheduled', 'association-rep'],
        [2, '2026-01-13', 'DeadlineMet', 'association-rep'],
        [3, '2026-01-13', 'DeadlineScheduled', 'association-rep'],
        [4, '2026-01-14', 'DeadlineMet', 'superintendent-designee'],
        [5, '2026-01-14', 'StepMeetingScheduled', 'superintendent-designee'],
        [6, '2026-01-14', 'DeadlineScheduled', 'superintendent-designee'],
        [7, '2026-01-27', 'DeadlineRecalculated', 'process-manager'],
        [8, '2026-02-06', 'DeadlineMet', 'superintendent-designee'],
        [9, '2026-02-06', 'StepAnswered', 'superintendent-designee'],
        [10, '2026-02-06', 'DeadlineScheduled', 'superintendent-designee'],
        [11, '2026-02-20', 'DeadlineMet', 'association-rep'],
        [12, '2026-02-20', 'ArbitrationDemanded', 'association-rep'],
        [13, '2026-03-12', 'ArbitratorSelected', 'labor-relations'],
        [14, '2026-05-01', 'ArbitrationHearingClosed', 'arbitrator'],
        [15, '2026-05-01', 'DeadlineScheduled', 'arbitrator'],
        [16, '2026-05-28', 'DeadlineMet', 'arbitrator'],
        [17, '2026-05-28', 'ArbitrationAwardIssued', 'arbitrator'],
        [18, '2026-05-28', 'GrievanceClosed', 'arbitrator'],
      ]);
      const knownActors = new Set<string>(Object.values(ecpsActors).map((a) => a.actorId));
      for (const e of backend().grievanceEvents) {
        expect(knownActors.has(e.metadata.provenance.actorId)).toBe(true);
        expect(e.metadata.correlationId).toBe(CORRELATION_ID);
      }
    });

    it('records the calendar and the agreement edition with who did what, dated by business date', async () => {
      const { store, run } = backend();
      const rows = async (streamId: string) =>
        (await collect(store.readStream(streamId))).map((e) => [e.metadata.effectiveOn, e.type, e.metadata.provenance.role, e.metadata.correlationId]);
      expect(await rows(run.streams.calendar)).toEqual([
        ['2025-05-20', 'CalendarAdopted', 'board-of-education', CORRELATION_ID],
        ['2026-01-27', 'EmergencyClosureDeclared', 'superintendent', CORRELATION_ID],
      ]);
      // The edition as it stood when the grievance was filed: later FY27 amendments are not part of this case.
      expect(await rows(run.streams.agreement)).toEqual([
        ['2024-03-14', 'AgreementEditionRegistered', 'labor-relations', CORRELATION_ID],
        ['2024-04-11', 'AgreementRatifiedByMembers', 'labor-relations', CORRELATION_ID],
        ['2024-04-23', 'AgreementApprovedByBoard', 'labor-relations', CORRELATION_ID],
        ['2024-05-30', 'FundingConfirmed', 'labor-relations', CORRELATION_ID],
        ['2024-07-01', 'AgreementTookEffect', 'labor-relations', CORRELATION_ID],
        ['2025-05-22', 'FundingConfirmed', 'labor-relations', CORRELATION_ID],
        ['2025-09-15', 'ReopenerScopeSet', 'labor-relations', CORRELATION_ID],
      ]);
    });

    it('schedules the Step 2 answer for 2/5 on calendar v1, and the snow day moves it to 2/6 on v2', async () => {
      const { grievanceEvents, store, run } = backend();
      expect(onlyOf(grievanceEvents, 'DeadlineScheduled', ANSWER_DEADLINE).data).toMatchObject({
        anchor: '2026-01-21',
        dueOn: '2026-02-05',
        rule: { calendarId: ECPS_CALENDAR_ID, calendarVersion: 1 },
      });
      const recalculated = onlyOf(grievanceEvents, 'DeadlineRecalculated');
      expect(recalculated.data).toEqual({
        deadlineId: ANSWER_DEADLINE,
        previousDueOn: '2026-02-05',
        newDueOn: '2026-02-06',
        rule: { limit: { n: 10, dayType: 'school', summerDayType: 'working' }, calendarId: ECPS_CALENDAR_ID, calendarVersion: 2 },
      });
      // Caused by the snow day recorded on the calendar stream: the audit trail links the two.
      const snowDay = onlyOf(await collect(store.readStream(run.streams.calendar)), 'EmergencyClosureDeclared');
      expect(recalculated.metadata).toMatchObject({
        provenance: ecpsActors.calendarProcessManager,
        effectiveOn: '2026-01-27',
        causationId: `${snowDay.eventId}/${ANSWER_DEADLINE}`,
      });
      expect(run.recalculation).toMatchObject({ appended: 1, failures: [] });
      // Answered on the moved due date, so on time.
      expect(onlyOf(grievanceEvents, 'StepAnswered').data).toMatchObject({ disposition: 'denied', answeredOn: '2026-02-06', late: false });
    });

    it('ends closed, sustained in part, resolved at arbitration', () => {
      const { run, grievanceEvents } = backend();
      expect(run.grievance).toMatchObject({
        status: 'closed',
        stage: { kind: 'arbitration', arbitrator: 'Arbitrator R. Delgado (AAA)', hearingClosedOn: '2026-05-01' },
        closure: { closedOn: '2026-05-28', outcome: 'awardSustainedInPart', resolvedAt: 'arbitration' },
      });
      expect(onlyOf(grievanceEvents, 'ArbitrationAwardIssued').data).toMatchObject({ decision: 'sustainedInPart', issuedOn: '2026-05-28' });
      expect(openDeadlines(run.grievance)).toEqual([]);
    });

    it('keeps an intact hash chain on the calendar, agreement and grievance streams', async () => {
      const { store, run } = backend();
      for (const [streamId, count] of [
        [run.streams.calendar, 2],
        [run.streams.agreement, 7],
        [run.streams.grievance, 19],
      ] as const) {
        const events = await collect(store.readStream(streamId));
        expect({ streamId, verification: verifyStream(events) }).toEqual({ streamId, verification: { ok: true, checked: count, lastHash: events.at(-1)!.hash } });
      }
    });

    it('replays the grievance stream alone, with a fresh registry, to the same state the handler returned', async () => {
      const { store, run } = backend();
      const replayed = await loadStream(store, createDomainRegistry(), run.streams.grievance, grievanceDecider.evolve, grievanceDecider.initialState);
      const last = (await collect(store.readStream(run.streams.grievance))).at(-1);
      expect(replayed).toEqual({ state: run.grievance, version: 18, hash: last?.hash, quarantined: [], correctionProblems: [] });
      // ...which is also what the in-process golden fixture of case 2 reaches without any store.
      expect(replayed.state).toEqual(runGrievance(g26_004).state);
    });

    it('running the calendar process manager again appends nothing', async () => {
      const { store, services } = backend();
      const head = await store.headPosition();
      const again = await services.runCalendarProcessManager([G26_004_ID]);
      expect(again).toEqual({ dispatched: [], appended: 0, failures: [] });
      expect(await store.headPosition()).toEqual(head);
    });

    it('verifyStream names the exact version of a tampered copy of a stored event', () => {
      const { grievanceEvents } = backend();
      const answered = onlyOf(grievanceEvents, 'StepAnswered');
      const tampered = grievanceEvents.map((e) => (e === answered ? { ...e, data: { ...(e.data as object), disposition: 'granted' } } : e));
      expect(verifyStream(tampered)).toMatchObject({ ok: false, streamVersion: answered.streamVersion, index: answered.streamVersion, reason: 'content-altered' });
      // Moving the recalculated due date back is caught the same way, at its own version.
      const recalculated = onlyOf(grievanceEvents, 'DeadlineRecalculated');
      const backdated = grievanceEvents.map((e) => (e === recalculated ? { ...e, metadata: { ...e.metadata, effectiveOn: '2026-02-07' } } : e));
      expect(verifyStream(backdated)).toMatchObject({ ok: false, streamVersion: 7, reason: 'content-altered' });
      expect(verifyStream(grievanceEvents).ok).toBe(true);
    });

    it("gives an auditor the case as it stood on 2026-02-01: at Step 2, heard, answer due 2/6 on calendar v2", () => {
      const { grievanceEvents } = backend();
      const onFebFirst = asOf(grievanceEvents, '2026-02-01');
      expect(onFebFirst).toMatchObject({
        status: 'open',
        stage: { kind: 'step', stepId: 'step-2', meetingOn: '2026-01-21', answerOverdue: false },
      });
      expect(onFebFirst.status !== 'notFiled' && onFebFirst.stage.kind === 'step' ? onFebFirst.stage.answer : 'not at a step').toBeUndefined();
      expect(openDeadlines(onFebFirst).map((d) => [d.deadlineId, d.dueOn, d.calendarVersion])).toEqual([[ANSWER_DEADLINE, '2026-02-06', 2]]);
      // Before the snow day the same record said 2/5 on v1.
      expect(openDeadlines(asOf(grievanceEvents, '2026-01-26')).map((d) => [d.deadlineId, d.dueOn, d.calendarVersion])).toEqual([[ANSWER_DEADLINE, '2026-02-05', 1]]);
      expect(asOf(grievanceEvents, '2026-01-12')).toEqual({ status: 'notFiled' });
    });
  });

  it('the in-memory store and PGlite hold byte-identical chains for the same run', () => {
    const memory = backends.get('in-memory')!.grievanceEvents;
    const pglite = backends.get('PGlite')!.grievanceEvents;
    expect(pglite.map((e) => e.hash)).toEqual(memory.map((e) => e.hash));
  });
});
