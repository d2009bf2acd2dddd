/**
 * Demo: Example County's class grievance G-26-004 (domain.md §7 case 2) recorded through the application services on
 * a real event store, then the auditor's view of it: the grievance's timeline with the calendar change that moved its
 * deadline, and the hash-chain check of every stream it touched.
 *
 *   npx -y pnpm@9.15.9 demo                  # embedded PGlite in .data/laborcase (DEMO_DATA_DIR to move it), kept
 *   PG_URL=postgres://… npx -y pnpm@9.15.9 demo   # PostgreSQL, in the schema ecps_demo (kept)
 *
 * The store is kept so you can look at it afterwards; a second run finds the case already recorded and only reads
 * it back. To start over, delete the folder (or drop the schema), as printed at the end.
 */
import { createDomainRegistry } from '@laborcase/domain';
import { readAllDecoded, verifyStream, type EventMetadata, type StoredEvent } from '@laborcase/core';
import type { GrievanceEvent } from '@laborcase/domain/grievance';
import type { WorkCalendarEvent } from '@laborcase/domain/calendar';
import { DEFAULT_DATA_DIR, openEventStore, systemClock, uuidV7 } from '@laborcase/adapters';
import { G26_004_ID, G26_004_STREAMS, createEcpsServices, runCaseG26_004 } from './ecps/workflow.js';

const registry = createDomainRegistry();
const pgUrl = process.env['PG_URL'];
const onPostgres = pgUrl !== undefined && pgUrl !== '';
const dataDir = onPostgres ? undefined : (process.env['DEMO_DATA_DIR'] || DEFAULT_DATA_DIR);
const schema = onPostgres ? 'ecps_demo' : undefined;
const opened = await openEventStore({
  registry,
  clock: systemClock,
  pgUrl,
  ...(dataDir === undefined ? {} : { dataDir }),
  ...(schema === undefined ? {} : { schema }),
});
const { store } = opened;
console.log(`store: ${opened.backend}: ${opened.location}${schema === undefined ? '' : `, schema ${schema}`}\n`);

