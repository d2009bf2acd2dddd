/**
 * A report as the Markdown table bench/README.md shows:
 *
 *   npx tsx bench/peer/src/table.ts report.json [more.json …]
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { PeerSizes } from './options.js';
import { WORKLOADS, type Comparison, type PeerReport, type Workload } from './report.js';

const label = (workload: Workload, sizes: PeerSizes): string => {
  switch (workload) {
    case 'commandSequential':
      return 'command path, 1 writer';
    case 'commandConcurrent':
      return `command path, ${sizes.workers} workers`;
    case 'batchAppend':
      return `${sizes.batchSize}-event batch append`;
    case 'rehydrate':
      return `rehydrate ${sizes.longStream.toLocaleString('en-US')} events`;
    case 'peakRss':
      return 'peak RSS';
  }
};

const figure = (value: number | undefined, unit: Comparison['unit']): string =>
  value === undefined ? '—' : `${Math.round(value).toLocaleString('en-US')} ${unit === 'MB' ? 'MB' : 'ev/s'}`;

export const reportTable = (reports: readonly PeerReport[]): string => {
  const lines = [
    '| store | workload | laborcase | laborcase, state cache on | Emmett | laborcase / Emmett | cache on / Emmett |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const report of reports) {
    for (const [store, storeReport] of Object.entries(report.stores)) {
      for (const workload of WORKLOADS) {
        const comparison = storeReport.workloads[workload];
        const medians = [comparison.laborcase, comparison.laborcaseCached, comparison.emmett ?? undefined].map((f) => figure(f?.median, comparison.unit));
        lines.push(`| ${store} | ${label(workload, report.sizes)} | ${medians.join(' | ')} | ${comparison.ratio ?? '—'} | ${comparison.ratioCached ?? '—'} |`);
      }
    }
    if (!('skipped' in report.pgbench)) {
      const { oneClient, eightClients, commandPathShareOfOneClient: share } = report.pgbench;
      const shares = `laborcase ${share.laborcase ?? '—'}, cache on ${share.laborcaseCached ?? '—'}, Emmett ${share.emmett ?? '—'}`;
      lines.push(`| postgres | pgbench ceiling (1 / 8 clients) | ${oneClient.tps.toLocaleString('en-US')} / ${eightClients.tps.toLocaleString('en-US')} tps | | | command path 1 writer / 1-client ceiling: ${shares} | |`);
    }
  }
  return lines.join('\n');
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: table.ts report.json [more.json …]\n');
    process.exit(2);
  }
  const reports = await Promise.all(files.map(async (file) => JSON.parse(await readFile(file, 'utf8')) as PeerReport));
  process.stdout.write(`${reportTable(reports)}\n`);
}
