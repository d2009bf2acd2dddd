import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@laborcase/core/testkit';
import type { AgreementCommand } from './commands.js';
import { agreementDecider } from './decide/index.js';
import type { AgreementEvent } from './events.js';
import type { RegisteredAgreement } from './state.js';
import { approved, inEffect, procedure, ratified, register, registered, tookEffect } from './testData.js';

const spec = deciderSpec(agreementDecider);
const fy27 = { kind: 'reopener', fiscalYear: 'FY27' } as const;

const expired: AgreementEvent = { type: 'AgreementExpired', data: { expiredOn: '2027-07-01' } };
const superseded: AgreementEvent = { type: 'AgreementSuperseded', data: { supersededOn: '2026-07-01', successorEditionId: '2026-2029' } };
const removedSalaries: AgreementEvent = { type: 'ArticleRemoved', data: { articleKey: 'salaries', effectiveOn: '2025-07-01' } };
const mou: AgreementEvent = {
  type: 'MouAttached',
  data: { mouId: 'mou-virtual-academy', title: 'Virtual Academy', effectiveFrom: '2024-09-01', articleKeys: ['schedules-workload'] },
};

const expectedRegistered: RegisteredAgreement = {
  status: 'tentativelyAgreed',
  agreementId: 'agreement-ecea-2024-2027',
  unitId: 'ecea',
  editionId: '2024-2027',
  title: 'ECEA Agreement',
  term: { effectiveFrom: '2024-07-01', expiresOn: '2027-06-30' },
  milestones: { tentativelyAgreedOn: '2024-03-14' },
  fundingStatus: 'contingent',
  fundingHistory: [],
  articles: register.articles.map((a) => ({
    key: a.key,
    revisions: [{ effectiveFrom: '2024-07-01', number: a.number, title: a.title, change: 'registered' }],
  })),
  procedures: [{ effectiveFrom: '2024-07-01', procedure }],
  mous: [],
  reopeners: [{ fiscalYear: 'FY27', articleKeys: ['salaries', 'planning-time'] }],
};

describe('Agreement: RegisterAgreementEdition', () => {
  it('registers a tentatively agreed edition', () => {
    spec.given([]).when(register).then([registered]);
    spec.given([]).when(register).thenState(expectedRegistered);
  });
  it('starts funded when no fiscal item is contingent', () => {
    spec.given([]).when({ ...register, fundingContingent: false }).thenState({ ...expectedRegistered, fundingStatus: 'funded' });
  });
  it('registers an edition once', () => {
    spec.given([registered]).when(register).thenFails('AgreementAlreadyRegistered');
  });
  it('rejects malformed data, naming the field', () => {
    const error = spec.given([]).when({ ...register, term: { effectiveFrom: '2024-02-30', expiresOn: '2027-06-30' } }).thenFails('InvalidAgreementData');
    expect(error.field).toBe('term.effectiveFrom');
    expect(spec.given([]).when({ ...register, unitId: 'ECEA Teachers' }).thenFails('InvalidAgreementData').field).toBe('unitId');
  });
  it('rejects a term that does not end after it starts', () => {
    const error = spec.given([]).when({ ...register, term: { effectiveFrom: '2024-07-01', expiresOn: '2024-07-01' } }).thenFails('InvalidTerm');
    expect(error).toMatchObject({ rule: 'expiresOn > effectiveFrom', field: 'term.expiresOn' });
  });
  it('rejects an edition without articles', () => {
    spec.given([]).when({ ...register, articles: [], reopeners: [] }).thenFails('NoArticles');
  });
  it('rejects duplicate article keys and numbers', () => {
    const articles = register.articles;
    spec.given([]).when({ ...register, articles: [...articles, { key: 'salaries', number: '21', title: 'Pay' }] }).thenFails('DuplicateArticleKey');
    spec.given([]).when({ ...register, articles: [...articles, { key: 'pay', number: '20', title: 'Pay' }] }).thenFails('DuplicateArticleNumber');
  });
  it('rejects two reopeners for one fiscal year and reopeners naming unknown articles', () => {
    spec.given([]).when({ ...register, reopeners: [...register.reopeners, { fiscalYear: 'FY27', articleKeys: [] }] }).thenFails('DuplicateReopener');
    const error = spec.given([]).when({ ...register, reopeners: [{ fiscalYear: 'FY26', articleKeys: ['leaves'] }] }).thenFails('UnknownArticleKey');
    expect(error.field).toBe('reopeners.0.articleKeys');
  });
  it('rejects an invalid grievance procedure', () => {
    const error = spec.given([]).when({ ...register, grievanceProcedure: { ...procedure, steps: [] } }).thenFails('InvalidGrievanceProcedure');
    expect(error.field).toBe('grievanceProcedure.steps');
  });
});

