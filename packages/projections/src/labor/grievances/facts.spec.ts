/** withStreamFacts: a case row joined with the facts later events wrote by its stream id. */
import { describe, expect, it } from '@jest/globals';
import type { TableSpec } from '../../tables.js';
import { withStreamFacts } from './facts.js';

const selections: TableSpec = { name: 'selections', columns: { stream_id: 'text', arbitrator: 'text' }, primaryKey: ['stream_id'] };
const awards: TableSpec = { name: 'awards', columns: { stream_id: 'text', award_on: 'date', arbitrator: 'text' }, primaryKey: ['stream_id'] };
const cases = [
  { stream_id: 'grievance-1', unit_id: 'ecea' },
  { stream_id: 'grievance-2', unit_id: 'ecssu' },
];

describe('withStreamFacts', () => {
  it('given facts for one case, when joined, then that case carries them and the other nulls', () => {
    const joined = withStreamFacts(cases, [{ spec: selections, rows: [{ stream_id: 'grievance-1', arbitrator: 'R. Delgado' }] }]);
    expect(joined).toEqual([
      { stream_id: 'grievance-1', unit_id: 'ecea', arbitrator: 'R. Delgado' },
      { stream_id: 'grievance-2', unit_id: 'ecssu', arbitrator: null },
    ]);
  });

  it('given two tables declaring one column, when both hold a fact, then the later table wins; when only the earlier, it stays', () => {
    const joined = withStreamFacts(cases, [
      { spec: selections, rows: [{ stream_id: 'grievance-1', arbitrator: 'selected' }, { stream_id: 'grievance-2', arbitrator: 'selected' }] },
      { spec: awards, rows: [{ stream_id: 'grievance-1', award_on: '2026-05-28', arbitrator: 'who decided' }] },
    ]);
    expect(joined.map((r) => [r['arbitrator'], r['award_on']])).toEqual([
      ['who decided', '2026-05-28'],
      ['selected', null],
    ]);
  });

  it('given a fact whose stream has no case row, when joined, then it is left out', () => {
    expect(withStreamFacts([], [{ spec: selections, rows: [{ stream_id: 'grievance-9', arbitrator: 'x' }] }])).toEqual([]);
  });
});
