/**
 * The case tracker over real HTTP on loopback: each route's happy path, the refusals (400 naming the field, 404,
 * 409, 422), the as-of views, a CSV report, and the calendar reactor moving a deadline after a snow day, observed
 * through the API. On PGlite, and on PostgreSQL too when `PG_URL` is set.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { association, BACKENDS, designee, eventually, g26Filing, g26Hearing, individualFiling, principal, request, startTestService, superintendent, type Reply, type TestService } from './support.js';

const answerDeadline = (reply: Reply, deadlineId: string) => (reply.json.deadlines as { deadlineId: string; dueOn: string; status: string; rule: { calendarVersion: number } }[]).find((d) => d.deadlineId === deadlineId);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)('the example HTTP service on $name', (backend) => {
  let running: TestService;
  let base: string;
  const post = (path: string, body: unknown, headers: Record<string, string> = association) => request(base, 'POST', path, body, headers);
  const get = (path: string) => request(base, 'GET', path);

  beforeAll(async () => {
    running = await startTestService(backend);
    base = running.service.url;
  });
  afterAll(async () => running?.stop());

  describe('commands', () => {
    it('files a grievance (201, ETag) and shows it with its deadlines', async () => {
      const filed = await post('/grievances/G-H-001', g26Filing);
      expect(filed.status).toBe(201);
      expect(filed.headers.get('etag')).toBe(`"${filed.json.version}"`);
      expect(filed.json).toMatchObject({ grievanceId: 'G-H-001', status: 'open', case: { stage: { kind: 'step', stepId: 'step-2' } } });

      const read = await get('/grievances/G-H-001');
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe(filed.headers.get('etag'));
      expect(read.json.deadlines.map((d: { deadlineId: string }) => d.deadlineId)).toContain('G-H-001/step-2/meet');
    });

    it('schedules and extends (class grievance at Step 2), then answers and appeals (individual grievance at Step 1)', async () => {
      await post('/grievances/G-H-002', g26Filing);
      const heard = await post('/grievances/G-H-002/meetings', g26Hearing, designee);
      expect(heard.status).toBe(200);
      expect(answerDeadline(heard, 'G-H-002/step-2/answer')).toMatchObject({ status: 'open' });

      const extended = await post(
        '/grievances/G-H-002/extensions',
        { deadlineId: 'G-H-002/step-2/answer', newDueOn: '2026-02-13', agreedOn: '2026-01-22', signedBy: { association: 'ecea.grievance-chair', management: 'ecps.supt-designee' } },
        designee,
      );
      expect(extended.status).toBe(200);
      expect(answerDeadline(extended, 'G-H-002/step-2/answer')).toMatchObject({ dueOn: '2026-02-13', extended: true });

      await post('/grievances/G-H-005', individualFiling);
      await post('/grievances/G-H-005/meetings', { stepId: 'step-1', meetingOn: '2026-01-21', scheduledOn: '2026-01-14' }, principal);
      const answered = await post('/grievances/G-H-005/answers', { stepId: 'step-1', disposition: 'denied', answeredOn: '2026-01-28', reason: 'Planning time was provided' }, principal);
      expect(answered.status).toBe(200);
      expect(answered.json.case.stage.answer).toMatchObject({ disposition: 'denied' });

      const appealed = await post('/grievances/G-H-005/appeals', { fromStepId: 'step-1', appealedOn: '2026-01-30' });
      expect(appealed.status).toBe(200);
      expect(appealed.json.case.stage).toMatchObject({ kind: 'step', stepId: 'step-2' });
    });

    it('withdraws one grievance and settles another, closing them', async () => {
      await post('/grievances/G-H-003', g26Filing);
      const withdrawn = await post('/grievances/G-H-003/withdrawal', { withdrawnOn: '2026-01-20', reason: 'Resolved informally' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.json).toMatchObject({ status: 'closed', case: { closure: { outcome: expect.anything() } } });

      await post('/grievances/G-H-004', g26Filing);
      const settled = await post('/grievances/G-H-004/settlement', { settledOn: '2026-01-20', settlementType: 'monetary', terms: "2 hours' pay", amountCents: 410000 }, designee);
      expect(settled.status).toBe(200);
      expect(settled.json.status).toBe('closed');
    });
  });

  describe('refusals', () => {
    it('400 names the malformed field, the unknown field, the missing actor and a body that is not JSON; nothing is written', async () => {
      const badDate = await post('/grievances/G-H-010', { ...g26Filing, filedOn: '2026-13-01' });
      expect(badDate.status).toBe(400);
      expect(badDate.json).toMatchObject({ code: 'InvalidCommand', field: 'filedOn' });

      const nested = await post('/grievances/G-H-010', { ...g26Filing, grievant: { kind: 'class', memberCount: -1, description: 'x' } });
      expect(nested.json).toMatchObject({ code: 'InvalidCommand', field: 'grievant.memberCount' });

      const unknownField = await post('/grievances/G-H-010', { ...g26Filing, priority: 'high' });
      expect(unknownField.json).toMatchObject({ code: 'InvalidCommand', field: 'priority' });

      const noActor = await post('/grievances/G-H-010', g26Filing, {});
      expect(noActor.status).toBe(400);
      expect(noActor.json.field).toMatch(/^actor\./);

      const notJson = await post('/grievances/G-H-010', '{"grievant":');
      expect(notJson.status).toBe(400);
      expect(notJson.json).toMatchObject({ code: 'InvalidRequest', field: 'body' });

      const badId = await post(`/grievances/${'x'.repeat(121)}`, g26Filing);
      expect(badId.json).toMatchObject({ code: 'InvalidCommand', field: 'grievanceId' });

      expect((await get('/grievances/G-H-010')).status).toBe(404);
    });

    it('409 when If-Match names a version the case has left, and the command is not recorded', async () => {
      const filed = await post('/grievances/G-H-011', g26Filing);
      const etag = filed.headers.get('etag') ?? '';
      const heard = await post('/grievances/G-H-011/meetings', g26Hearing, { ...designee, 'if-match': etag });
      expect(heard.status).toBe(200);

      const stale = await post('/grievances/G-H-011/withdrawal', { withdrawnOn: '2026-01-22', reason: 'Resolved' }, { ...association, 'if-match': etag });
      expect(stale.status).toBe(409);
      expect(stale.json).toMatchObject({ code: 'WrongExpectedVersion', details: { expected: filed.json.version, actual: heard.json.version } });
      expect((await get('/grievances/G-H-011')).json.status).toBe('open');

      const malformed = await post('/grievances/G-H-011/withdrawal', { withdrawnOn: '2026-01-22', reason: 'Resolved' }, { ...association, 'if-match': 'yesterday' });
      expect(malformed.json).toMatchObject({ code: 'InvalidRequest', field: 'If-Match' });
    });

    it('of two concurrent commands sent with the same If-Match, exactly one is recorded', async () => {
      const filed = await post('/grievances/G-H-014', g26Filing);
      const ifMatch = { 'if-match': filed.headers.get('etag') ?? '' };
      const replies = await Promise.all([
        post('/grievances/G-H-014/meetings', g26Hearing, { ...designee, ...ifMatch }),
        post('/grievances/G-H-014/withdrawal', { withdrawnOn: '2026-01-15', reason: 'Resolved' }, { ...association, ...ifMatch }),
      ]);
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
      const winner = replies.find((reply) => reply.status === 200);
      expect((await get('/grievances/G-H-014')).json.version).toBe(winner?.json.version);
    });

    it('422 for a business rule, with its code', async () => {
      const unknownEdition = await post('/grievances/G-H-012', { ...g26Filing, agreement: { unitId: 'ecea', editionId: '1999-2002' } });
      expect(unknownEdition.status).toBe(422);
      expect(unknownEdition.json).toMatchObject({ field: 'agreement' });

      await post('/grievances/G-H-013', g26Filing);
      const twice = await post('/grievances/G-H-013', g26Filing);
      expect(twice.status).toBe(422);
      expect(typeof twice.json.code).toBe('string');
    });
  });

  describe('the snow day, the calendar reactor and the as-of views', () => {
    it('moves the Step 2 answer from 2/5 to 2/6; asKnownAt before the snow day still shows 2/5', async () => {
      await post('/grievances/G-H-020', g26Filing);
      const heard = await post('/grievances/G-H-020/meetings', g26Hearing, designee);
      expect(answerDeadline(heard, 'G-H-020/step-2/answer')?.dueOn).toBe('2026-02-05');
      await pause(5);
      const beforeSnowDay = new Date().toISOString();
      await pause(5);

      const closed = await post('/calendars/2025-26/closures', { date: '2026-01-27', scope: 'schoolsAndOffices', reason: 'Snow', declaredOn: '2026-01-26' }, superintendent);
      expect(closed.status).toBe(200);
      await eventually(async () => answerDeadline(await get('/grievances/G-H-020'), 'G-H-020/step-2/answer')?.dueOn === '2026-02-06');

      const asOfFeb1 = await get('/grievances/G-H-020?asEffectiveOn=2026-02-01');
      expect(asOfFeb1.json.asOf).toEqual({ effectiveOn: '2026-02-01', knownAt: null });
      expect(answerDeadline(asOfFeb1, 'G-H-020/step-2/answer')).toMatchObject({ dueOn: '2026-02-06', rule: { calendarVersion: 2 } });

      const knownBefore = await get(`/grievances/G-H-020?asEffectiveOn=2026-02-01&asKnownAt=${beforeSnowDay}`);
      expect(answerDeadline(knownBefore, 'G-H-020/step-2/answer')).toMatchObject({ dueOn: '2026-02-05', rule: { calendarVersion: 1 } });

      const beforeTheHearing = await get('/grievances/G-H-020?asEffectiveOn=2026-01-13');
      expect(answerDeadline(beforeTheHearing, 'G-H-020/step-2/answer')).toBeUndefined();

      expect((await get('/grievances/G-H-020?asEffectiveOn=2026-02-30')).json).toMatchObject({ code: 'InvalidRequest', field: 'asEffectiveOn' });
      expect((await get('/grievances/G-H-020?asKnownAt=yesterday')).json).toMatchObject({ field: 'asKnownAt' });
    });
  });

  describe('reports', () => {
    it('serves a report as CSV (one row list) and as JSON with its stamp, live and as of a date', async () => {
      await post('/grievances/G-H-030', g26Filing);
      const csv = await get('/reports/open-cases?format=csv');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const [header, ...lines] = csv.text.trim().split('\n');
      expect(header?.split(',')).toEqual(expect.arrayContaining(['grievanceId', 'articleNumber', 'stepId']));
      expect(lines.some((line) => line.startsWith('G-H-030,'))).toBe(true);

      const byUnit = await get('/reports/open-cases?format=csv&table=byUnit');
      expect(byUnit.text.split('\n')[0]).toBe('unitId,open,inAbeyance');

      const json = await get('/reports/deadline-compliance?asEffectiveOn=2026-01-14');
      expect(json.status).toBe(200);
      expect(json.json.stamp).toMatchObject({ asEffectiveOn: '2026-01-14', asKnownAt: null });

      expect((await get('/reports/upcoming-deadlines?schoolDays=20')).status).toBe(200);
      expect((await get('/reports/salaries')).status).toBe(404);
      expect((await get('/reports/open-cases?format=xml')).json).toMatchObject({ field: 'format' });
      expect((await get('/reports/open-cases?format=csv&table=__proto__')).json).toMatchObject({ field: 'table' });
      expect((await get('/reports/open-cases?format=csv&format=json')).json).toMatchObject({ field: 'format' });
      expect((await get('/reports/upcoming-deadlines?schoolDays=0')).json).toMatchObject({ field: 'schoolDays' });
    });

    it('serves all eight labor read models, as JSON with their stamp and as CSV, under the names the CLI uses', async () => {
      const names = ['open-cases', 'time-to-resolution', 'deadline-compliance', 'upcoming-deadlines', 'arbitration', 'recurring-topics', 'bargaining-board', 'er-funnel'];
      const spec = (await get('/openapi.json')).json as { paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }> };
      expect(spec.paths['/reports/{name}']?.get.parameters.find((p) => p.name === 'name')?.schema.enum).toEqual(names);
      for (const name of names) {
        const json = await get(`/reports/${name}?asEffectiveOn=2026-03-01`);
        expect([name, json.status]).toEqual([name, 200]);
        expect(json.json.stamp).toMatchObject({ asEffectiveOn: '2026-03-01' });
        const csv = await get(`/reports/${name}?format=csv`);
        expect([name, csv.status]).toEqual([name, 200]);
        expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      }
    });
  });
});
