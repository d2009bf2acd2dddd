/**
 * The HTML board report rendered from the ECPS read models: three server-rendered SVG charts, the bargaining
 * board tables with the hand-worked ECPS figures, the stamp, every text escaped, nothing fetched at view time.
 */
import { describe, expect, it } from '@jest/globals';
import { HOSTILE_TEXT, ecpsBoardReportInput } from '../testing/boardReportSample.js';
import { escapeHtml } from './escape.js';
import { renderBoardReport } from './render.js';

const count = (html: string, pattern: RegExp): number => html.match(pattern)?.length ?? 0;

describe('the HTML board report', () => {
  it('is one self-contained page: three inline SVG charts, no script, no external resource', async () => {
    const html = await renderBoardReport(await ecpsBoardReportInput());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(count(html, /<svg\b/g)).toBe(3);
    expect(count(html, /<path\b|<rect\b|<line\b/g)).toBeGreaterThan(20);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|href="http|url\(http|@import/i);
  });

  it('prints the stamp, the ECPS bargaining figures and the funnel', async () => {
    const input = await ecpsBoardReportInput();
    const html = await renderBoardReport(input);
    expect(html).toContain(`<code>${input.stamp.position}</code>`);
    expect(html).toContain('all business dates');
    expect(html).toContain('Art. 20 Salaries');
    expect(html).toContain('Art. 12 Planning Time');
    expect(html).toContain('$48,655,000.00'); // union's 5 % + step
    expect(html).toContain('$29,877,500.00'); // board's 2.5 % + step, and the TA
    expect(html).toContain('ratified 4,812–301');
    expect(html).toContain('shortfall $5,633,250.00');
    expect(html).toContain("TA&#39;d");
    expect(count(html, /<table class="bargaining-board">/g)).toBe(2);
    expect(html).toContain('<th scope="row">Findings issued</th><td class="num">1</td><td class="num">100.0 %</td><td class="num">36</td>');
  });

  it('escapes every text it prints, in the tables and in the charts', async () => {
    const input = await ecpsBoardReportInput();
    const [first, ...others] = input.bargaining;
    const hostile = {
      ...input,
      title: HOSTILE_TEXT,
      openCasesByArticle: [{ articleLabel: HOSTILE_TEXT, count: 2 }],
      complianceByParty: [{ party: HOSTILE_TEXT, met: 1, missed: 1, extended: 0, tolled: 0 }],
      resolutionTrend: [{ period: HOSTILE_TEXT, medianCalendarDays: 3, medianContractDays: 2 }],
      bargaining: [{ ...first!, cycleId: HOSTILE_TEXT, articles: first!.articles.map((a) => ({ ...a, articleTitle: HOSTILE_TEXT, union: a.union && { ...a.union, text: HOSTILE_TEXT } })) }, ...others],
    };
    const html = await renderBoardReport(hostile);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain(escapeHtml(HOSTILE_TEXT));
    expect(count(html, /<svg\b/g)).toBe(3);
    expect(count(html, /<\/svg>/g)).toBe(3);
  });

  it('renders an empty month: every chart says there is nothing to show, no table breaks', async () => {
    const input = await ecpsBoardReportInput();
    const html = await renderBoardReport({ title: 'Nothing happened', stamp: input.stamp, openCasesByArticle: [], resolutionTrend: [{ period: '2026-06', medianCalendarDays: null, medianContractDays: null }], complianceByParty: [], bargaining: [] });
    expect(count(html, /Nothing to show for this period/g)).toBe(3);
    expect(html).toContain('No bargaining cycle.');
    expect(html).not.toContain('id="arbitration"');
  });

  it('renders the same bytes from the same input', async () => {
    const input = await ecpsBoardReportInput();
    expect(await renderBoardReport(input)).toBe(await renderBoardReport(input));
  });

  it('rejects malformed input naming the field', async () => {
    const input = await ecpsBoardReportInput();
    await expect(renderBoardReport({ ...input, title: '' })).rejects.toMatchObject({ field: 'title' });
    await expect(renderBoardReport({ ...input, openCasesByArticle: [{ articleLabel: 'Art. 1', count: -1 }] })).rejects.toMatchObject({ field: 'openCasesByArticle.0.count' });
    await expect(renderBoardReport({ ...input, resolutionTrend: [{ period: '2026-01', medianCalendarDays: Number.NaN, medianContractDays: null }] })).rejects.toMatchObject({ field: 'resolutionTrend.0.medianCalendarDays' });
    await expect(renderBoardReport({ ...input, complianceByParty: [{ party: 'management', met: 1, missed: 0, extended: 0 } as never] })).rejects.toMatchObject({ field: 'complianceByParty.0.tolled' });
    await expect(renderBoardReport({ ...input, stamp: { ...input.stamp, generatedAt: 'yesterday' } })).rejects.toMatchObject({ field: 'stamp.generatedAt' });
    await expect(renderBoardReport({ ...input, bargaining: {} as never })).rejects.toMatchObject({ field: 'bargaining' });
  });
});
