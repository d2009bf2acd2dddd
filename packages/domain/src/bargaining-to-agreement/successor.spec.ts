import { describe, expect, it } from '@jest/globals';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { articleAsOf, editionInForceOn, initialAgreementState, isRegistered, procedureOf, type AgreementState } from '../agreement/index.js';
import { CycleConcluded } from '../bargaining/index.js';
import { eceaAgreement, eceaGrievanceProcedure } from '../fixtures/ecps/agreements.js';
import { agreementCommandsForConcludedCycle } from './processManager.js';
import { applied, expectRight } from './specFixtures.js';
import type { ConcludedCycle, CycleToAgreementContext } from './types.js';

/** A successor to ECEA 2024-2027 (fictional, beyond §7): salaries re-agreed, Planning Time to Art. 14, a new Class Size article. */
const successor: ConcludedCycle = {
  cycleId: 'fy28-successor',
  unitId: 'ecea',
  kind: 'successor',
  editionAction: 'create',
  baseEdition: 'ecea-2024-2027',
  resultingEdition: 'ecea-2027-2030',
  effectiveOn: '2027-07-01',
  articleChanges: [
    { articleKey: 'salaries', text: 'Art. 20: 3% COLA plus step', tentativelyAgreedOn: '2027-01-21' },
    { articleKey: 'planning-time', text: 'Planning Time: 250 minutes per week', tentativelyAgreedOn: '2026-12-10', articleNumber: '14' },
    { articleKey: 'class-size', text: 'Class Size: caps by grade band', tentativelyAgreedOn: '2027-02-04', articleNumber: '30', articleTitle: 'Class Size' },
  ],
  unchangedArticleKeys: ['leaves'],
  ratification: { yes: 5_004, no: 212, on: '2027-03-04' },
  boardApprovedOn: '2027-03-23',
  funding: { status: 'funded', fundingAuthority: 'Example County Council', fundedCents: 2_200_000_000, requiredCents: 2_200_000_000 },
  occurredOn: '2027-05-27',
  actor: 'ecps.labor-relations',
};

const context: CycleToAgreementContext = {
  baseEdition: eceaAgreement.state,
  fiscalYear: 'FY28',
  successor: { expiresOn: '2030-06-30', reopeners: [{ fiscalYear: 'FY29', articleKeys: ['salaries'] }] },
};
const newStream = 'agreement-ecea-2027-2030';
const id = (purpose: string) => `bargaining-ecea-fy28-successor:${purpose}`;

const codeOf = (event: ConcludedCycle, ctx: CycleToAgreementContext = context) => {
  const result = agreementCommandsForConcludedCycle(event, ctx);
  return isLeft(result) ? { code: result.left.code, field: result.left.field } : 'mapped';
};

