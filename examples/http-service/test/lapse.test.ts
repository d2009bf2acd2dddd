/**
 * The deadline-lapse sweep running in the service: with the district's clock on 2026-02-06, a Step 2 answer due
 * 2026-02-05 and still open becomes a missed deadline, seen through `GET /grievances/{id}` without anyone asking.
 */
import { describe, expect, it } from '@jest/globals';
import { association, BACKENDS, designee, eventually, g26Filing, g26Hearing, request, startTestService } from './support.js';

describe.each(BACKENDS)('the deadline-lapse sweep in the service on $name', (backend) => {
  it('records the lapse of the answer due the day before', async () => {
    const running = await startTestService(backend, { clock: () => new Date('2026-02-06T15:00:00Z'), sweepEveryMs: 100 });
    try {
      const base = running.service.url;
      await request(base, 'POST', '/grievances/G-L-001', g26Filing, association);
      const heard = await request(base, 'POST', '/grievances/G-L-001/meetings', g26Hearing, designee);
      const answerOf = (body: { deadlines: { deadlineId: string; dueOn: string; status: string }[] }) => body.deadlines.find((d) => d.deadlineId === 'G-L-001/step-2/answer');
      expect(answerOf(heard.json)).toMatchObject({ dueOn: '2026-02-05', status: 'open' });

      await eventually(async () => answerOf((await request(base, 'GET', '/grievances/G-L-001')).json)?.status === 'missed');
      expect((await request(base, 'GET', '/health')).json).toEqual({ ok: true });
    } finally {
      await running.stop();
    }
  });
});