describe('Agreement: commands before registration and after closing', () => {
  const commands: readonly AgreementCommand[] = [
    { type: 'RecordMemberRatification', ratifiedOn: '2024-04-11' },
    { type: 'AmendArticle', articleKey: 'salaries', effectiveOn: '2025-07-01', summary: 'COLA' },
    { type: 'AttachMou', mouId: 'mou-1', title: 'MOU', effectiveFrom: '2025-01-01', articleKeys: [] },
  ];
  it('rejects every other command on an unregistered edition', () => {
    for (const command of commands) spec.given([]).when(command).thenFails('AgreementNotRegistered');
  });
  it('rejects every change to an expired or superseded edition', () => {
    for (const command of commands) {
      expect(spec.given([...inEffect, expired]).when(command).thenFails('AgreementClosed').details).toEqual({ status: 'expired' });
      spec.given([...inEffect, superseded]).when(command).thenFails('AgreementClosed');
    }
  });
});

describe('Agreement: lifecycle (tentatively agreed → ratified → approved → in effect → expired | superseded)', () => {
  it('records member ratification with the vote', () => {
    spec
      .given([registered])
      .when({ type: 'RecordMemberRatification', ratifiedOn: '2024-04-11', votesFor: 4812, votesAgainst: 301 })
      .then([{ type: 'AgreementRatifiedByMembers', data: { ratifiedOn: '2024-04-11', votesFor: 4812, votesAgainst: 301 } }]);
    spec.given([registered]).when({ type: 'RecordMemberRatification', ratifiedOn: '2024-04-11' }).then([ratified]);
  });
  it('ratifies once', () => {
    spec.given([registered, ratified]).when({ type: 'RecordMemberRatification', ratifiedOn: '2024-04-12' }).thenFails('AlreadyRatified');
  });
  it('does not ratify before the tentative agreement', () => {
    spec.given([registered]).when({ type: 'RecordMemberRatification', ratifiedOn: '2024-03-13' }).thenFails('MilestoneOutOfOrder');
  });
  it('records board approval after ratification', () => {
    spec.given([registered, ratified]).when({ type: 'RecordBoardApproval', approvedOn: '2024-04-23' }).then([approved]);
  });
  it('needs ratification before board approval', () => {
    spec.given([registered]).when({ type: 'RecordBoardApproval', approvedOn: '2024-04-23' }).thenFails('RatificationRequired');
  });
  it('approves once, and not before the ratification date', () => {
    spec.given([registered, ratified, approved]).when({ type: 'RecordBoardApproval', approvedOn: '2024-04-24' }).thenFails('AlreadyApprovedByBoard');
    spec.given([registered, ratified]).when({ type: 'RecordBoardApproval', approvedOn: '2024-04-10' }).thenFails('MilestoneOutOfOrder');
  });
  it('puts an approved edition into effect', () => {
    spec.given([registered, ratified, approved]).when({ type: 'PutAgreementIntoEffect', effectiveOn: '2024-07-01' }).then([tookEffect]);
  });
  it('needs both ratification and board approval to take effect', () => {
    spec.given([registered]).when({ type: 'PutAgreementIntoEffect', effectiveOn: '2024-07-01' }).thenFails('RatificationRequired');
    spec.given([registered, ratified]).when({ type: 'PutAgreementIntoEffect', effectiveOn: '2024-07-01' }).thenFails('BoardApprovalRequired');
  });
  it('takes effect once, after approval and within the term', () => {
    spec.given(inEffect).when({ type: 'PutAgreementIntoEffect', effectiveOn: '2024-07-02' }).thenFails('AlreadyInEffect');
    spec.given([registered, ratified, approved]).when({ type: 'PutAgreementIntoEffect', effectiveOn: '2024-04-22' }).thenFails('MilestoneOutOfOrder');
    spec.given([registered, ratified, approved]).when({ type: 'PutAgreementIntoEffect', effectiveOn: '2027-07-01' }).thenFails('EffectAfterTermEnd');
  });
  it('expires after the end of its term', () => {
    spec.given(inEffect).when({ type: 'ExpireAgreement', expiredOn: '2027-07-01' }).then([expired]);
    spec.given(inEffect).when({ type: 'ExpireAgreement', expiredOn: '2027-06-30' }).thenFails('ExpiryBeforeTermEnd');
  });
  it('only an edition in effect expires or is superseded', () => {
    spec.given([registered, ratified, approved]).when({ type: 'ExpireAgreement', expiredOn: '2027-07-01' }).thenFails('NotInEffect');
    spec.given([registered]).when({ type: 'SupersedeAgreement', supersededOn: '2026-07-01', successorEditionId: '2026-2029' }).thenFails('NotInEffect');
  });
  it('is superseded by another edition within its term', () => {
    spec.given(inEffect).when({ type: 'SupersedeAgreement', supersededOn: '2026-07-01', successorEditionId: '2026-2029' }).then([superseded]);
    spec.given(inEffect).when({ type: 'SupersedeAgreement', supersededOn: '2027-07-01', successorEditionId: '2027-2030' }).then([
      { type: 'AgreementSuperseded', data: { supersededOn: '2027-07-01', successorEditionId: '2027-2030' } },
    ]);
    spec.given(inEffect).when({ type: 'SupersedeAgreement', supersededOn: '2027-07-02', successorEditionId: '2027-2030' }).thenFails('SupersessionOutsideTerm');
    spec.given(inEffect).when({ type: 'SupersedeAgreement', supersededOn: '2024-07-01', successorEditionId: '2027-2030' }).thenFails('SupersessionOutsideTerm');
    spec.given(inEffect).when({ type: 'SupersedeAgreement', supersededOn: '2026-07-01', successorEditionId: '2024-2027' }).thenFails('InvalidSuccessor');
  });
});

