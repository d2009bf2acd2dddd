import { createPgClient } from '@laborcase/adapters/sql';

export type Query = (sql: string) => Promise<object[]>;

/** A one-connection client for a benchmark's setup and clean-up statements, closed after `work`. */
export const withPgClient = async <T>(url: string, work: (query: Query) => Promise<T>): Promise<T> => {
  const client = createPgClient({ connectionString: url, poolSize: 1 });
  try {
    return await work((sql) => client.query(sql));
  } finally {
    await client.close();
  }
};
