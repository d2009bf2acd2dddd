import { describe, expect, it } from '@jest/globals';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { createDomainRegistry } from '@laborcase/domain';
import { toCsv } from './csv.js';
import { recordedEcpsStore } from './testing/ecpsLog.js';
import { toJson } from './json.js';
import { openCasesReport } from './openCases/report.js';

const registry = createDomainRegistry();
const clock = () => new Date('2026-07-01T08:00:00.000Z');

describe('toCsv', () => {
  it('writes a header and quotes what needs quoting; null is empty, booleans are words', () => {
    const rows = [
      { article: 'Schedules & Workload', hearer: "superintendent's designee", note: 'said "no", then left', days: 8.5, final: true, school: null },
      { article: 'Planning, Time', hearer: 'principal', note: 'two\nlines', days: 0, final: false, school: 'northwood-es' },
    ];
    expect(toCsv(rows)).toBe(
      'article,hearer,note,days,final,school\n' +
        "Schedules & Workload,superintendent's designee,\"said \"\"no\"\", then left\",8.5,true,\n" +
        '"Planning, Time",principal,"two\nlines",0,false,northwood-es\n',
    );
  });

  it('takes the columns and their order when given; no rows give the header alone, or nothing', () => {
    expect(toCsv([{ a: 1, b: 2 }], { columns: ['b', 'a'] })).toBe('b,a\n2,1\n');
    expect(toCsv<{ a: number }>([], { columns: ['a'] })).toBe('a\n');
    expect(toCsv([])).toBe('');
  });

  it('refuses rows it cannot write faithfully, naming the row and column', () => {
    expect(() => toCsv([{ a: 1 }, { a: Number.NaN }])).toThrow(expect.objectContaining({ field: 'rows.1.a' }));
    expect(() => toCsv([{ a: 1 }, { a: 1, b: 2 }] as { a: number; b?: number }[])).toThrow(expect.objectContaining({ field: 'rows.1.b' }));
    expect(() => toCsv([{ a: { nested: true } }])).toThrow(expect.objectContaining({ field: 'rows.0.a' }));
    expect(() => toCsv('a,b' as never)).toThrow(expect.objectContaining({ field: 'rows' }));
    expect(() => toCsv([{ a: 1 }], { columns: ['a', 'a'] })).toThrow(expect.objectContaining({ field: 'columns' }));
  });

  it('writes the ECPS open cases by article as of 2026-01-31', async () => {
    const eventStore = await recordedEcpsStore((storeClock) => createInMemoryEventStore({ registry, clock: storeClock }));
    const report = await openCasesReport({ eventStore, registry, clock, asOf: { effectiveOn: '2026-01-31' } });
    expect(toCsv(report.byArticle)).toBe(
      'unitId,editionId,articleKey,articleNumber,articleTitle,open,inAbeyance\n' +
        'ecea,2024-2027,evaluations,16,Evaluations,1,0\n' +
        'ecea,2024-2027,schedules-workload,17,Schedules & Workload,1,0\n',
    );
    const json = JSON.parse(toJson(report)) as typeof report;
    expect(json).toEqual(report);
    expect(json.stamp).toMatchObject({ asEffectiveOn: '2026-01-31', asKnownAt: null, generatedAt: '2026-07-01T08:00:00.000Z' });
  });
});

describe('toJson', () => {
  it('is indented, ends with a newline, and refuses what JSON cannot carry', () => {
    expect(toJson({ rows: [{ a: 1, b: null }] })).toBe('{\n  "rows": [\n    {\n      "a": 1,\n      "b": null\n    }\n  ]\n}\n');
    expect(() => toJson({ a: Number.POSITIVE_INFINITY })).toThrow(expect.objectContaining({ field: 'report' }));
    expect(() => toJson({ a: undefined })).toThrow(expect.objectContaining({ field: 'report' }));
    expect(() => toJson(null as never)).toThrow(expect.objectContaining({ field: 'report' }));
  });
});