try {
  const services = createEcpsServices({ store, registry, newId: uuidV7, correlationId: `case-G-26-004-${uuidV7()}` });
  const existing = await services.grievances.get(G26_004_ID);
  const alreadyRecorded = existing._tag === 'Right' && existing.right.version !== 'no_stream';
  if (alreadyRecorded) console.log(`${G26_004_ID} is already recorded in this store (an earlier run): reading it back.\n`);
  if (!alreadyRecorded) await runCaseG26_004(services);
  const run = { streams: G26_004_STREAMS, grievance: await services.loadGrievance(G26_004_ID) };

  const shortId = (deadlineId: string): string => deadlineId.replace(/^G-26-004\//, '');
  const summarise = (event: GrievanceEvent | WorkCalendarEvent): string => {
    switch (event.type) {
      case 'CalendarAdopted':
        return `SY${event.data.schoolYear} calendar adopted → calendar v${event.data.calendarVersion}`;
      case 'EmergencyClosureDeclared':
        return `emergency closure ${event.data.date} (${event.data.reason}, ${event.data.scope}) → calendar v${event.data.calendarVersion}`;
      case 'GrievanceFiled': {
        const { grievant, articles, entryStepId } = event.data;
        const who = grievant.kind === 'class' ? `class of ${grievant.memberCount}` : grievant.kind;
        return `${who}, ${articles.map((a) => `Art. ${a.number} ${a.title}`).join(', ')}; filed at ${entryStepId}`;
      }
      case 'DeadlineScheduled': {
        const { deadlineId, dueOn, party, anchor, rule } = event.data;
        return `${shortId(deadlineId)} due ${dueOn} (${party}; ${rule.limit.n} ${rule.limit.dayType} days from ${anchor}, calendar v${rule.calendarVersion})`;
      }
      case 'DeadlineMet':
        return `${shortId(event.data.deadlineId)} met ${event.data.metOn}`;
      case 'DeadlineRecalculated':
        return `${shortId(event.data.deadlineId)} due ${event.data.previousDueOn} → ${event.data.newDueOn} (calendar v${event.data.rule.calendarVersion})`;
      case 'StepMeetingScheduled':
        return `${event.data.stepId} hearing on ${event.data.meetingOn}`;
      case 'StepAnswered':
        return `${event.data.stepId} ${event.data.disposition}${event.data.late ? ' (late)' : ' (on time)'}: ${event.data.reason}`;
      case 'ArbitrationDemanded':
        return `from ${event.data.fromStepId}${event.data.binding ? ', binding' : ''}`;
      case 'ArbitratorSelected':
        return event.data.arbitrator;
      case 'ArbitrationHearingClosed':
        return `hearing closed ${event.data.closedOn}`;
      case 'ArbitrationAwardIssued':
        return `${event.data.decision}${event.data.remedy === undefined ? '' : `: ${event.data.remedy}`}`;
      case 'GrievanceClosed':
        return `${event.data.outcome}, resolved at ${event.data.resolvedAt}`;
      default:
        return JSON.stringify(event.data);
    }
  };
  const actor = (metadata: EventMetadata): string => `${metadata.provenance.actorId} (${metadata.provenance.role})`;

  console.log(`Timeline of ${run.streams.grievance}, with the calendar changes (global order):`);
  const watched = new Set([run.streams.grievance, run.streams.calendar]);
  const rows: string[][] = [];
  for await (const decoded of readAllDecoded(store, registry)) {
    const { record } = decoded;
    if (!watched.has(record.streamId)) continue;
    const what = decoded.kind === 'event' ? summarise({ type: decoded.type, data: decoded.data } as GrievanceEvent | WorkCalendarEvent) : `UNREADABLE (${decoded.reason})`;
    const where = record.streamId === run.streams.calendar ? 'calendar' : `v${record.streamVersion}`;
    rows.push([record.metadata.effectiveOn, where, record.type, actor(record.metadata), what]);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(`  ${row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`);

  const closure = run.grievance.status === 'closed' ? run.grievance.closure : undefined;
  console.log(`\nfinal state: ${run.grievance.status}${closure === undefined ? '' : `, ${closure.outcome}, resolved at ${closure.resolvedAt} on ${closure.closedOn}`}`);
  const rerun = await services.runCalendarProcessManager([G26_004_ID]);
  const moved = rows.filter((row) => row[2] === 'DeadlineRecalculated').length;
  console.log(`calendar process manager: moved ${moved} deadline(s); run again: ${rerun.appended} event(s) appended`);

  console.log('\nverifyStream:');
  const stored: Record<string, StoredEvent[]> = {};
  for (const streamId of [run.streams.calendar, run.streams.agreement, run.streams.grievance]) {
    const events: StoredEvent[] = [];
    for await (const event of store.readStream(streamId)) events.push(event);
    stored[streamId] = events;
    const result = verifyStream(events);
    console.log(`  ${streamId}: ${result.ok ? `ok, ${result.checked} events, last hash ${result.lastHash.slice(0, 12)}…` : `BROKEN at v${result.streamVersion}: ${result.reason}`}`);
  }
  const grievanceEvents = stored[run.streams.grievance] ?? [];
  const tampered = grievanceEvents.map((e) => (e.type === 'StepAnswered' ? { ...e, data: { ...(e.data as object), disposition: 'granted' } } : e));
  const check = verifyStream(tampered);
  console.log(`  a copy with the Step 2 answer flipped to "granted": ${check.ok ? 'ok?!' : `broken at v${check.streamVersion}: ${check.reason}`}`);
} finally {
  await store.close();
}
console.log(
  dataDir === undefined
    ? `\nThe events stay in schema ${schema}; to start over: DROP SCHEMA ${schema} CASCADE;`
    : `\nThe events stay in ${dataDir}; to start over: rm -rf ${dataDir}`,
);