describe('CycleConcluded (successor) → a new edition', () => {
  it('is a valid event', () => {
    expect(CycleConcluded.codec.is(successor)).toBe(true);
  });

  it('registers, ratifies, approves, funds and puts into effect the resulting edition, on its own stream', () => {
    const commands = expectRight(agreementCommandsForConcludedCycle(successor, context));
    expect(commands.map((c) => [c.commandId, c.streamId, c.command.type])).toEqual([
      [id('register-edition:2027-2030'), newStream, 'RegisterAgreementEdition'],
      [id('record-member-ratification:2027-2030'), newStream, 'RecordMemberRatification'],
      [id('record-board-approval:2027-2030'), newStream, 'RecordBoardApproval'],
      [id('confirm-funding:FY28'), newStream, 'ConfirmFunding'],
      [id('put-into-effect:2027-2030'), newStream, 'PutAgreementIntoEffect'],
    ]);
    expect(commands[0]!.command).toMatchObject({
      unitId: 'ecea',
      editionId: '2027-2030',
      term: { effectiveFrom: '2027-07-01', expiresOn: '2030-06-30' },
      tentativelyAgreedOn: '2027-02-04',
      fundingContingent: true,
      grievanceProcedure: eceaGrievanceProcedure,
      reopeners: [{ fiscalYear: 'FY29', articleKeys: ['salaries'] }],
    });
    expect(commands[1]!.command).toEqual({ type: 'RecordMemberRatification', ratifiedOn: '2027-03-04', votesFor: 5_004, votesAgainst: 212 });
  });

  it('carries the base articles forward as they stand at its end, changed by the TAs; the decider accepts the lot', () => {
    const edition = applied(initialAgreementState, expectRight(agreementCommandsForConcludedCycle(successor, context)));
    expect(edition.status).toBe('inEffect');
    expect(articleAsOf(edition, 'planning-time', '2027-07-01')?.number).toBe('14');
    expect(articleAsOf(edition, 'class-size', '2027-07-01')).toMatchObject({ number: '30', title: 'Class Size' });
    expect(articleAsOf(edition, 'leaves', '2027-07-01')?.number).toBe('28');
    expect(articleAsOf(edition, 'salaries', '2027-07-01')?.number).toBe('20');
    expect(isRegistered(edition) && edition.articles).toHaveLength(16);
    expect(isRegistered(edition) && procedureOf(edition)).toEqual(eceaGrievanceProcedure);
    const editions: AgreementState[] = [eceaAgreement.state, edition];
    const governing = (date: string) => {
      const found = editionInForceOn(editions, 'ecea', date);
      return isRight(found) ? found.right.agreementId : found.left.code;
    };
    expect(governing('2027-06-30')).toBe('agreement-ecea-2024-2027');
    expect(governing('2027-07-01')).toBe('agreement-ecea-2027-2030');
  });

  it('a successor taking over mid-term also supersedes the base edition', () => {
    const early: ConcludedCycle = { ...successor, effectiveOn: '2027-05-01', occurredOn: '2027-04-15' };
    const commands = expectRight(agreementCommandsForConcludedCycle(early, context));
    expect(commands.at(-1)).toEqual({
      commandId: id('supersede-edition:2024-2027'),
      streamId: 'agreement-ecea-2024-2027',
      effectiveOn: '2027-05-01',
      command: { type: 'SupersedeAgreement', supersededOn: '2027-05-01', successorEditionId: '2027-2030' },
    });
    const base = applied(eceaAgreement.state, commands.filter((c) => c.streamId === 'agreement-ecea-2024-2027'));
    expect(base.status).toBe('superseded');
    expect(applied(initialAgreementState, commands.filter((c) => c.streamId === newStream)).status).toBe('inEffect');
  });

  it('a renegotiated TA after ratification does not move the edition TA date; no TA at all falls back to ratification day', () => {
    const late: ConcludedCycle = { ...successor, articleChanges: [...successor.articleChanges, { articleKey: 'insurance', text: 'renegotiated', tentativelyAgreedOn: '2027-05-20' }] };
    expect(expectRight(agreementCommandsForConcludedCycle(late, context))[0]!.command).toMatchObject({ tentativelyAgreedOn: '2027-02-04' });
    const rollover: ConcludedCycle = { ...successor, articleChanges: [], funding: { status: 'notContingent' } };
    const commands = expectRight(agreementCommandsForConcludedCycle(rollover, context));
    expect(commands[0]!.command).toMatchObject({ tentativelyAgreedOn: '2027-03-04', fundingContingent: false });
    expect(commands.map((c) => c.command.type)).not.toContain('ConfirmFunding');
  });

  it('is deterministic', () => {
    expect(agreementCommandsForConcludedCycle(successor, context)).toEqual(agreementCommandsForConcludedCycle(successor, context));
  });

  it('cannot be mapped without the terms the event lacks, or with an edition reference of another unit or the base itself', () => {
    expect(codeOf(successor, { ...context, successor: undefined })).toEqual({ code: 'SuccessorTermsMissing', field: 'successor' });
    expect(codeOf({ ...successor, resultingEdition: 'ecssu-2027-2030' })).toEqual({ code: 'UnrecognisedEditionReference', field: 'resultingEdition' });
    expect(codeOf({ ...successor, resultingEdition: 'ecea-2024-2027' })).toEqual({ code: 'UnrecognisedEditionReference', field: 'resultingEdition' });
  });

  it('a new article needs a number and title; numbers stay unique', () => {
    const untitled: ConcludedCycle = { ...successor, articleChanges: [{ articleKey: 'class-size', text: 'caps', tentativelyAgreedOn: '2027-02-04', articleNumber: '30' }] };
    expect(codeOf(untitled)).toEqual({ code: 'NewArticleNeedsNumberAndTitle', field: 'articleChanges.0' });
    const clash: ConcludedCycle = { ...successor, articleChanges: [{ articleKey: 'class-size', text: 'caps', tentativelyAgreedOn: '2027-02-04', articleNumber: '13', articleTitle: 'Class Size' }] };
    expect(codeOf(clash)).toEqual({ code: 'SuccessorArticleNumberClash', field: 'articleChanges' });
    expect(codeOf({ ...successor, articleChanges: [...successor.articleChanges, successor.articleChanges[0]!] })).toEqual({ code: 'DuplicateArticleChange', field: 'articleChanges' });
  });
});
