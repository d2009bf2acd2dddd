import { describe, expect, it } from '@jest/globals';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { fold } from '@laborcase/core';
import { agreementDecider } from './decide/index.js';
import type { AgreementEvent } from './events.js';
import { articleAsOf, articleInForce, citedArticles, articlesInForceOn, editionInForceOn, lastDayGoverned, procedureAsOf, procedureOf } from './queries.js';
import type { AgreementState, RegisteredAgreement } from './state.js';
import { inEffect, procedure, registered } from './testData.js';

const stateOf = (events: readonly AgreementEvent[]): AgreementState => fold(agreementDecider.evolve, agreementDecider.initialState, events);
const asRegistered = (state: AgreementState): RegisteredAgreement => {
  if (state.status === 'unregistered') throw new Error('unregistered');
  return state;
};

const history: readonly AgreementEvent[] = [
  ...inEffect,
  { type: 'ArticleAmended', data: { articleKey: 'planning-time', effectiveOn: '2025-01-15', summary: 'typo', title: 'Planning Time' } },
  { type: 'ArticleRenumbered', data: { articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '13' } },
  { type: 'ArticleAdded', data: { articleKey: 'equity-access', number: '8', title: 'Equity & Access', effectiveOn: '2025-07-01' } },
  { type: 'ArticleRemoved', data: { articleKey: 'salaries', effectiveOn: '2026-07-01' } },
];
const state = stateOf(history);

describe('articleAsOf', () => {
  it('answers the number and title in force on each date', () => {
    expect(articleAsOf(state, 'planning-time', '2024-07-01')).toEqual({ key: 'planning-time', number: '12', title: 'Plannig Time', since: '2024-07-01' });
    expect(articleAsOf(state, 'planning-time', '2025-01-14')?.title).toBe('Plannig Time');
    expect(articleAsOf(state, 'planning-time', '2025-01-15')).toEqual({ key: 'planning-time', number: '12', title: 'Planning Time', since: '2025-01-15' });
    expect(articleAsOf(state, 'planning-time', '2026-06-30')?.number).toBe('12');
    expect(articleAsOf(state, 'planning-time', '2026-07-01')).toEqual({ key: 'planning-time', number: '13', title: 'Planning Time', since: '2026-07-01' });
  });
  it('is undefined before an article is added, from its removal, outside the term and for unknown keys', () => {
    expect(articleAsOf(state, 'equity-access', '2025-06-30')).toBeUndefined();
    expect(articleAsOf(state, 'equity-access', '2025-07-01')?.number).toBe('8');
    expect(articleAsOf(state, 'salaries', '2026-06-30')?.number).toBe('20');
    expect(articleAsOf(state, 'salaries', '2026-07-01')).toBeUndefined();
    expect(articleAsOf(state, 'planning-time', '2024-06-30')).toBeUndefined();
    expect(articleAsOf(state, 'leaves', '2025-01-01')).toBeUndefined();
    expect(articleAsOf(agreementDecider.initialState, 'planning-time', '2025-01-01')).toBeUndefined();
  });
  it('lists the articles in force on a date', () => {
    expect(articlesInForceOn(asRegistered(state), '2026-07-01').map((a) => `${a.number} ${a.key}`)).toEqual([
      '5 grievance-procedure',
      '13 planning-time',
      '17 schedules-workload',
      '8 equity-access',
    ]);
    expect(articlesInForceOn(asRegistered(state), '2027-07-01')).toEqual([]);
  });
});

describe('articleInForce', () => {
  const codeOf = (result: ReturnType<typeof articleInForce>) => (isLeft(result) ? result.left.code : result.right.number);
  it('gives the cited article with its edition', () => {
    expect(articleInForce(state, 'planning-time', '2026-07-01')).toEqual({
      _tag: 'Right',
      right: { key: 'planning-time', number: '13', title: 'Planning Time', since: '2026-07-01', agreementId: 'agreement-ecea-2024-2027', editionId: '2024-2027' },
    });
  });
  it('tells apart an unknown key, a date outside the term and an article not in force', () => {
    expect(codeOf(articleInForce(agreementDecider.initialState, 'planning-time', '2025-01-01'))).toBe('AgreementNotRegistered');
    expect(codeOf(articleInForce(state, 'leaves', '2025-01-01'))).toBe('UnknownArticleKey');
    expect(codeOf(articleInForce(state, 'planning-time', '2027-07-01'))).toBe('DateOutsideTerm');
    expect(codeOf(articleInForce(state, 'equity-access', '2025-01-01'))).toBe('ArticleNotInForce');
    expect(codeOf(articleInForce(state, 'salaries', '2026-07-01'))).toBe('ArticleNotInForce');
  });
});

