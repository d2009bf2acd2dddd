/** The service on a random loopback port, on PGlite in a temp folder or on `PG_URL` in a fresh schema, and a small HTTP client. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type RunningService, type ServiceOptions } from '../src/service.js';

export interface Backend {
  readonly name: string;
  readonly options: () => Promise<{ options: ServiceOptions; cleanup: () => Promise<void> }>;
}

export const PGLITE: Backend = {
  name: 'PGlite',
  options: async () => {
    const parent = await mkdtemp(join(tmpdir(), 'laborcase-http-'));
    return { options: { dataDir: join(parent, 'store') }, cleanup: () => rm(parent, { recursive: true, force: true }) };
  },
};

const pgUrl = process.env['PG_URL'];
export const POSTGRES: Backend | undefined =
  pgUrl === undefined || pgUrl === ''
    ? undefined
    : { name: 'PostgreSQL', options: async () => ({ options: { pgUrl, schema: `http_${randomUUID().slice(0, 8)}` }, cleanup: async () => undefined }) };

export const BACKENDS: readonly Backend[] = POSTGRES === undefined ? [PGLITE] : [PGLITE, POSTGRES];

export interface TestService {
  readonly service: RunningService;
  stop(): Promise<void>;
}

export const startTestService = async (backend: Backend, extra: ServiceOptions = {}): Promise<TestService> => {
  const { options, cleanup } = await backend.options();
  const service = await startService({ ...options, ...extra, port: 0, host: '127.0.0.1' });
  return {
    service,
    stop: async () => {
      await service.close();
      await cleanup();
    },
  };
};

export const association = { 'x-actor-id': 'ecea.grievance-chair', 'x-actor-role': 'association-rep' };
export const designee = { 'x-actor-id': 'ecps.supt-designee', 'x-actor-role': 'superintendent-designee' };
export const principal = { 'x-actor-id': 'eastfield-hs.principal', 'x-actor-role': 'principal' };
export const superintendent = { 'x-actor-id': 'ecps.superintendent', 'x-actor-role': 'superintendent' };

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON); `any` so that assertions can read into it. */
  readonly json: any;
}

export const request = async (base: string, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
};

/** Polls `probe` until it returns true (the reactors run in the background), or fails after `timeoutMs`. */
export const eventually = async (probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Case G-26-004's filing (domain.md §7 case 2) under another id. */
export const g26Filing = {
  grievant: { kind: 'class', memberCount: 41, description: 'Teachers assigned a sixth teaching period at three high schools' },
  agreement: { unitId: 'ecea', editionId: '2024-2027' },
  articleKeys: ['schedules-workload'],
  occurredOn: '2026-01-05',
  filedOn: '2026-01-13',
  remedySought: 'Return to the contractual workload and pay for the additional period',
  schoolIds: ['eastfield-hs', 'river-hs', 'summit-hs'],
};
export const g26Hearing = { stepId: 'step-2', meetingOn: '2026-01-21', scheduledOn: '2026-01-14' };

/** An individual grievance, filed at Step 1. */
export const individualFiling = {
  grievant: { kind: 'individual', employeeIds: ['E-10233'] },
  agreement: { unitId: 'ecea', editionId: '2024-2027' },
  articleKeys: ['planning-time'],
  occurredOn: '2026-01-05',
  filedOn: '2026-01-13',
  remedySought: 'Restore the contractual planning period',
};
