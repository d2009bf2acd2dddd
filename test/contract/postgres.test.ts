import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createPostgresEventStore } from '@laborcase/adapters';
import { describeEventStoreContract } from '@laborcase/core/adapter-kit';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';

describeWithPostgres('PostgreSQL server', (schemaFor) => {
  const schema = schemaFor('contract');
  describeEventStoreContract(
    'PostgreSQL (node-postgres)',
    async ({ registry, clock }) => createPostgresEventStore({ connectionString: PG_URL as string, registry, clock, schema, poolSize: 8 }),
    { describe, it, beforeAll, afterAll },
  );
});
