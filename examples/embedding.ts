// The README's embedding example, kept compiling and run by examples/embedding.test.ts.
import { isLeft } from 'fp-ts/lib/Either.js';
import { verifyStream } from '@laborcase/core';
import { createAgreementService, createCalendarService, createDomainRegistry, createGrievanceService } from '@laborcase/domain';
import { openDeadlines } from '@laborcase/domain/grievance';
import { eceaEdition2024_2027Document, ecpsCalendar2025_26Document } from '@laborcase/domain/fixtures/ecps';
import { createPGliteEventStore, uuidV7 } from '@laborcase/adapters';

const registry = createDomainRegistry();
const store = await createPGliteEventStore({ dataDir: process.env['LABORCASE_DATA'] ?? '.data/embedding', registry });
const clerk = { actorId: 'lr-clerk-3', role: 'labor-relations' };
// Reference data, once: your district's calendar and your agreement edition, as JSON documents.
await createCalendarService({ store, newId: uuidV7 }).importCalendar(ecpsCalendar2025_26Document, clerk);
await createAgreementService({ store, newId: uuidV7 }).importEdition(eceaEdition2024_2027Document, clerk);

const grievances = createGrievanceService({ store, newId: uuidV7, districtId: 'ecps' });
const filed = await grievances.file(
  'G-25-001',
  {
    grievant: { kind: 'individual', employeeIds: ['E-10233'] },
    agreement: { unitId: 'ecea', editionId: '2024-2027' },
    articleKeys: ['planning-time'],
    occurredOn: '2025-10-06',
    filedOn: '2025-10-21',
    remedySought: 'Restore the contractual planning period',
  },
  { actorId: 'rep-4', role: 'association-rep', onBehalfOf: 'E-10233' },
);
if (isLeft(filed)) console.error(filed.left.code, filed.left.field, filed.left.message); // nothing was written
else console.log(openDeadlines(filed.right.state)); // the next deadline, who owes it, and when it is due

const events = [];
for await (const event of store.readStream('grievance-G-25-001')) events.push(event);
console.log(verifyStream(events)); // { ok: true, checked: …, lastHash: '…' }
await store.close();
