/**
 * The board report of the ECPS log, built by `boardReport` from the real reports, opened in a real headless browser: Debian's `chromium` (installed by `.ci/run`; never
 * downloaded at install time) driven by `puppeteer-core`, from a file, offline. It must render with no console
 * error, no page error and no request other than the file itself, and show its three SVG charts with their
 * marks drawn. A screenshot and the HTML are saved under `test-output/` (git-ignored) for people to look at.
 *
 * Without a browser the test is skipped with a visible line, except under CI (`CI` set), where it fails.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { ecpsBoardReport } from '../testing/boardReportSample.js';

const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const haveBrowser = existsSync(executablePath);
const underCi = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';
const OUTPUT = fileURLToPath(new URL('../../../../../test-output/', import.meta.url));

if (!haveBrowser && !underCi) {
  console.warn(`SKIPPED the headless-browser test of the board report: no browser at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

describe('the HTML board report in headless Chromium', () => {
  (haveBrowser || underCi ? it : it.skip)('renders its charts with no console error and leaves a screenshot in test-output/', async () => {
    if (!haveBrowser) throw new Error(`CI is set but there is no browser at ${executablePath}: .ci/run installs Debian's chromium`);
    const { html } = await ecpsBoardReport();
    const folder = await mkdtemp(join(tmpdir(), 'laborcase-board-report-'));
    const file = join(folder, 'board-report.html');
    await writeFile(file, html);
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-extensions'],
    });
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1200, height: 900 });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warn') problems.push(`console ${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      // Run in the page (the project's type check has no DOM library, so the script is given as text).
      const drawn = (await page.evaluate(`[...document.querySelectorAll('figure svg')].map((svg) => {
        const box = svg.getBoundingClientRect();
        return { width: box.width, height: box.height, marks: svg.querySelectorAll('.role-mark path, .role-mark line, .role-mark rect').length };
      })`)) as { width: number; height: number; marks: number }[];
      const tables = (await page.evaluate(`document.querySelectorAll('table.bargaining-board tbody tr').length`)) as number;
      const chartText = (await page.evaluate(`['open-cases', 'time-to-resolution', 'deadline-compliance'].map((id) => document.querySelector('#' + id + ' svg').textContent)`)) as string[];
      const arbitrationTotal = (await page.evaluate(`[...document.querySelectorAll('#arbitration tbody tr')].at(-1).textContent`)) as string;

      await mkdir(OUTPUT, { recursive: true });
      await page.screenshot({ path: join(OUTPUT, 'board-report.png'), fullPage: true });
      await writeFile(join(OUTPUT, 'board-report.html'), html);

      expect(problems).toEqual([]);
      expect(requests).toEqual([pathToFileURL(file).href]);
      expect(drawn).toHaveLength(3);
      for (const chart of drawn) {
        expect(chart.width).toBeGreaterThan(100);
        expect(chart.height).toBeGreaterThan(50);
      }
      // The ECPS figures: one open article; one school year of filing (two series, a point each); stacked bars of
      // 4 parties × 4 outcomes; the arbitration total of 7 filed, 6 arbitrable, 1 demanded, 97 days to the award.
      expect(drawn.map((chart) => chart.marks)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
      expect(drawn[0]?.marks).toBeGreaterThanOrEqual(1);
      expect(drawn[1]?.marks).toBeGreaterThanOrEqual(2);
      expect(drawn[2]?.marks).toBeGreaterThanOrEqual(16);
      expect(chartText[0]).toContain('ECEA Art. 19 Assignments/Transfers');
      expect(chartText[1]).toContain('SY2025-26');
      expect(chartText[2]).toEqual(expect.stringContaining('management'));
      // Unit, filed, arbitrable, demanded, demand rate, awards, pending, median days, sustained / in part / denied.
      expect(arbitrationTotal).toBe('All units' + '7' + '6' + '1' + '16.7 %' + '1' + '0' + '97' + '0 / 1 / 0');
      expect(tables).toBe(6); // ECEA: 3 articles, ECSSU: 3
    } finally {
      await browser.close();
      await rm(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