describe('citedArticles', () => {
  it('resolves every cited key, or names the first that fails', () => {
    const ok = citedArticles(state, ['planning-time', 'equity-access'], '2026-07-01');
    expect(isRight(ok) && ok.right.map((a) => a.number)).toEqual(['13', '8']);
    const bad = citedArticles(state, ['planning-time', 'salaries'], '2026-07-01');
    expect(isLeft(bad) && bad.left).toMatchObject({ code: 'ArticleNotInForce', field: 'articleKeys.1' });
  });
});

describe('procedureOf / procedureAsOf', () => {
  const waived = { ...procedure, onGrievantLapse: 'waived' as const };
  const amended = asRegistered(stateOf([...inEffect, { type: 'GrievanceProcedureAmended', data: { effectiveOn: '2026-07-01', procedure: waived } }]));
  it('gives the current procedure and the one in force on a date', () => {
    expect(procedureOf(amended)).toEqual(waived);
    expect(procedureAsOf(amended, '2026-06-30')).toEqual(procedure);
    expect(procedureAsOf(amended, '2026-07-01')).toEqual(waived);
    expect(procedureOf(asRegistered(state))).toEqual(procedure);
  });
});

describe('editionInForceOn', () => {
  const successorRegistered: AgreementEvent = {
    type: 'AgreementEditionRegistered',
    data: { ...(registered.data as Extract<AgreementEvent, { type: 'AgreementEditionRegistered' }>['data']), editionId: '2026-2029', term: { effectiveFrom: '2026-07-01', expiresOn: '2029-06-30' } },
  };
  const superseded = stateOf([...inEffect, { type: 'AgreementSuperseded', data: { supersededOn: '2026-07-01', successorEditionId: '2026-2029' } }]);
  const successor = stateOf([successorRegistered, ...inEffect.slice(1)]);
  const pendingSuccessor = stateOf([successorRegistered]);
  const pick = (editions: readonly AgreementState[], unit: string, date: string) => {
    const result = editionInForceOn(editions, unit, date);
    return isRight(result) ? result.right.editionId : result.left.code;
  };
  it('picks the edition whose term covers the date and that has taken effect', () => {
    expect(pick([superseded, successor], 'ecea', '2026-06-30')).toBe('2024-2027');
    expect(pick([superseded, successor], 'ecea', '2026-07-01')).toBe('2026-2029');
    expect(pick([successor, superseded], 'ecea', '2026-07-01')).toBe('2026-2029');
  });
  it('ignores editions not yet in effect, other units and dates outside every term', () => {
    expect(pick([stateOf(inEffect), pendingSuccessor], 'ecea', '2027-07-01')).toBe('NoEditionInForce');
    expect(pick([stateOf(inEffect), pendingSuccessor], 'ecea', '2026-07-01')).toBe('2024-2027');
    expect(pick([stateOf([registered])], 'ecea', '2025-01-01')).toBe('NoEditionInForce');
    expect(pick([stateOf(inEffect)], 'ecssu', '2025-01-01')).toBe('NoEditionInForce');
    expect(pick([agreementDecider.initialState], 'ecea', '2025-01-01')).toBe('NoEditionInForce');
  });
  it('an expired edition still governs dates within its term', () => {
    const expired = stateOf([...inEffect, { type: 'AgreementExpired', data: { expiredOn: '2027-07-01' } }]);
    expect(pick([expired], 'ecea', '2027-06-30')).toBe('2024-2027');
    expect(lastDayGoverned(asRegistered(expired))).toBe('2027-06-30');
    expect(lastDayGoverned(asRegistered(superseded))).toBe('2026-06-30');
  });
});
