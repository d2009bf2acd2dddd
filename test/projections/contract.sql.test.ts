import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { createPGliteClient, createPgClient } from '@laborcase/adapters/sql';
import { createSqlReadModelStore } from '@laborcase/projections';
import { describeReadModelContract } from '@laborcase/projections/contract';
import { PG_URL, describeWithPostgres } from '../support/postgres.js';

const api = { describe, it, beforeAll, afterAll };

describeReadModelContract('PGlite', async () => createSqlReadModelStore({ client: await createPGliteClient({}), closeClient: true }), api);

describeWithPostgres('read models on PostgreSQL', (schemaFor) => {
  describeReadModelContract(
    'PostgreSQL',
    async () => createSqlReadModelStore({ client: createPgClient({ connectionString: PG_URL as string, poolSize: 4 }), schema: schemaFor('rm_contract'), closeClient: true }),
    api,
  );
});
