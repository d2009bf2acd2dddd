/**
 * A bounded load test over loopback: `CLIENTS` concurrent clients (default 20) for `DURATION_S` (default 30), each
 * filing grievances and, per grievance, scheduling the hearing and reading the case live and as of a date. Prints
 * requests/s, latency percentiles, the status counts, and the lost commands: commands answered 2xx whose effect
 * a read afterwards does not show. PGlite in a temp folder, or PostgreSQL (a fresh schema) when `PG_URL` is set.
 *
 *   npx tsx --conditions=@laborcase/source examples/http-service/load/loadTest.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from '../src/service.js';

const positiveInteger = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const clients = positiveInteger('CLIENTS', 20);
const seconds = positiveInteger('DURATION_S', 30);
const pgUrl = process.env['PG_URL'];

const filing = {
  grievant: { kind: 'class', memberCount: 41, description: 'Teachers assigned a sixth teaching period' },
  agreement: { unitId: 'ecea', editionId: '2024-2027' },
  articleKeys: ['schedules-workload'],
  occurredOn: '2026-01-05',
  filedOn: '2026-01-13',
  remedySought: 'Return to the contractual workload',
};
const hearing = { stepId: 'step-2', meetingOn: '2026-01-21', scheduledOn: '2026-01-14' };
const actor = { 'x-actor-id': 'ecea.grievance-chair', 'x-actor-role': 'association-rep' };

const parent = await mkdtemp(join(tmpdir(), 'laborcase-http-load-'));
const service = await startService({
  port: 0,
  ...(pgUrl === undefined || pgUrl === '' ? { dataDir: join(parent, 'store') } : { pgUrl, schema: `http_load_${randomUUID().slice(0, 8)}` }),
});
const latencies: number[] = [];
const statuses = new Map<number, number>();
/** Per grievance: whether the filing and the hearing were acknowledged. */
const acknowledged = new Map<string, { filed: boolean; heard: boolean }>();

const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<number> => {
  const started = performance.now();
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json', ...actor },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await response.arrayBuffer();
  latencies.push(performance.now() - started);
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return response.status;
};

const client = async (index: number, until: number): Promise<void> => {
  for (let n = 0; performance.now() < until; n++) {
    const id = `LOAD-${index}-${n}`;
    const filed = (await call('POST', `/grievances/${id}`, filing)) === 201;
    const heard = filed && (await call('POST', `/grievances/${id}/meetings`, hearing)) === 200;
    acknowledged.set(id, { filed, heard });
    await call('GET', `/grievances/${id}`);
    await call('GET', `/grievances/${id}?asEffectiveOn=2026-01-13`);
  }
};

try {
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index, started + seconds * 1000)));
  const elapsed = (performance.now() - started) / 1000;

  let lost = 0;
  for (const [id, { filed, heard }] of acknowledged) {
    if (!filed) continue;
    const response = await fetch(`${service.url}/grievances/${id}`);
    const view = (await response.json()) as { case?: { stage?: { meetingOn?: string } } };
    if (response.status !== 200 || (heard && view.case?.stage?.meetingOn !== hearing.meetingOn)) lost++;
  }
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0).toFixed(1));
  const serverErrors = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
  console.log(
    JSON.stringify(
      {
        store: service.location.startsWith('PGlite') ? 'PGlite' : 'PostgreSQL',
        clients,
        seconds: Number(elapsed.toFixed(1)),
        requests: latencies.length,
        requestsPerSecond: Number((latencies.length / elapsed).toFixed(1)),
        latencyMs: { p50: percentile(50), p95: percentile(95), p99: percentile(99), max: percentile(100) },
        statuses: Object.fromEntries(statuses),
        grievancesFiled: [...acknowledged.values()].filter((a) => a.filed).length,
        serverErrors,
        lostCommands: lost,
      },
      null,
      2,
    ),
  );
  if (serverErrors > 0 || lost > 0) process.exitCode = 1;
} finally {
  await service.close();
  await rm(parent, { recursive: true, force: true });
}
