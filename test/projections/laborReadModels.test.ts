/**
 * The grievance read models end to end on SQL: the ECPS history (domain.md §7) recorded in a PGlite event store,
 * each read model rebuilt into SQL tables (PGlite, and PostgreSQL when PG_URL is set), its report read from those
 * tables equal to the one built in memory, and the tables queried with plain SQL as a report tool would, through
 * the stable views (`<projection>__<table>`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createInMemoryEventStore, createPGliteEventStore } from '@laborcase/adapters';
import { createPGliteClient, createPgClient, type SqlClient } from '@laborcase/adapters/sql';
import type { EventStore } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { createSqlReadModelStore, rebuildProjection, type ReadModelStore } from '@laborcase/projections';
import {
  deadlineComplianceProjection,
  deadlineComplianceReport,
  openCasesProjection,
  openCasesReport,
  recurringTopicsProjection,
  recurringTopicsReport,
  timeToResolutionProjection,
  timeToResolutionReport,
  upcomingDeadlinesProjection,
  upcomingDeadlinesReport,
  type ReportOptions,
  type ReportStamp,
} from '@laborcase/projections/labor';
import { recordedEcpsStore } from '../../packages/projections/src/labor/testing/ecpsLog.js';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';

const registry = createDomainRegistry();
const clock = () => new Date('2026-07-01T08:00:00.000Z');

const models = [
  { projection: openCasesProjection, report: openCasesReport },
  { projection: timeToResolutionProjection, report: timeToResolutionReport },
  { projection: deadlineComplianceProjection, report: deadlineComplianceReport },
  { projection: upcomingDeadlinesProjection, report: (options: ReportOptions) => upcomingDeadlinesReport({ ...options, today: '2026-06-12', schoolDays: 10 }) },
  { projection: recurringTopicsProjection, report: recurringTopicsReport },
] as const;

const withoutStamp = <R extends { readonly stamp: ReportStamp }>({ stamp: _stamp, ...figures }: R): Omit<R, 'stamp'> => figures;

interface Backend {
  readonly eventStore: EventStore;
  readonly client: SqlClient;
  readonly store: ReadModelStore;
  /** The name a report tool uses for a stable view (schema-qualified on PostgreSQL). */
  readonly view: (name: string) => string;
}

const suite = (name: string, open: () => Promise<Backend>) => {
  describe(name, () => {
    let eventStore: EventStore;
    let client: SqlClient;
    let store: ReadModelStore;
    let view: (name: string) => string;
    beforeAll(async () => {
      ({ eventStore, client, store, view } = await open());
      for (const { projection } of models) await rebuildProjection({ eventStore, registry, store, projection });
    }, 120_000);
    afterAll(async () => {
      await store.close();
      await eventStore.close();
    });

    it.each(models.map((m) => [m.projection.name, m] as const))('%s: the report from the SQL tables equals the one built in memory, stamped with the log head', async (_name, { report }) => {
      const fromSql = await report({ eventStore, registry, clock, store });
      const inMemory = await report({ eventStore, registry, clock });
      expect(withoutStamp(fromSql)).toEqual(withoutStamp(inMemory));
      const head = await eventStore.headPosition();
      expect(fromSql.stamp.position).toBe(head);
      expect(fromSql.stamp.headHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('a report tool reads the time to resolution with plain SQL: median calendar days by unit', async () => {
      const rows = await client.query<{ unit_id: string; resolved: string | number; median: number }>(
        `SELECT r.unit_id, count(*) AS resolved, percentile_cont(0.5) WITHIN GROUP (ORDER BY c.closed_on - r.filed_on) AS median
           FROM ${view('time_to_resolution__resolutions')} r JOIN ${view('time_to_resolution__closures')} c USING (stream_id)
          GROUP BY r.unit_id ORDER BY r.unit_id`,
      );
      expect(rows.map((r) => [r.unit_id, Number(r.resolved), Number(r.median)])).toEqual([
        ['ecap', 1, 53],
        ['ecea', 3, 80],
        ['ecssu', 2, 17],
      ]);
    });

    it('a report tool reads the open cases and the deadlines met by party with plain SQL', async () => {
      const open = await client.query<{ grievance_id: string; article_number: string; step_id: string }>(
        `SELECT c.grievance_id, c.article_number, coalesce(p.step_id, c.entry_step_id) AS step_id
           FROM ${view('open_cases__cases')} c LEFT JOIN ${view('open_cases__positions')} p USING (stream_id)`,
      );
      expect(open).toEqual([{ grievance_id: 'G-26-011', article_number: '19', step_id: 'step-1' }]);
      const met = await client.query<{ party: string; met: string | number }>(
        `SELECT d.party, count(*) FILTER (WHERE s.status = 'met') AS met
           FROM ${view('deadline_compliance__deadlines')} d LEFT JOIN ${view('deadline_compliance__deadline_states')} s USING (deadline_id)
          GROUP BY d.party ORDER BY d.party`,
      );
      expect(met.map((r) => [r.party, Number(r.met)])).toEqual([
        ['arbitrator', 1],
        ['association', 1],
        ['grievant', 11],
        ['management', 15],
      ]);
    });
  });
};

suite('grievance read models on PGlite', async () => {
  const eventStore = await recordedEcpsStore((storeClock) => createPGliteEventStore({ registry, clock: storeClock }));
  const client = await createPGliteClient({});
  return { eventStore, client, store: await createSqlReadModelStore({ client, closeClient: true }), view: (name) => `laborcase_read.${name}` };
});

describeWithPostgres('grievance read models on PostgreSQL', (schemaFor) => {
  suite('PostgreSQL', async () => {
    const eventStore = await recordedEcpsStore((storeClock) => createInMemoryEventStore({ registry, clock: storeClock }));
    const schema = schemaFor('labor_rm');
    const client = createPgClient({ connectionString: PG_URL as string, poolSize: 2 });
    const store = await createSqlReadModelStore({ client, schema, closeClient: true });
    return { eventStore, client, store, view: (name) => `"${schema}".${name}` };
  });
});