describe('Agreement: funding', () => {
  const shortfall: AgreementEvent = { type: 'FundingShortfallRecorded', data: { recordedOn: '2026-05-21', fiscalYear: 'FY27', detail: 'funded 2.5% of 3.25%' } };
  const funded: AgreementEvent = { type: 'FundingConfirmed', data: { confirmedOn: '2024-05-30', fiscalYear: 'FY25' } };
  it('a funding shortfall moves the edition to renegotiating', () => {
    spec.given(inEffect).when({ type: 'RecordFundingShortfall', recordedOn: '2026-05-21', fiscalYear: 'FY27', detail: 'funded 2.5% of 3.25%' }).then([shortfall]);
    const state = agreementDecider.evolve(
      [...inEffect].reduce(agreementDecider.evolve, agreementDecider.initialState),
      shortfall,
    ) as RegisteredAgreement;
    expect(state.fundingStatus).toBe('renegotiating');
  });
  it('records one shortfall at a time', () => {
    spec.given([...inEffect, shortfall]).when({ type: 'RecordFundingShortfall', recordedOn: '2026-05-22', fiscalYear: 'FY27', detail: 'again' }).thenFails('AlreadyRenegotiating');
  });
  it('funding is decided only once the Board approved, and not before that date', () => {
    spec.given([registered, ratified]).when({ type: 'RecordFundingShortfall', recordedOn: '2024-05-21', fiscalYear: 'FY25', detail: 'cut' }).thenFails('BoardApprovalRequired');
    spec.given([registered, ratified]).when({ type: 'ConfirmFunding', confirmedOn: '2024-05-30', fiscalYear: 'FY25' }).thenFails('BoardApprovalRequired');
    spec.given(inEffect).when({ type: 'RecordFundingShortfall', recordedOn: '2024-04-01', fiscalYear: 'FY25', detail: 'cut' }).thenFails('MilestoneOutOfOrder');
    spec.given(inEffect).when({ type: 'ConfirmFunding', confirmedOn: '2024-04-01', fiscalYear: 'FY25' }).thenFails('MilestoneOutOfOrder');
  });
  it('confirms funding of contingent and renegotiated fiscal terms', () => {
    spec.given(inEffect).when({ type: 'ConfirmFunding', confirmedOn: '2024-05-30', fiscalYear: 'FY25' }).then([funded]);
    spec.given([...inEffect, funded, shortfall]).when({ type: 'ConfirmFunding', confirmedOn: '2026-06-05', fiscalYear: 'FY27' }).then([
      { type: 'FundingConfirmed', data: { confirmedOn: '2026-06-05', fiscalYear: 'FY27' } },
    ]);
  });
  it('confirms a fiscal year once', () => {
    spec.given([...inEffect, funded]).when({ type: 'ConfirmFunding', confirmedOn: '2024-06-01', fiscalYear: 'FY25' }).thenFails('AlreadyFunded');
    const fy26: AgreementEvent = { type: 'FundingConfirmed', data: { confirmedOn: '2025-05-22', fiscalYear: 'FY26' } };
    spec.given([...inEffect, funded, fy26]).when({ type: 'ConfirmFunding', confirmedOn: '2025-06-01', fiscalYear: 'FY25' }).thenFails('AlreadyFunded');
    spec.given([...inEffect, funded]).when({ type: 'ConfirmFunding', confirmedOn: '2025-05-22', fiscalYear: 'FY26' }).then([fy26]);
  });
  it('does not confirm funding of an edition whose fiscal terms are not contingent', () => {
    const notContingent = { ...registered, data: { ...(registered.data as object), fundingContingent: false } } as AgreementEvent;
    spec.given([notContingent, ratified, approved]).when({ type: 'ConfirmFunding', confirmedOn: '2024-05-30', fiscalYear: 'FY25' }).thenFails('AlreadyFunded');
  });
  it('settles the shortfall year before confirming another', () => {
    const error = spec.given([...inEffect, funded, shortfall]).when({ type: 'ConfirmFunding', confirmedOn: '2026-06-05', fiscalYear: 'FY28' }).thenFails('FundingShortfallPending');
    expect(error.details).toEqual({ pending: 'FY27' });
  });
  it('needs a fiscal year label like FY26', () => {
    spec.given([...inEffect]).when({ type: 'ConfirmFunding', confirmedOn: '2024-06-01', fiscalYear: 'FY2025' }).thenFails('InvalidAgreementData');
  });
});

