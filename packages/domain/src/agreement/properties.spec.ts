import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { eachDate, fold } from '@laborcase/core';
import { decideIsDeterministic, decidedHistory, foldIsIncremental, replayIsDeterministic } from '@laborcase/core/testkit';
import type { AgreementCommand } from './commands.js';
import { agreementDecider } from './decide/index.js';
import { articlesInForceOn } from './queries.js';
import { isRegistered, type AgreementState } from './state.js';
import { procedure, register } from './testData.js';

const dates = ['2024-06-30', '2024-07-01', '2025-01-15', '2025-07-01', '2026-06-30', '2026-07-01', '2027-06-30', '2027-07-01'];
const keys = ['grievance-procedure', 'planning-time', 'schedules-workload', 'salaries', 'equity-access', 'leaves'];
const numbers = ['5', '8', '12', '13', '17', '20'];

const date = fc.constantFrom(...dates);
const key = fc.constantFrom(...keys);
const number = fc.constantFrom(...numbers);

const command: fc.Arbitrary<AgreementCommand> = fc.oneof(
  fc.constant<AgreementCommand>(register),
  date.map((d): AgreementCommand => ({ type: 'RecordMemberRatification', ratifiedOn: d })),
  date.map((d): AgreementCommand => ({ type: 'RecordBoardApproval', approvedOn: d })),
  date.map((d): AgreementCommand => ({ type: 'PutAgreementIntoEffect', effectiveOn: d })),
  date.map((d): AgreementCommand => ({ type: 'ExpireAgreement', expiredOn: d })),
  date.map((d): AgreementCommand => ({ type: 'SupersedeAgreement', supersededOn: d, successorEditionId: '2026-2029' })),
  date.map((d): AgreementCommand => ({ type: 'RecordFundingShortfall', recordedOn: d, fiscalYear: 'FY27', detail: 'cut' })),
  fc.tuple(date, fc.constantFrom('FY25', 'FY26', 'FY27')).map(([d, fy]): AgreementCommand => ({ type: 'ConfirmFunding', confirmedOn: d, fiscalYear: fy })),
  fc.tuple(key, date, fc.option(fc.constantFrom('Renamed', 'Other'), { nil: undefined })).map(
    ([k, d, title]): AgreementCommand => ({ type: 'AmendArticle', articleKey: k, effectiveOn: d, summary: 'change', ...(title !== undefined ? { title } : {}) }),
  ),
  fc.tuple(key, date, number).map(([k, d, n]): AgreementCommand => ({ type: 'RenumberArticle', articleKey: k, effectiveOn: d, number: n })),
  fc.tuple(key, date, number).map(([k, d, n]): AgreementCommand => ({ type: 'AddArticle', articleKey: k, effectiveOn: d, number: n, title: 'Added' })),
  fc.tuple(key, date).map(([k, d]): AgreementCommand => ({ type: 'RemoveArticle', articleKey: k, effectiveOn: d })),
  fc.tuple(date, fc.subarray(keys)).map(([d, ks]): AgreementCommand => ({ type: 'AttachMou', mouId: 'mou-a', title: 'MOU', effectiveFrom: d, articleKeys: ks })),
  fc.subarray(keys).map((ks): AgreementCommand => ({ type: 'SetReopenerScope', fiscalYear: 'FY27', articleKeys: ks })),
  date.map((d): AgreementCommand => ({ type: 'AmendGrievanceProcedure', effectiveOn: d, procedure: { ...procedure, onGrievantLapse: 'waived' } })),
);

const intoEffect: readonly AgreementCommand[] = [
  register,
  { type: 'RecordMemberRatification', ratifiedOn: '2024-04-11' },
  { type: 'RecordBoardApproval', approvedOn: '2024-04-23' },
  { type: 'PutAgreementIntoEffect', effectiveOn: '2024-07-01' },
];

/** Most histories start registered or in effect, so the commands that need that get exercised. */
const commands = fc
  .tuple(fc.constantFrom(0, 1, 4), fc.array(command, { maxLength: 30 }))
  .map(([prefix, rest]) => [...intoEffect.slice(0, prefix), ...rest]);
const history = decidedHistory(agreementDecider, commands);

const statesAlong = (events: ReturnType<typeof history.generate>['value']): AgreementState[] => {
  const states: AgreementState[] = [];
  let state = agreementDecider.initialState;
  for (const event of events) {
    state = agreementDecider.evolve(state, event);
    states.push(state);
  }
  return states;
};

const STATUS_ORDER = ['tentativelyAgreed', 'ratifiedByMembers', 'approvedByBoard', 'inEffect'];

describe('Agreement properties', () => {
  it('folding any prefix and then the rest equals folding the whole history', () => {
    fc.assert(foldIsIncremental(agreementDecider, history));
  });
  it('replay is deterministic', () => {
    fc.assert(replayIsDeterministic(agreementDecider, history));
  });
  it('decide is deterministic', () => {
    fc.assert(decideIsDeterministic(agreementDecider, history, command));
  });

  it('any accepted sequence keeps article numbers unique among the articles in force on every date of the term', () => {
    fc.assert(
      fc.property(history, (events) => {
        const state = fold(agreementDecider.evolve, agreementDecider.initialState, events);
        if (!isRegistered(state)) return;
        for (const day of eachDate(state.term.effectiveFrom, state.term.expiresOn)) {
          const inForce = articlesInForceOn(state, day).map((a) => a.number);
          expect(new Set(inForce).size).toBe(inForce.length);
        }
        const allKeys = state.articles.map((a) => a.key);
        expect(new Set(allKeys).size).toBe(allKeys.length);
      }),
      { numRuns: 60 },
    );
  });

  it('the lifecycle only moves forward, and in effect implies ratification and board approval', () => {
    fc.assert(
      fc.property(history, (events) => {
        let previous = -1;
        for (const state of statesAlong(events)) {
          if (!isRegistered(state)) continue;
          if (state.status === 'inEffect' || state.status === 'expired' || state.status === 'superseded') {
            expect(state.milestones.ratifiedOn).toBeDefined();
            expect(state.milestones.approvedOn).toBeDefined();
            expect(state.milestones.tookEffectOn).toBeDefined();
          }
          const rank = STATUS_ORDER.includes(state.status) ? STATUS_ORDER.indexOf(state.status) : STATUS_ORDER.length;
          expect(rank).toBeGreaterThanOrEqual(previous);
          previous = rank;
        }
      }),
    );
  });

  it('a generated history exercises renumbering (the generator is not vacuous)', () => {
    const sample = fc.sample(history, { numRuns: 200, seed: 42 }).flat();
    expect(sample.some((e) => e.type === 'ArticleRenumbered')).toBe(true);
    expect(sample.some((e) => e.type === 'ArticleRemoved')).toBe(true);
    expect(sample.some((e) => e.type === 'AgreementTookEffect')).toBe(true);
    expect(sample.some((e) => e.type === 'FundingShortfallRecorded')).toBe(true);
    expect(sample.some((e) => e.type === 'AgreementSuperseded' || e.type === 'AgreementExpired')).toBe(true);
  });
});
