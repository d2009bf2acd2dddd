/**
 * The database roles the README documents for issue 16: the owner migrates; the application role holds SELECT
 * and INSERT on the log and its tree (UPDATE only on the two head rows) and can run the store, but cannot change
 * or remove an event even where the append-only triggers are switched off.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { v4 as uuid } from 'uuid';
import { NO_STREAM, type EventStore } from '@laborcase/core';
import { toyRegistry, toyStream, collect } from '@laborcase/core/adapter-kit';
import { createLogTree } from '@laborcase/core/transparency';
import { createPgClient, createSqlTreeStorage, openSqlStore, type SqlClient } from '@laborcase/adapters/sql';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';

describeWithPostgres('an application role with INSERT and SELECT only', (schemaFor) => {
  const schema = schemaFor('approle');
  const role = `laborcase_app_${uuid().replace(/-/g, '').slice(0, 8)}`;
  let owner: SqlClient;
  let ownerStore: EventStore;
  let app: SqlClient;
  let store: EventStore;
  beforeAll(async () => {
    owner = createPgClient({ connectionString: PG_URL as string, poolSize: 1 });
    ownerStore = await openSqlStore(owner, { registry: toyRegistry, schema });
    // The grants the README gives, verbatim in substance.
    await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app'`);
    await owner.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${role}`);
    await owner.query(`GRANT SELECT, INSERT ON "${schema}".events, "${schema}".tree_nodes, "${schema}".tree_leaves TO ${role}`);
    await owner.query(`GRANT SELECT, INSERT, UPDATE ON "${schema}".streams, "${schema}".tree_head TO ${role}`);
    await owner.query(`GRANT SELECT ON "${schema}".schema_migrations TO ${role}`);
    const url = new URL(PG_URL as string);
    url.username = role;
    url.password = 'app';
    app = createPgClient({ connectionString: url.toString(), poolSize: 2 });
    store = await openSqlStore(app, { registry: toyRegistry, schema });
  });
  afterAll(async () => {
    await store?.close();
    await ownerStore?.close();
    const cleanup = createPgClient({ connectionString: PG_URL as string, poolSize: 1 });
    await cleanup.query(`DROP OWNED BY ${role}`).catch(() => undefined);
    await cleanup.query(`DROP ROLE IF EXISTS ${role}`);
    await cleanup.close();
  });

  it('appends, reads and keeps the tree', async () => {
    const streamId = `grievance-${uuid()}`;
    await store.append(streamId, toyStream(3), { expectedVersion: NO_STREAM });
    expect(await collect(store.readStream(streamId))).toHaveLength(3);
    const tree = createLogTree({ store, storage: createSqlTreeStorage(app, schema), origin: 'ecps.example/labor-relations' });
    expect((await tree.integrate()).size).toBe(3);
  });

  it('is refused UPDATE, DELETE and TRUNCATE by privilege, before any trigger', async () => {
    for (const sql of [`UPDATE "${schema}".events SET type = 'Forged'`, `DELETE FROM "${schema}".events`, `TRUNCATE "${schema}".events`, `DELETE FROM "${schema}".tree_leaves`])
      await expect(app.query(sql)).rejects.toThrow(/permission denied/);
  });
});
