import { describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/lib/Either.js';
import { articleAsOf, isRegistered, type RegisteredAgreement } from '../agreement/index.js';
import { CycleConcluded } from '../bargaining/index.js';
import { agreementCommandsForConcludedCycle } from './processManager.js';
import { CycleToAgreementErrors } from './errors.js';
import { applied, eceaBeforeConclusion, eceaBeforeReopener, expectRight, fy27Concluded } from './specFixtures.js';
import type { ConcludedCycle, CycleToAgreementContext } from './types.js';

const context: CycleToAgreementContext = { baseEdition: eceaBeforeConclusion, fiscalYear: 'FY27' };
const stream = 'agreement-ecea-2024-2027';
const fy27 = { kind: 'reopener', fiscalYear: 'FY27' } as const;

const registered = (state: unknown): RegisteredAgreement => {
  if (!isRegistered(state as RegisteredAgreement)) throw new Error('not registered');
  return state as RegisteredAgreement;
};

const errorCode = (event: ConcludedCycle, ctx: CycleToAgreementContext = context) => {
  const result = agreementCommandsForConcludedCycle(event, ctx);
  return isLeft(result) ? { code: result.left.code, field: result.left.field, rule: result.left.rule } : 'mapped';
};

describe('CycleConcluded (ECEA FY27 reopener) → agreement commands', () => {
  it('confirms FY27 funding, amends Arts. 20 and 12 under the FY27 reopener, and renumbers Planning Time to 13', () => {
    expect(expectRight(agreementCommandsForConcludedCycle(fy27Concluded, context))).toEqual([
      {
        commandId: 'bargaining-ecea-fy27-reopener:confirm-funding:FY27',
        streamId: stream,
        effectiveOn: '2026-06-05',
        command: { type: 'ConfirmFunding', confirmedOn: '2026-06-05', fiscalYear: 'FY27' },
      },
      {
        commandId: 'bargaining-ecea-fy27-reopener:amend-article:salaries',
        streamId: stream,
        effectiveOn: '2026-07-01',
        command: { type: 'AmendArticle', articleKey: 'salaries', effectiveOn: '2026-07-01', summary: 'FY27 salaries language (TA 2026-06-05)', basis: fy27 },
      },
      {
        commandId: 'bargaining-ecea-fy27-reopener:amend-article:planning-time',
        streamId: stream,
        effectiveOn: '2026-07-01',
        command: { type: 'AmendArticle', articleKey: 'planning-time', effectiveOn: '2026-07-01', summary: 'FY27 planning-time language (TA 2025-11-13)', basis: fy27 },
      },
      {
        commandId: 'bargaining-ecea-fy27-reopener:renumber-article:planning-time',
        streamId: stream,
        effectiveOn: '2026-07-01',
        command: { type: 'RenumberArticle', articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '13', basis: fy27 },
      },
    ]);
  });

  it('the agreement decider accepts them: Planning Time is Art. 12 through 2026-06-30 and Art. 13 from 2026-07-01', () => {
    const after = applied(eceaBeforeConclusion, expectRight(agreementCommandsForConcludedCycle(fy27Concluded, context)));
    expect(articleAsOf(after, 'planning-time', '2026-06-30')?.number).toBe('12');
    expect(articleAsOf(after, 'planning-time', '2026-07-01')).toEqual({ key: 'planning-time', number: '13', title: 'Planning Time', since: '2026-07-01' });
    expect(articleAsOf(after, 'salaries', '2026-07-01')).toMatchObject({ number: '20', since: '2026-07-01' });
    // Art. 17's proposal was withdrawn: its history is untouched.
    expect(registered(after).articles.find((a) => a.key === 'schedules-workload')?.revisions).toHaveLength(1);
    expect(registered(after).fundingStatus).toBe('funded');
  });

  it('is deterministic, also when re-delivered after its commands were applied (same commands, same ids)', () => {
    const first = agreementCommandsForConcludedCycle(fy27Concluded, context);
    expect(agreementCommandsForConcludedCycle(fy27Concluded, context)).toEqual(first);
    const after = applied(eceaBeforeConclusion, expectRight(first));
    expect(agreementCommandsForConcludedCycle(fy27Concluded, { ...context, baseEdition: after })).toEqual(first);
  });

  it('gives a changed title to AmendArticle, and no RenumberArticle when the number is unchanged', () => {
    const event: ConcludedCycle = {
      ...fy27Concluded,
      articleChanges: [{ articleKey: 'schedules-workload', text: 'meetings capped', tentativelyAgreedOn: '2025-12-01', articleNumber: '17', articleTitle: 'Schedules, Workload & Meetings' }],
      unchangedArticleKeys: [],
    };
    const commands = expectRight(agreementCommandsForConcludedCycle(event, context)).map((c) => c.command);
    expect(commands.map((c) => c.type)).toEqual(['ConfirmFunding', 'AmendArticle']);
    expect(commands[1]).toMatchObject({ title: 'Schedules, Workload & Meetings' });
    expect(articleAsOf(applied(eceaBeforeConclusion, expectRight(agreementCommandsForConcludedCycle(event, context))), 'schedules-workload', '2026-07-01')?.title).toBe(
      'Schedules, Workload & Meetings',
    );
  });

  it('a settlement not contingent on funding confirms nothing', () => {
    const event: ConcludedCycle = { ...fy27Concluded, funding: { status: 'notContingent' } };
    expect(expectRight(agreementCommandsForConcludedCycle(event, context)).map((c) => c.command.type)).toEqual(['AmendArticle', 'AmendArticle', 'RenumberArticle']);
  });

  it('the fixture event is a valid CycleConcluded (the specs below alter it, never the fixture)', () => {
    expect(CycleConcluded.codec.is(fy27Concluded)).toBe(true);
  });
});

describe('CycleConcluded that cannot be mapped → typed error', () => {
  it('an article key the base edition does not know', () => {
    const event: ConcludedCycle = { ...fy27Concluded, articleChanges: [...fy27Concluded.articleChanges, { articleKey: 'class-size', text: 'caps', tentativelyAgreedOn: '2025-11-20' }] };
    expect(errorCode(event)).toEqual({ code: CycleToAgreementErrors.articleKeyNotInBaseEdition, field: 'articleChanges.2.articleKey', rule: 'changed articles are articles of the base edition' });
  });

  it('a withdrawn article the base edition does not know', () => {
    expect(errorCode({ ...fy27Concluded, unchangedArticleKeys: ['class-size'] })).toMatchObject({ code: 'ArticleKeyNotInBaseEdition', field: 'unchangedArticleKeys.0' });
  });

  it('an article outside the reopener scope', () => {
    const event: ConcludedCycle = { ...fy27Concluded, articleChanges: [{ articleKey: 'leaves', text: 'more leave', tentativelyAgreedOn: '2025-11-20' }] };
    expect(errorCode(event)).toMatchObject({ code: 'ChangedArticleOutsideReopenerScope', field: 'articleChanges.0.articleKey' });
  });

  it('an article changed twice', () => {
    const twice = fy27Concluded.articleChanges[1]!;
    expect(errorCode({ ...fy27Concluded, articleChanges: [...fy27Concluded.articleChanges, twice] })).toMatchObject({ code: 'DuplicateArticleChange', field: 'articleChanges' });
  });

  it('an effective date outside the base term', () => {
    expect(errorCode({ ...fy27Concluded, effectiveOn: '2027-07-01' })).toMatchObject({ code: 'EffectiveDateOutsideBaseTerm', field: 'effectiveOn' });
  });

  it('a context holding another edition, or none', () => {
    expect(errorCode({ ...fy27Concluded, baseEdition: 'ecea-2021-2024' })).toMatchObject({ code: 'BaseEditionMismatch', field: 'baseEdition' });
    expect(errorCode(fy27Concluded, { ...context, baseEdition: { status: 'unregistered' } })).toMatchObject({ code: 'BaseEditionNotRegistered' });
  });

  it('a fiscal year that is not a label, or has no reopener in the edition', () => {
    expect(errorCode(fy27Concluded, { ...context, fiscalYear: '2027' })).toMatchObject({ code: 'InvalidFiscalYear', field: 'fiscalYear' });
    expect(errorCode(fy27Concluded, { ...context, fiscalYear: 'FY28' })).toMatchObject({ code: 'NoReopenerForFiscalYear', field: 'fiscalYear' });
  });

  it('an FY27 change before the cycle opened: the scope is still empty', () => {
    expect(errorCode(fy27Concluded, { ...context, baseEdition: eceaBeforeReopener })).toMatchObject({ code: 'ChangedArticleOutsideReopenerScope' });
  });
});
