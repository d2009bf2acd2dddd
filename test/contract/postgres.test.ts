import { createPostgresEventStore } from '@laborcase/adapters';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';
import { describeEventStoreContract } from './eventStoreContract.js';

describeWithPostgres('PostgreSQL server', (schemaFor) => {
  const schema = schemaFor('contract');
  describeEventStoreContract('PostgreSQL (node-postgres)', async ({ registry, clock }) =>
    createPostgresEventStore({ connectionString: PG_URL as string, registry, clock, schema, poolSize: 8 }),
  );
});
