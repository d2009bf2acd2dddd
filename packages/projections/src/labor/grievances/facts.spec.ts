/** grievanceRow: a key read on the domain's `grievance-{id}` streams, the search by stream on any other. */
import { describe, expect, it } from '@jest/globals';
import type { RowWriter } from '../../definition.js';
import type { Row } from '../../tables.js';
import { grievanceRow } from './facts.js';

/** A one-table writer over an array, counting the searches (`find`) it is asked for. */
const writerOver = (rows: readonly Row[]): RowWriter<'cases'> & { searches: number } => {
  const writer = {
    searches: 0,
    get: async (_table: 'cases', key: Row) => rows.find((r) => r['grievance_id'] === key['grievance_id']),
    find: async (_table: 'cases', filter: Row = {}) => {
      writer.searches++;
      return rows.filter((r) => Object.entries(filter).every(([column, value]) => r[column] === value));
    },
    upsert: async () => undefined,
    delete: async () => undefined,
    deleteWhere: async () => 0,
  };
  return writer;
};

describe('grievanceRow', () => {
  it('given a grievance-{id} stream, when its row is read, then it is read by key with no search', async () => {
    const rows = writerOver([{ grievance_id: 'G-25-001', stream_id: 'grievance-G-25-001' }]);
    expect(await grievanceRow(rows, 'cases', 'grievance-G-25-001')).toEqual({ grievance_id: 'G-25-001', stream_id: 'grievance-G-25-001' });
    expect(rows.searches).toBe(0);
  });

  it('given a stream named otherwise, when its row is read, then the search by stream finds it', async () => {
    const rows = writerOver([{ grievance_id: 'G-25-001', stream_id: 'legacy-7' }]);
    expect(await grievanceRow(rows, 'cases', 'legacy-7')).toEqual({ grievance_id: 'G-25-001', stream_id: 'legacy-7' });
    expect(rows.searches).toBe(1);
  });

  it('given a row keyed by the stream-derived id but written by another stream, when read, then the search decides', async () => {
    const rows = writerOver([
      { grievance_id: 'X', stream_id: 'elsewhere' },
      { grievance_id: 'Y', stream_id: 'grievance-X' },
    ]);
    expect(await grievanceRow(rows, 'cases', 'grievance-X')).toEqual({ grievance_id: 'Y', stream_id: 'grievance-X' });
  });

  it('given no row for the stream, when read, then it is undefined', async () => {
    expect(await grievanceRow(writerOver([]), 'cases', 'grievance-G-9')).toBeUndefined();
  });
});
