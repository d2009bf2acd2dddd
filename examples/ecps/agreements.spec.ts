import { describe, expect, it } from '@jest/globals';
import { isRight } from 'fp-ts/lib/Either.js';
import {
  agreementStreamId,
  articleAsOf,
  articleByNumber,
  articleInForce,
  editionInForceOn,
  entryStepOf,
  isLastStep,
  isRegistered,
  procedureOf,
  stepAfter,
  validateGrievanceProcedure,
  type RegisteredAgreement,
} from '../../packages/domain/src/agreement/index.js';
import { fold } from '../../packages/domain/src/kernel/decider.js';
import { agreementDecider } from '../../packages/domain/src/agreement/index.js';
import {
  ecapAgreement,
  ecapGrievanceProcedure,
  eceaAgreement,
  eceaGrievanceProcedure,
  ecssuAgreement,
  ecssuGrievanceProcedure,
} from './agreements.js';

const registered = (state: unknown): RegisteredAgreement => {
  if (typeof state !== 'object' || state === null || !isRegistered(state as RegisteredAgreement)) throw new Error('not registered');
  return state as RegisteredAgreement;
};

describe('ECPS agreement fixtures', () => {
  const ecea = registered(eceaAgreement.state);

  it('the ECEA command sequence records one event per command, in order', () => {
    expect(eceaAgreement.events.map((e) => e.type)).toEqual([
      'AgreementEditionRegistered',
      'AgreementRatifiedByMembers',
      'AgreementApprovedByBoard',
      'FundingConfirmed',
      'AgreementTookEffect',
      'FundingConfirmed',
      'ReopenerScopeSet',
      'FundingShortfallRecorded',
      'FundingConfirmed',
      'ArticleAmended',
      'ArticleAmended',
      'ArticleRenumbered',
    ]);
    expect(fold(agreementDecider.evolve, agreementDecider.initialState, eceaAgreement.events.slice(0, 5)).status).toBe('inEffect');
  });

  it('keeps the full history of Planning Time', () => {
    const fy27 = { kind: 'reopener', fiscalYear: 'FY27' };
    expect(ecea.articles.find((a) => a.key === 'planning-time')).toEqual({
      key: 'planning-time',
      revisions: [
        { effectiveFrom: '2024-07-01', number: '12', title: 'Planning Time', change: 'registered' },
        { effectiveFrom: '2026-07-01', number: '12', title: 'Planning Time', change: 'amended', summary: 'FY27 planning-time language (TA 2025-11-13)', basis: fy27 },
        { effectiveFrom: '2026-07-01', number: '13', title: 'Planning Time', change: 'renumbered', basis: fy27 },
      ],
    });
    expect(ecea.articles.map((a) => a.key)).toHaveLength(15);
  });

  it('ECEA 2024-2027 is in effect, with funding restored after the FY27 shortfall', () => {
    expect(ecea.agreementId).toBe('agreement-ecea-2024-2027');
    expect(agreementStreamId('ecea', '2024-2027')).toBe(ecea.agreementId);
    expect(ecea.status).toBe('inEffect');
    expect(ecea.term).toEqual({ effectiveFrom: '2024-07-01', expiresOn: '2027-06-30' });
    expect(ecea.fundingStatus).toBe('funded');
    expect(ecea.fundingHistory.map((f) => [f.fiscalYear, f.status, f.on])).toEqual([
      ['FY25', 'funded', '2024-05-30'],
      ['FY26', 'funded', '2025-05-22'],
      ['FY27', 'renegotiating', '2026-05-21'],
      ['FY27', 'funded', '2026-06-05'],
    ]);
    expect(ecea.reopeners).toEqual([
      { fiscalYear: 'FY26', articleKeys: ['salaries', 'leaves', 'evaluations'] },
      { fiscalYear: 'FY27', articleKeys: ['salaries', 'planning-time', 'schedules-workload'] },
    ]);
  });

  it('Planning Time is Art. 12 through 2026-06-30 and Art. 13 from 2026-07-01', () => {
    expect(articleAsOf(ecea, 'planning-time', '2024-07-01')).toEqual({ key: 'planning-time', number: '12', title: 'Planning Time', since: '2024-07-01' });
    expect(articleAsOf(ecea, 'planning-time', '2026-06-30')?.number).toBe('12');
    expect(articleAsOf(ecea, 'planning-time', '2026-07-01')).toEqual({ key: 'planning-time', number: '13', title: 'Planning Time', since: '2026-07-01' });
    expect(articleAsOf(ecea, 'planning-time', '2027-06-30')?.number).toBe('13');
    expect(articleAsOf(ecea, 'planning-time', '2027-07-01')).toBeUndefined();
    expect(articleByNumber(ecea, '12', '2026-07-01')).toBeUndefined();
    expect(articleByNumber(ecea, '13', '2026-07-01')?.key).toBe('planning-time');
    expect(articleByNumber(ecea, '12', '2025-10-06')?.key).toBe('planning-time');
  });

  it('G-25-001 may cite planning-time (Art. 12) for an occurrence on 2025-10-06', () => {
    const cited = articleInForce(ecea, 'planning-time', '2025-10-06');
    expect(cited).toEqual({
      _tag: 'Right',
      right: { key: 'planning-time', number: '12', title: 'Planning Time', since: '2024-07-01', agreementId: 'agreement-ecea-2024-2027', editionId: '2024-2027' },
    });
  });

  it('every edition governs its unit in SY2025-26 and ECEA also in FY25', () => {
    const all = [eceaAgreement.state, ecssuAgreement.state, ecapAgreement.state];
    const pick = (unit: string, date: string) => {
      const result = editionInForceOn(all, unit, date);
      return isRight(result) ? result.right.agreementId : result.left.code;
    };
    expect(pick('ecea', '2025-10-06')).toBe('agreement-ecea-2024-2027');
    expect(pick('ecea', '2024-07-01')).toBe('agreement-ecea-2024-2027');
    expect(pick('ecssu', '2025-11-20')).toBe('agreement-ecssu-2025-2028');
    expect(pick('ecap', '2026-03-02')).toBe('agreement-ecap-2025-2028');
    expect(pick('ecssu', '2025-06-30')).toBe('NoEditionInForce');
  });

  it('ECEA Art. 5: Step 1 → Step 2 → binding arbitration; class grievances (3+) enter at Step 2', () => {
    const procedure = procedureOf(ecea);
    expect(procedure).toEqual(eceaGrievanceProcedure);
    expect(procedure.steps.map((s) => [s.id, s.fileWithin.n, s.meetWithin?.n, s.answerWithin.n, s.appealWithin?.n])).toEqual([
      ['step-1', 20, 10, 10, 10],
      ['step-2', 20, 15, 10, undefined],
    ]);
    expect(procedure.steps.every((s) => s.fileWithin.dayType === 'school' && s.fileWithin.summerDayType === 'working')).toBe(true);
    expect(stepAfter(procedure, 'step-1')).toEqual({ _tag: 'Right', right: { kind: 'step', step: procedure.steps[1] } });
    expect(stepAfter(procedure, 'step-2')).toEqual({ _tag: 'Right', right: { kind: 'arbitration', arbitration: procedure.arbitration } });
    expect(isLastStep(procedure, 'step-2')).toBe(true);
    expect(entryStepOf(procedure, 'class')?.id).toBe('step-2');
    expect(procedure.arbitration).toMatchObject({ binding: true, noticeWithin: { n: 20 }, awardWithin: { n: 30, dayType: 'calendar' }, selection: { listSize: 7 } });
    expect(procedure.onGrievantLapse).toBe('settledOnLastAnswer');
  });

  it('ECSSU Art. 6: working days year-round, binding arbitration incl. discharge, grievant lapse waives', () => {
    const procedure = procedureOf(registered(ecssuAgreement.state));
    expect(procedure).toEqual(ecssuGrievanceProcedure);
    const limits = procedure.steps.flatMap((s) => [s.fileWithin, s.answerWithin, ...(s.appealWithin ? [s.appealWithin] : [])]);
    expect(limits.every((l) => l.dayType === 'working' && l.summerDayType === undefined)).toBe(true);
    expect(procedure.steps.map((s) => [s.fileWithin.n, s.answerWithin.n, s.appealWithin?.n])).toEqual([
      [15, 10, 10],
      [15, 15, undefined],
    ]);
    expect(procedure.arbitration).toMatchObject({ binding: true, includesDischarge: true });
    expect(procedure.onGrievantLapse).toBe('waived');
    expect(articleAsOf(ecssuAgreement.state, 'overtime', '2025-11-20')?.number).toBe('8');
  });

  it('ECAP Art. 7: Steps I–III, Step III the Superintendent, file within 15 school days, no arbitration', () => {
    const procedure = procedureOf(registered(ecapAgreement.state));
    expect(procedure).toEqual(ecapGrievanceProcedure);
    expect(procedure.steps.map((s) => s.name)).toEqual(['Step I', 'Step II', 'Step III']);
    expect(procedure.steps[2]?.hearer).toBe('Superintendent');
    expect(procedure.steps[0]?.fileWithin).toEqual({ n: 15, dayType: 'school', summerDayType: 'working' });
    expect(procedure.arbitration).toBeUndefined();
    expect(stepAfter(procedure, 'step-iii')).toEqual({ _tag: 'Right', right: { kind: 'end' } });
    expect(articleAsOf(ecapAgreement.state, 'grievance-procedure', '2026-01-05')?.number).toBe('7');
  });

  it('all three procedures pass validation', () => {
    for (const procedure of [eceaGrievanceProcedure, ecssuGrievanceProcedure, ecapGrievanceProcedure]) {
      expect(validateGrievanceProcedure(procedure)).toEqual({ _tag: 'Right', right: procedure });
    }
  });
});
