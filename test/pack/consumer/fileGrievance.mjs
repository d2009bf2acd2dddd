/**
 * Run in a scratch project that installed the packed tarballs (test/pack/packInstall.test.ts): files ECPS
 * grievance G-25-001 on PGlite in a real folder through the public API only, reopens the folder, and checks the
 * stream's hash chain. Prints one JSON line for the test to read.
 *
 *   node fileGrievance.mjs <data folder>
 */
import { verifyStream } from '@laborcase/core';
import { createAgreementService, createCalendarService, createDomainRegistry, createGrievanceService } from '@laborcase/domain';
import { grievanceStreamId } from '@laborcase/domain/grievance';
import { eceaEdition2024_2027Document, ecpsCalendar2025_26Document } from '@laborcase/domain/fixtures/ecps';
import { createPGliteEventStore, uuidV7 } from '@laborcase/adapters';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: node fileGrievance.mjs <data folder>');

const GRIEVANCE_ID = 'G-25-001';
const association = { actorId: 'ecea.grievance-chair', role: 'association-rep', onBehalfOf: 'E-10233' };
const principal = { actorId: 'ecps.northwood-principal', role: 'principal' };

const clerk = { actorId: 'ecps.labor-relations', role: 'labor-relations' };

const must = async (what, pending) => {
  const result = await pending;
  if (result._tag === 'Left') throw new Error(`${what} rejected: ${result.left.code} at ${result.left.field}: ${result.left.message}`);
  return result.right;
};

/** Loads the ECPS reference data, then files the grievance and schedules its Step 1 meeting through the services. */
const fileGrievance = async (store) => {
  await must('calendar', createCalendarService({ store, newId: uuidV7 }).importCalendar(ecpsCalendar2025_26Document, clerk));
  await must('edition', createAgreementService({ store, newId: uuidV7 }).importEdition(eceaEdition2024_2027Document, clerk));
  const grievances = createGrievanceService({ store, newId: uuidV7, districtId: 'ecps' });
  const call = { correlationId: `case-${GRIEVANCE_ID}` };
  const filing = {
    grievant: { kind: 'individual', employeeIds: ['E-10233'] },
    agreement: { unitId: 'ecea', editionId: '2024-2027' },
    articleKeys: ['planning-time'],
    occurredOn: '2025-10-06',
    filedOn: '2025-10-21',
    remedySought: 'Restore the contractual daily planning period and compensate lost planning time',
  };
  await must('filing', grievances.file(GRIEVANCE_ID, filing, association, call));
  await must('meeting', grievances.scheduleMeeting(GRIEVANCE_ID, { stepId: 'step-1', meetingOn: '2025-10-30', scheduledOn: '2025-10-23' }, principal, call));
  return grievanceStreamId(GRIEVANCE_ID);
};

const readStream = async (store, streamId) => {
  const events = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
};

const registry = createDomainRegistry();
const first = await createPGliteEventStore({ dataDir, registry });
let streamId;
try {
  streamId = await fileGrievance(first);
} finally {
  await first.close();
}

// A second store on the same folder, as after a restart: the grievance is there and its chain verifies.
const reopened = await createPGliteEventStore({ dataDir, registry });
try {
  const events = await readStream(reopened, streamId);
  const verification = verifyStream(events);
  const tampered = verifyStream(events.map((e, i) => (i === 0 ? { ...e, data: { ...e.data, filedOn: '2025-10-20' } } : e)));
  console.log(
    JSON.stringify({
      streamId,
      types: events.map((e) => e.type),
      actors: [...new Set(events.map((e) => e.metadata.provenance.actorId))],
      verification,
      tampered: { ok: tampered.ok, reason: tampered.reason, index: tampered.index },
    }),
  );
} finally {
  await reopened.close();
}