describe('Agreement: article amendments', () => {
  const amendTitle: AgreementCommand = { type: 'AmendArticle', articleKey: 'planning-time', effectiveOn: '2025-07-01', summary: 'title fixed', title: 'Planning Time' };
  it('amends an article from an effective date, keeping its number', () => {
    spec.given(inEffect).when(amendTitle).then([
      { type: 'ArticleAmended', data: { articleKey: 'planning-time', effectiveOn: '2025-07-01', summary: 'title fixed', title: 'Planning Time' } },
    ]);
  });
  it('amends under the reopener for an article in its scope', () => {
    spec.given(inEffect).when({ type: 'AmendArticle', articleKey: 'salaries', effectiveOn: '2026-07-01', summary: 'COLA 2.5%', basis: fy27 }).then([
      { type: 'ArticleAmended', data: { articleKey: 'salaries', effectiveOn: '2026-07-01', summary: 'COLA 2.5%', basis: fy27 } },
    ]);
  });
  it('rejects an unknown article key', () => {
    spec.given(inEffect).when({ ...amendTitle, articleKey: 'leaves' }).thenFails('UnknownArticleKey');
  });
  it('rejects amendments outside the term', () => {
    expect(spec.given(inEffect).when({ ...amendTitle, effectiveOn: '2027-07-01' }).thenFails('AmendmentOutsideTerm').field).toBe('effectiveOn');
    spec.given(inEffect).when({ ...amendTitle, effectiveOn: '2024-06-30' }).thenFails('AmendmentOutsideTerm');
  });
  it('records an article history in effective-date order', () => {
    const later: AgreementEvent = { type: 'ArticleAmended', data: { articleKey: 'planning-time', effectiveOn: '2026-07-01', summary: 'x' } };
    spec.given([...inEffect, later]).when(amendTitle).thenFails('AmendmentOutOfOrder');
  });
  it('does not amend a removed article', () => {
    spec.given([...inEffect, removedSalaries]).when({ type: 'AmendArticle', articleKey: 'salaries', effectiveOn: '2025-08-01', summary: 'x' }).thenFails('ArticleNotInForce');
  });
  it('checks the reopener or MOU an amendment is made under', () => {
    spec.given(inEffect).when({ ...amendTitle, basis: { kind: 'reopener', fiscalYear: 'FY26' } }).thenFails('UnknownReopener');
    spec.given(inEffect).when({ ...amendTitle, articleKey: 'schedules-workload', basis: fy27 }).thenFails('ArticleOutsideReopenerScope');
    spec.given(inEffect).when({ ...amendTitle, basis: { kind: 'mou', mouId: 'mou-virtual-academy' } }).thenFails('UnknownMou');
    spec.given([...inEffect, mou]).when({ ...amendTitle, basis: { kind: 'mou', mouId: 'mou-virtual-academy' } }).thenFails('ArticleOutsideMouScope');
    spec.given([...inEffect, mou]).when({ ...amendTitle, articleKey: 'schedules-workload', basis: { kind: 'mou', mouId: 'mou-virtual-academy' } }).then([
      { type: 'ArticleAmended', data: { articleKey: 'schedules-workload', effectiveOn: '2025-07-01', summary: 'title fixed', title: 'Planning Time', basis: { kind: 'mou', mouId: 'mou-virtual-academy' } } },
    ]);
  });
  it('needs a summary of the change', () => {
    expect(spec.given(inEffect).when({ ...amendTitle, summary: ' ' }).thenFails('InvalidAgreementData').field).toBe('summary');
  });
});

