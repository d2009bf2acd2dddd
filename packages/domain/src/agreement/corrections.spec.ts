import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { asPositionalDecider, effectiveEvents, type CorrectionCommand, type CorrectionEvent, type StreamRecord } from '@laborcase/core';
import { deciderSpec, decidedHistory, foldIsIncremental } from '@laborcase/core/testkit';
import type { AgreementCommand } from './commands.js';
import { correctableAgreement, verifyAgreementHistory } from './corrections.js';
import type { AgreementEvent } from './events.js';
import { articleAsOf } from './queries.js';
import { inEffect, register, registered } from './testData.js';

const spec = deciderSpec(asPositionalDecider(correctableAgreement));
const registrationData = (registered as Extract<AgreementEvent, { type: 'AgreementEditionRegistered' }>).data;
const withArticles = (articles: typeof registrationData.articles) => ({ ...registrationData, articles });
const fixedArticles = registrationData.articles.map((a) => (a.key === 'planning-time' ? { ...a, title: 'Planning Time' } : a));

const fixTitle: CorrectionCommand = {
  type: 'CorrectEvent',
  eventId: '1',
  reason: 'Art. 12 title mistyped at registration',
  replacement: { type: 'AgreementEditionRegistered', data: withArticles(fixedArticles) },
};
const titleFixed: CorrectionEvent = {
  type: 'EventCorrected',
  data: { correctedEventId: '1', reason: 'Art. 12 title mistyped at registration', replacement: { type: 'AgreementEditionRegistered', data: withArticles(fixedArticles), schemaVersion: 1 } },
};
const amended: AgreementEvent = { type: 'ArticleAmended', data: { articleKey: 'salaries', effectiveOn: '2025-07-01', summary: 'COLA 3%' } };
const retractAmendment: CorrectionCommand = { type: 'RetractEvent', eventId: '5', reason: 'entered on the wrong edition' };
const amendmentRetracted: CorrectionEvent = { type: 'EventRetracted', data: { eventId: '5', reason: 'entered on the wrong edition' } };

const records = (events: readonly (AgreementEvent | CorrectionEvent)[]): StreamRecord[] =>
  events.map((e, i) => ({ eventId: String(i + 1), type: e.type, data: e.data }));

