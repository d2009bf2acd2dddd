/**
 * Run in a scratch project that installed the packed tarballs (test/pack/packInstall.test.ts): files ECPS
 * grievance G-25-001 on PGlite in a real folder through the public API only, reopens the folder, and checks the
 * stream's hash chain. Prints one JSON line for the test to read.
 *
 *   node fileGrievance.mjs <data folder>
 */
import { commandHandler, verifyStream } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { grievanceDecider, grievanceStreamId } from '@laborcase/domain/grievance';
import { g25_001 } from '@laborcase/domain/fixtures/ecps';
import { createPGliteEventStore, systemClock, uuidV7 } from '@laborcase/adapters';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: node fileGrievance.mjs <data folder>');

const GRIEVANCE_ID = 'G-25-001';
const association = { actorId: 'ecea.grievance-chair', role: 'association-rep', onBehalfOf: 'E-10233' };
const principal = { actorId: 'ecps.northwood-principal', role: 'principal' };

/**
 * Files the grievance and schedules its Step 1 meeting; returns its stream id. This is the one place that
 * knows how a grievance is written: when `createGrievanceService` lands in @laborcase/domain/grievance, this
 * body becomes `const grievances = createGrievanceService({ store, newId: uuidV7, … })`, then
 * `grievances.file(GRIEVANCE_ID, input, association)` and `grievances.scheduleStepMeeting(…)`.
 */
const fileGrievance = async (store, registry) => {
  const handle = commandHandler({ store, registry, decider: grievanceDecider, newId: uuidV7 });
  const streamId = grievanceStreamId(GRIEVANCE_ID);
  const [filing, meeting] = g25_001;
  const steps = [
    [filing, association, filing.filedOn],
    [meeting, principal, meeting.scheduledOn],
  ];
  for (const [command, provenance, effectiveOn] of steps) {
    const result = await handle(streamId, command, { provenance, effectiveOn, correlationId: `case-${GRIEVANCE_ID}` });
    if (result._tag === 'Left') throw new Error(`${command.type} rejected: ${result.left.code}: ${result.left.message}`);
  }
  return streamId;
};

const readStream = async (store, streamId) => {
  const events = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
};

const registry = createDomainRegistry();
const first = await createPGliteEventStore({ dataDir, registry, clock: systemClock });
let streamId;
try {
  streamId = await fileGrievance(first, registry);
} finally {
  await first.close();
}

// A second store on the same folder, as after a restart: the grievance is there and its chain verifies.
const reopened = await createPGliteEventStore({ dataDir, registry, clock: systemClock });
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