describe('Agreement: renumbering, adding and removing articles', () => {
  const renumber: AgreementCommand = { type: 'RenumberArticle', articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '13', basis: fy27 };
  const renumbered: AgreementEvent = { type: 'ArticleRenumbered', data: { articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '13', basis: fy27 } };
  it('renumbers an article from an effective date (same key, new number)', () => {
    spec.given(inEffect).when(renumber).then([renumbered]);
  });
  it('rejects a renumbering to the same number', () => {
    spec.given(inEffect).when({ ...renumber, number: '12' }).thenFails('ArticleNumberUnchanged');
  });
  it('keeps numbers unique among the articles in force on every date', () => {
    const error = spec.given(inEffect).when({ ...renumber, number: '17' }).thenFails('DuplicateArticleNumber');
    expect(error.details).toEqual({ date: '2026-07-01', number: '17', articleKeys: ['planning-time', 'schedules-workload'] });
    // salaries (Art. 20) is removed from 2025-07-01, so Art. 20 is free from then on ...
    spec.given([...inEffect, removedSalaries]).when({ ...renumber, number: '20', basis: undefined }).then([
      { type: 'ArticleRenumbered', data: { articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '20' } },
    ]);
    // ... but a number taken later in the term clashes from that later date.
    const takenLater: AgreementEvent = { type: 'ArticleRenumbered', data: { articleKey: 'schedules-workload', effectiveOn: '2026-07-01', number: '13' } };
    const later = spec.given([...inEffect, takenLater]).when({ ...renumber, effectiveOn: '2025-07-01' }).thenFails('DuplicateArticleNumber');
    expect(later.details).toMatchObject({ date: '2026-07-01', number: '13' });
  });
  it('renumbers only known articles in force, within the term, in date order', () => {
    spec.given(inEffect).when({ ...renumber, articleKey: 'leaves' }).thenFails('UnknownArticleKey');
    spec.given(inEffect).when({ ...renumber, effectiveOn: '2027-07-01' }).thenFails('AmendmentOutsideTerm');
    spec.given([...inEffect, renumbered]).when({ ...renumber, number: '14', effectiveOn: '2025-07-01' }).thenFails('AmendmentOutOfOrder');
    spec.given([...inEffect, removedSalaries]).when({ ...renumber, articleKey: 'salaries', number: '21' }).thenFails('ArticleNotInForce');
    spec.given(inEffect).when({ ...renumber, basis: { kind: 'reopener', fiscalYear: 'FY26' } }).thenFails('UnknownReopener');
  });
  it('adds an article from a date', () => {
    spec.given(inEffect).when({ type: 'AddArticle', articleKey: 'equity-access', number: '8', title: 'Equity & Access', effectiveOn: '2025-07-01' }).then([
      { type: 'ArticleAdded', data: { articleKey: 'equity-access', number: '8', title: 'Equity & Access', effectiveOn: '2025-07-01' } },
    ]);
  });
  it('never reuses an article key and keeps numbers unique', () => {
    spec.given(inEffect).when({ type: 'AddArticle', articleKey: 'salaries', number: '8', title: 'Pay', effectiveOn: '2025-07-01' }).thenFails('DuplicateArticleKey');
    spec.given([...inEffect, removedSalaries]).when({ type: 'AddArticle', articleKey: 'salaries', number: '8', title: 'Pay', effectiveOn: '2025-07-01' }).thenFails('DuplicateArticleKey');
    spec.given(inEffect).when({ type: 'AddArticle', articleKey: 'equity-access', number: '12', title: 'Equity', effectiveOn: '2025-07-01' }).thenFails('DuplicateArticleNumber');
    spec.given(inEffect).when({ type: 'AddArticle', articleKey: 'equity-access', number: '8', title: 'Equity', effectiveOn: '2027-07-01' }).thenFails('AmendmentOutsideTerm');
  });
  it('removes an article from a date', () => {
    spec.given(inEffect).when({ type: 'RemoveArticle', articleKey: 'salaries', effectiveOn: '2025-07-01' }).then([removedSalaries]);
  });
  it('removes only known articles still in force, after their latest revision', () => {
    spec.given(inEffect).when({ type: 'RemoveArticle', articleKey: 'leaves', effectiveOn: '2025-07-01' }).thenFails('UnknownArticleKey');
    spec.given([...inEffect, removedSalaries]).when({ type: 'RemoveArticle', articleKey: 'salaries', effectiveOn: '2025-08-01' }).thenFails('ArticleNotInForce');
    spec.given([...inEffect, renumbered]).when({ type: 'RemoveArticle', articleKey: 'planning-time', effectiveOn: '2026-07-01' }).thenFails('AmendmentOutOfOrder');
    spec.given(inEffect).when({ type: 'RemoveArticle', articleKey: 'salaries', effectiveOn: '2027-07-01' }).thenFails('AmendmentOutsideTerm');
  });
});