describe('Agreement corrections', () => {
  it('corrects a mistyped article title; both events stay in the stream and the fold uses the correction', () => {
    spec.given(inEffect).when(fixTitle).then([titleFixed]);
    const { state, problems } = correctableAgreement.load(records([...inEffect, titleFixed]));
    expect(problems).toEqual([]);
    expect(articleAsOf(state, 'planning-time', '2025-01-01')?.title).toBe('Planning Time');
    expect(state.status).toBe('inEffect');
    expect(articleAsOf(correctableAgreement.load(records(inEffect)).state, 'planning-time', '2025-01-01')?.title).toBe('Plannig Time');
  });
  it('decides ordinary commands on the corrected history', () => {
    spec
      .given([...inEffect, titleFixed])
      .when({ type: 'AmendArticle', articleKey: 'planning-time', effectiveOn: '2025-07-01', summary: 'retitled', title: 'Planning Time' })
      .then([{ type: 'ArticleAmended', data: { articleKey: 'planning-time', effectiveOn: '2025-07-01', summary: 'retitled', title: 'Planning Time' } }]);
    spec.given([registered, { type: 'EventRetracted', data: { eventId: '1', reason: 'wrong unit' } }]).when(register).then([registered]);
  });
  it('retracts an event recorded in error', () => {
    spec.given([...inEffect, amended]).when(retractAmendment).then([amendmentRetracted]);
    const { state } = correctableAgreement.load(records([...inEffect, amended, amendmentRetracted]));
    expect(state.status !== 'unregistered' && state.articles.find((a) => a.key === 'salaries')?.revisions).toHaveLength(1);
  });
  it('corrects a correction, and retracts a retraction', () => {
    const data = withArticles(fixedArticles.map((a) => (a.key === 'salaries' ? { ...a, title: 'Salaries and Wages' } : a)));
    spec
      .given([...inEffect, titleFixed])
      .when({ ...fixTitle, eventId: '5', replacement: { type: 'AgreementEditionRegistered', data } })
      .then([{ type: 'EventCorrected', data: { correctedEventId: '5', reason: fixTitle.reason, replacement: { type: 'AgreementEditionRegistered', data, schemaVersion: 1 } } }]);
    const { state } = correctableAgreement.load(records([...inEffect, titleFixed, { type: 'EventCorrected', data: { correctedEventId: '5', reason: 'x', replacement: { type: 'AgreementEditionRegistered', data } } }]));
    expect([articleAsOf(state, 'salaries', '2025-01-01')?.title, articleAsOf(state, 'planning-time', '2025-01-01')?.title]).toEqual(['Salaries and Wages', 'Planning Time']);
    spec.given([...inEffect, amended, amendmentRetracted]).when({ type: 'RetractEvent', eventId: '6', reason: 'the amendment was right after all' }).then([
      { type: 'EventRetracted', data: { eventId: '6', reason: 'the amendment was right after all' } },
    ]);
  });
  it('needs a reason', () => {
    expect(spec.given(inEffect).when({ ...fixTitle, reason: '  ' }).thenFails('MissingCorrectionReason').field).toBe('reason');
    spec.given([...inEffect, amended]).when({ ...retractAmendment, reason: '' }).thenFails('MissingCorrectionReason');
  });
  it('rejects an unknown event id', () => {
    spec.given(inEffect).when({ ...fixTitle, eventId: '99' }).thenFails('UnknownEventId');
    spec.given(inEffect).when({ ...retractAmendment, eventId: '' }).thenFails('UnknownEventId');
    spec.given(inEffect).when({ ...retractAmendment, eventId: '99' }).thenFails('UnknownEventId');
  });
  it('rejects retracting or correcting what is already retracted', () => {
    spec.given([...inEffect, amended, amendmentRetracted]).when(retractAmendment).thenFails('EventAlreadyRetracted');
    spec
      .given([...inEffect, amended, amendmentRetracted])
      .when({ type: 'CorrectEvent', eventId: '5', reason: 'x', replacement: { type: 'ArticleAmended', data: { ...amended.data, summary: 'COLA 2%' } } })
      .thenFails('EventAlreadyRetracted');
  });
  it('rejects correcting a retraction (retract it instead)', () => {
    spec
      .given([...inEffect, amended, amendmentRetracted])
      .when({ type: 'CorrectEvent', eventId: '6', reason: 'x', replacement: { type: 'ArticleAmended', data: amended.data } })
      .thenFails('CannotCorrectRetraction');
  });
  it('rejects a replacement of another aggregate, of another type, malformed or unchanged', () => {
    spec.given(inEffect).when({ ...fixTitle, replacement: { type: 'GrievanceFiled', data: {} } }).thenFails('InvalidReplacement');
    spec.given(inEffect).when({ ...fixTitle, replacement: { type: 'EventRetracted', data: { eventId: '2', reason: 'x' } } }).thenFails('InvalidReplacement');
    const malformed = spec.given(inEffect).when({ ...fixTitle, replacement: { type: 'AgreementEditionRegistered', data: { ...registrationData, term: { effectiveFrom: '2024-07-01', expiresOn: 'soon' } } } }).thenFails('InvalidReplacement');
    expect(malformed.field).toBe('replacement.data.term.expiresOn');
    spec.given(inEffect).when({ ...fixTitle, replacement: { type: 'AgreementRatifiedByMembers', data: { ratifiedOn: '2024-04-11' } } }).thenFails('ReplacementChangesEventType');
    spec.given(inEffect).when({ ...fixTitle, replacement: { type: 'AgreementEditionRegistered', data: registrationData } }).thenFails('ReplacementUnchanged');
    // compared with what is in force: after a correction, restoring the original is a change, repeating the correction is not
    spec.given([...inEffect, titleFixed]).when({ ...fixTitle, replacement: { type: 'AgreementEditionRegistered', data: registrationData } }).then([
      { type: 'EventCorrected', data: { correctedEventId: '1', reason: fixTitle.reason, replacement: { type: 'AgreementEditionRegistered', data: registrationData, schemaVersion: 1 } } },
    ]);
    spec.given([...inEffect, titleFixed]).when(fixTitle).thenFails('ReplacementUnchanged');
  });
  it('rejects amending a correction that is no longer in force', () => {
    const second: CorrectionEvent = { ...titleFixed, data: { ...titleFixed.data, reason: 'second try' } };
    spec.given([...inEffect, titleFixed, { ...second, data: { ...second.data, replacement: { ...second.data.replacement, data: withArticles(fixedArticles.slice(1)) } } }])
      .when({ ...fixTitle, eventId: '5', replacement: { type: 'AgreementEditionRegistered', data: withArticles(fixedArticles.slice(2)) } })
      .thenFails('CorrectionHasNoEffect');
  });
  it('rejects a correction that would break the agreement invariants', () => {
    const clash = fixedArticles.map((a) => (a.key === 'planning-time' ? { ...a, number: '17' } : a));
    const error = spec.given(inEffect).when({ ...fixTitle, replacement: { type: 'AgreementEditionRegistered', data: withArticles(clash) } }).thenFails('CorrectionBreaksInvariant');
    expect(error.rule).toBe('article numbers unique among articles in force');
    spec.given(inEffect).when({ type: 'RetractEvent', eventId: '1', reason: 'x' }).thenFails('CorrectionBreaksInvariant');
    spec.given([...inEffect, amended]).when({ ...fixTitle, replacement: { type: 'AgreementEditionRegistered', data: withArticles(fixedArticles.filter((a) => a.key !== 'salaries')) } }).thenFails('CorrectionBreaksInvariant');
  });
  it('load reports stream problems instead of throwing', () => {
    const { problems } = correctableAgreement.load([...records(inEffect), { eventId: '5', type: 'EventRetracted', data: { eventId: '42', reason: 'x' } }]);
    expect(problems.map((p) => [p.eventId, p.kind])).toEqual([['5', 'unknownTarget']]);
  });
  it('verifyAgreementHistory accepts an empty and a valid history and rejects a second registration', () => {
    expect(verifyAgreementHistory([])._tag).toBe('Right');
    expect(verifyAgreementHistory(inEffect)._tag).toBe('Right');
    expect(verifyAgreementHistory([registered, registered])).toMatchObject({ left: { code: 'CorrectionBreaksInvariant', rule: 'one registration per edition' } });
    expect(verifyAgreementHistory([amended])).toMatchObject({ left: { rule: 'the registration comes first' } });
  });

  const decider = asPositionalDecider(correctableAgreement);
  const target = fc.integer({ min: 1, max: 8 }).map(String);
  const command: fc.Arbitrary<AgreementCommand | CorrectionCommand> = fc.oneof(
    fc.constantFrom<AgreementCommand>(
      register,
      { type: 'RecordMemberRatification', ratifiedOn: '2024-04-11' },
      { type: 'AmendArticle', articleKey: 'salaries', effectiveOn: '2025-07-01', summary: 'COLA' },
      { type: 'RenumberArticle', articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '13' },
    ),
    target.map((eventId): CorrectionCommand => ({ type: 'RetractEvent', eventId, reason: 'error' })),
    fc.tuple(
      target,
      fc.constantFrom<{ readonly type: string; readonly data: unknown }>(
        { type: 'ArticleRenumbered', data: { articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '17' } },
        { type: 'ArticleRenumbered', data: { articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '14' } },
        { type: 'ArticleAmended', data: { articleKey: 'salaries', effectiveOn: '2025-07-01', summary: 'COLA 2.5%' } },
        { type: 'ArticleAmended', data: { articleKey: 'salaries', effectiveOn: '2025-07-01', summary: 'COLA 3%' } },
        { type: 'AgreementRatifiedByMembers', data: { ratifiedOn: '2024-04-12' } },
      ),
    ).map(([eventId, replacement]): CorrectionCommand => ({ type: 'CorrectEvent', eventId, reason: 'typo', replacement })),
  );
  const history = decidedHistory(
    decider,
    fc.array(command, { maxLength: 15 }).map((rest) => [register, ...rest]),
  );
  it('folding any prefix then the rest of a history with corrections equals folding it whole', () => {
    fc.assert(foldIsIncremental(decider, history));
  });
  it('the generated histories contain accepted corrections and retractions (the generator is not vacuous)', () => {
    const sample = fc.sample(history, { numRuns: 200, seed: 7 }).flat();
    expect(sample.some((e) => e.type === 'EventCorrected')).toBe(true);
    expect(sample.some((e) => e.type === 'EventRetracted')).toBe(true);
  });
  it('accepted corrections never leave a stream with problems or broken invariants', () => {
    fc.assert(
      fc.property(history, (events) => {
        const recs = records(events as readonly (AgreementEvent | CorrectionEvent)[]);
        const { problems } = correctableAgreement.load(recs);
        expect(problems).toEqual([]);
        const effective = effectiveEvents(recs).events.map((e) => ({ type: e.type, data: e.data }) as AgreementEvent);
        expect(verifyAgreementHistory(effective)._tag).toBe('Right');
      }),
    );
  });
});
