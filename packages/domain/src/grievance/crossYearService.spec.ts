/**
 * The grievance service counting across the June 30 join of the ECPS calendars (issue 12): what it loads, and the
 * places that count days besides the filing: appeal anchors, abeyance tolling and resumption. Dates are worked out
 * in the comments; the engine's own golden specs are in fixtures/ecps/timeline.golden.spec.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { v4 as uuid } from 'uuid';
import type { DomainError, EventStore, StoredEvent } from '@laborcase/core';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { createAgreementService } from '../agreement/index.js';
import { createCalendarService } from '../calendar/index.js';
import { createDomainRegistry } from '../domainRegistry.js';
import { ECPS_DISTRICT_ID, eceaEdition2024_2027Document, ecpsCalendar2025_26Document, ecpsCalendar2026_27Document } from '../fixtures/ecps/index.js';
import { createGrievanceService } from './service.js';
import { grievanceStreamId } from './streamId.js';

const registry = createDomainRegistry();
const ACTOR = { actorId: 'ecea.grievance-chair', role: 'association-rep' };
const SY25 = { calendarId: 'calendar-ecps-2025-26', calendarVersion: 1 };
const SY26 = { calendarId: 'calendar-ecps-2026-27', calendarVersion: 1 };

const must = async <T>(result: Promise<Either<DomainError, T>>): Promise<T> => {
  const outcome = await result;
  if (isLeft(outcome)) throw new Error(`${outcome.left.code} at ${outcome.left.field ?? '-'}: ${outcome.left.message}`);
  return outcome.right;
};

const setUp = async (withSy2026_27: boolean) => {
  const store: EventStore = createInMemoryEventStore({ registry });
  const calendars = createCalendarService({ store, registry, newId: uuid });
  await must(calendars.importCalendar(ecpsCalendar2025_26Document, ACTOR));
  if (withSy2026_27) await must(calendars.importCalendar(ecpsCalendar2026_27Document, ACTOR));
  await must(createAgreementService({ store, registry, newId: uuid }).importEdition(eceaEdition2024_2027Document, ACTOR));
  const grievances = createGrievanceService({ store, registry, newId: uuid, districtId: ECPS_DISTRICT_ID });
  const scheduled = async (id: string) => {
    const events: StoredEvent[] = [];
    for await (const e of store.readStream(grievanceStreamId(id))) events.push(e);
    return events.filter((e) => e.type === 'DeadlineScheduled' || e.type === 'DeadlineResumed').map((e) => e.data as { deadlineId: string; dueOn: string; rule: unknown });
  };
  return { store, calendars, grievances, scheduled };
};

const filing = (occurredOn: string, filedOn: string) => ({
  grievant: { kind: 'individual' as const, employeeIds: ['E-41007'] },
  agreement: { unitId: 'ecea', editionId: '2024-2027' },
  articleKeys: ['assignments-transfers'],
  occurredOn,
  filedOn,
  remedySought: 'Rescind the involuntary transfer',
});

describe('grievance service across school years', () => {
  it('counts a filing in July from a June occurrence on the previous year’s calendar', async () => {
    const { grievances, scheduled } = await setUp(true);
    await must(grievances.file('G-1', filing('2026-06-26', '2026-07-02'), ACTOR));
    // 20 ECEA days after Fri 6/26: summer working days 6/29, 6/30 | 7/1, 7/2 = 4 (7/3 holiday), 7/6–7/10 = 9,
    // 7/13–7/17 = 14, 7/20–7/24 = 19, Mon 7/27 = 20.
    const [file] = await scheduled('G-1');
    expect(file).toMatchObject({ deadlineId: 'G-1/step-1/file', dueOn: '2026-07-27', rule: { ...SY25, calendars: [SY25, SY26] } });
  });

  it('still refuses a business date whose own school year has no calendar, naming the field', async () => {
    const { grievances } = await setUp(false);
    const result = await grievances.file('G-1', filing('2026-06-26', '2026-07-02'), ACTOR);
    expect(result).toMatchObject({ _tag: 'Left', left: { code: 'CalendarNotAdopted', field: 'filedOn', details: { schoolYear: '2026-27' } } });
  });

  it('anchors an appeal after a June answer across the join, provisional until SY2026-27 is adopted', async () => {
    const { grievances, scheduled } = await setUp(false);
    await must(grievances.file('G-2', filing('2026-06-05', '2026-06-12'), ACTOR));
    await must(grievances.scheduleMeeting('G-2', { stepId: 'step-1', meetingOn: '2026-06-22', scheduledOn: '2026-06-15' }, ACTOR));
    await must(grievances.answer('G-2', { stepId: 'step-1', disposition: 'denied', answeredOn: '2026-06-26', reason: 'No violation' }, ACTOR));
    // 10 ECEA days after Fri 6/26: 6/29, 6/30 | 7/1, 7/2 (7/3 federal holiday), 7/6–7/10 = 9, Mon 7/13 = 10.
    const appeal = (await scheduled('G-2')).find((d) => d.deadlineId === 'G-2/step-1/appeal');
    expect(appeal).toMatchObject({ dueOn: '2026-07-13', rule: { calendars: [SY25, { ...SY26, calendarVersion: 0 }], provisional: true } });
  });

  it('tolls in June and resumes in August on the adopted SY2026-27, for the days left across the join', async () => {
    const { grievances, calendars, scheduled } = await setUp(false);
    await must(grievances.file('G-3', filing('2026-06-05', '2026-06-12'), ACTOR));
    await must(grievances.scheduleMeeting('G-3', { stepId: 'step-1', meetingOn: '2026-06-26', scheduledOn: '2026-06-15' }, ACTOR));
    await must(grievances.placeInAbeyance('G-3', { placedOn: '2026-06-30', reason: 'Parties exploring settlement' }, ACTOR));
    await must(calendars.importCalendar(ecpsCalendar2026_27Document, ACTOR));
    const resumed = await must(grievances.resume('G-3', { resumedOn: '2026-08-20' }, ACTOR));
    // The answer was due 7/13 (10 days after the 6/26 meeting). Tolled 6/30, it had 7/1, 7/2, 7/6–7/10, 7/13 = 8
    // days left. From Thu 8/20: Fri 8/21 (summer working day) = 1, first student day Mon 8/24 … Fri 8/28 = 6,
    // 8/31 = 7, Tue 9/1 = 8.
    const answer = (await scheduled('G-3')).filter((d) => d.deadlineId === 'G-3/step-1/answer');
    expect(answer.map((d) => d.dueOn)).toEqual(['2026-07-13', '2026-09-01']);
    expect(answer[1]).toMatchObject({ rule: { calendarId: SY26.calendarId, calendarVersion: 1 } });
    expect(resumed.events.find((e) => e.type === 'DeadlineResumed')?.data).toMatchObject({ daysRemaining: 8, previousDueOn: '2026-07-13', dueOn: '2026-09-01' });
  });
});