describe('Agreement: MOUs, reopeners, procedure amendments', () => {
  it('attaches an MOU touching articles of the edition', () => {
    spec
      .given(inEffect)
      .when({ type: 'AttachMou', mouId: 'mou-virtual-academy', title: 'Virtual Academy', effectiveFrom: '2024-09-01', articleKeys: ['schedules-workload'] })
      .then([mou]);
    spec
      .given(inEffect)
      .when({ type: 'AttachMou', mouId: 'mou-testing', title: 'Testing', effectiveFrom: '2024-09-01', effectiveUntil: '2025-06-30', articleKeys: [] })
      .then([{ type: 'MouAttached', data: { mouId: 'mou-testing', title: 'Testing', effectiveFrom: '2024-09-01', effectiveUntil: '2025-06-30', articleKeys: [] } }]);
  });
  it('rejects a duplicate MOU id, inverted dates, dates outside the term and unknown or repeated articles', () => {
    const attach: AgreementCommand = { type: 'AttachMou', mouId: 'mou-virtual-academy', title: 'Virtual Academy', effectiveFrom: '2024-09-01', articleKeys: ['schedules-workload'] };
    spec.given([...inEffect, mou]).when(attach).thenFails('DuplicateMouId');
    spec.given(inEffect).when({ ...attach, effectiveUntil: '2024-08-31' }).thenFails('InvalidMouDates');
    spec.given(inEffect).when({ ...attach, effectiveFrom: '2024-06-01' }).thenFails('AmendmentOutsideTerm');
    expect(spec.given(inEffect).when({ ...attach, articleKeys: ['salaries', 'leaves'] }).thenFails('UnknownArticleKey').field).toBe('articleKeys.1');
    spec.given(inEffect).when({ ...attach, articleKeys: ['salaries', 'salaries'] }).thenFails('DuplicateArticleKey');
  });
  it('sets the scope of a reopener', () => {
    spec.given(inEffect).when({ type: 'SetReopenerScope', fiscalYear: 'FY27', articleKeys: ['salaries', 'planning-time', 'schedules-workload'] }).then([
      { type: 'ReopenerScopeSet', data: { fiscalYear: 'FY27', articleKeys: ['salaries', 'planning-time', 'schedules-workload'] } },
    ]);
  });
  it('rejects scope for a reopener the edition does not have, or unknown articles', () => {
    expect(spec.given(inEffect).when({ type: 'SetReopenerScope', fiscalYear: 'FY26', articleKeys: ['salaries'] }).thenFails('UnknownReopener').field).toBe('fiscalYear');
    spec.given(inEffect).when({ type: 'SetReopenerScope', fiscalYear: 'FY27', articleKeys: ['leaves'] }).thenFails('UnknownArticleKey');
  });
  const amended = { ...procedure, onGrievantLapse: 'waived' as const };
  it('amends the grievance procedure from a date', () => {
    spec.given(inEffect).when({ type: 'AmendGrievanceProcedure', effectiveOn: '2026-07-01', procedure: amended, basis: fy27 }).then([
      { type: 'GrievanceProcedureAmended', data: { effectiveOn: '2026-07-01', procedure: amended, basis: fy27 } },
    ]);
  });
  it('rejects an invalid procedure, dates outside the term or before the current version', () => {
    const error = spec
      .given(inEffect)
      .when({ type: 'AmendGrievanceProcedure', effectiveOn: '2026-07-01', procedure: { ...procedure, classGrievance: { minMembers: 3, entryStep: 'step-9' } } })
      .thenFails('InvalidGrievanceProcedure');
    expect(error.field).toBe('procedure.classGrievance.entryStep');
    spec.given(inEffect).when({ type: 'AmendGrievanceProcedure', effectiveOn: '2027-07-01', procedure: amended }).thenFails('AmendmentOutsideTerm');
    const first: AgreementEvent = { type: 'GrievanceProcedureAmended', data: { effectiveOn: '2026-07-01', procedure: amended } };
    spec.given([...inEffect, first]).when({ type: 'AmendGrievanceProcedure', effectiveOn: '2025-07-01', procedure }).thenFails('AmendmentOutOfOrder');
    spec.given(inEffect).when({ type: 'AmendGrievanceProcedure', effectiveOn: '2026-07-01', procedure, basis: { kind: 'mou', mouId: 'nope' } }).thenFails('UnknownMou');
  });
});
