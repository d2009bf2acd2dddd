/**
 * `If-Match` below HTTP: the store that only appends to a case at the version the client read. The interleaving
 * the pre-check cannot catch is forced here: the case moves on after the client read it and before its command
 * loads it, so the command is decided on the new version, and the store must still refuse it.
 */
import { describe, expect, it } from '@jest/globals';
import { createInMemoryEventStore, uuidV7 } from '@laborcase/adapters';
import { NO_STREAM, WrongExpectedVersion } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { createGrievanceService, grievanceStreamId } from '@laborcase/domain/grievance';
import { ECPS_DISTRICT_ID, eceaEdition2024_2027Document, ecpsCalendar2025_26Document } from '@laborcase/domain/fixtures/ecps';
import { isRight } from 'fp-ts/lib/Either.js';
import { createEcpsServices, ecpsActors } from '../../ecps/workflow.js';
import { appendingOnlyAt, etagOf, parseIfMatch } from '../src/ifMatch.js';
import { RequestRefused } from '../src/problems.js';
import { g26Filing, g26Hearing } from './support.js';

const registry = createDomainRegistry();

/** A store with the ECPS calendar and agreement, the services over it, and case `grievanceId` filed: its version read. */
const filedCase = async (grievanceId: string) => {
  const store = createInMemoryEventStore({ registry });
  const services = createEcpsServices({ store, registry, newId: uuidV7, correlationId: 'if-match-test' });
  await services.calendars.importCalendar(ecpsCalendar2025_26Document, ecpsActors.board);
  await services.agreements.importEdition(eceaEdition2024_2027Document, ecpsActors.laborRelations);
  const filed = await services.grievances.file(grievanceId, g26Filing as never, ecpsActors.association);
  if (!isRight(filed)) throw new Error('the filing was refused');
  return { store, services, read: filed.right.version };
};

describe('appendingOnlyAt', () => {
  it('refuses a command decided on a later version than the one the client read, and writes nothing', async () => {
    const { store, services, read } = await filedCase('G-M-001');
    await services.grievances.scheduleMeeting('G-M-001', g26Hearing, ecpsActors.designee); // the case moves on
    const streamId = grievanceStreamId('G-M-001');
    const moved = await store.streamVersion(streamId);
    expect(moved).not.toBe(read);

    const guarded = createGrievanceService({ store: appendingOnlyAt(store, streamId, read), registry, newId: uuidV7, districtId: ECPS_DISTRICT_ID });
    await expect(guarded.withdraw('G-M-001', { withdrawnOn: '2026-01-22', reason: 'Resolved' }, ecpsActors.association)).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(await store.streamVersion(streamId)).toBe(moved);

    const current = createGrievanceService({ store: appendingOnlyAt(store, streamId, moved), registry, newId: uuidV7, districtId: ECPS_DISTRICT_ID });
    expect(isRight(await current.withdraw('G-M-001', { withdrawnOn: '2026-01-22', reason: 'Resolved' }, ecpsActors.association))).toBe(true);
  });
});

describe('appendingOnlyAt, when the command would be refused on the later version', () => {
  it('answers the conflict, not the business rule: the command is not decided on a version the client never read', async () => {
    const { store, services, read } = await filedCase('G-M-002');
    // The case moves on: withdrawn, so a meeting decided on it now would be a business-rule refusal.
    expect(isRight(await services.grievances.withdraw('G-M-002', { withdrawnOn: '2026-01-15', reason: 'Resolved' }, ecpsActors.association))).toBe(true);
    const streamId = grievanceStreamId('G-M-002');
    const moved = await store.streamVersion(streamId);

    const guarded = createGrievanceService({ store: appendingOnlyAt(store, streamId, read), registry, newId: uuidV7, districtId: ECPS_DISTRICT_ID });
    await expect(guarded.scheduleMeeting('G-M-002', g26Hearing, ecpsActors.designee)).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(await store.streamVersion(streamId)).toBe(moved);
  });
});

describe('If-Match and ETag', () => {
  it('reads back what etagOf writes, weak or not, and refuses anything else naming the header', () => {
    expect(parseIfMatch(etagOf(7))).toBe(7);
    expect(parseIfMatch(etagOf(NO_STREAM))).toBe(NO_STREAM);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch(undefined)).toBeUndefined();
    for (const bad of ['"-1"', '"1.5"', '*', '"7", "8"', ['"1"', '"2"']]) {
      expect(() => parseIfMatch(bad)).toThrow(RequestRefused);
    }
  });
});
