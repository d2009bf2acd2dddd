import { describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/lib/Either.js';
import { createInMemoryEventStore, uuidV7 } from '@laborcase/adapters';
import { createDomainRegistry } from '../domainRegistry.js';
import { ecpsCalendar2025_26Document, ecpsCalendarV1 } from '../fixtures/ecps/index.js';
import { createCalendarService } from './service.js';

const board = { actorId: 'ecps-board', role: 'board' };

const setup = async () => {
  const registry = createDomainRegistry();
  const store = createInMemoryEventStore({ registry });
  const service = createCalendarService({ store, registry, newId: uuidV7 });
  const adopted = await service.importCalendar(ecpsCalendar2025_26Document, board);
  if (isLeft(adopted)) throw new Error(adopted.left.message);
  return { store, service };
};

describe('calendar service: timeline', () => {
  it('joins each school year’s current version, leaving a year not adopted to the fallback', async () => {
    const { service } = await setup();
    expect(await service.timeline('ecps', '2025-26', '2026-27')).toEqual({
      _tag: 'Right',
      right: {
        kind: 'timeline',
        districtId: 'ecps',
        years: [
          { schoolYear: '2025-26', calendarId: 'calendar-ecps-2025-26', coversFrom: '2025-07-01', coversThrough: '2026-06-30', calendar: ecpsCalendarV1 },
          { schoolYear: '2026-27', calendarId: 'calendar-ecps-2026-27', coversFrom: '2026-07-01', coversThrough: '2027-06-30' },
        ],
      },
    });
  });

  it('refuses a malformed district or year, a reversed or over-long span, reading nothing', async () => {
    const { store, service } = await setup();
    const head = await store.headPosition();
    expect(await service.timeline('ECPS', '2025-26', '2026-27')).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'districtId' } });
    expect(await service.timeline('ecps', '2025-27', '2026-27')).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'firstSchoolYear' } });
    expect(await service.timeline('ecps', '2025-26', 'next')).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'lastSchoolYear' } });
    expect(await service.timeline('ecps', '2026-27', '2025-26')).toMatchObject({ _tag: 'Left', left: { code: 'InvalidTimeline', field: 'lastSchoolYear' } });
    expect(await service.timeline('ecps', '2025-26', '2040-41')).toMatchObject({ _tag: 'Left', left: { code: 'InvalidTimeline' } });
    expect(await store.headPosition()).toEqual(head);
  });
});
