import { describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decodeCommand, type DomainError } from '@laborcase/core';
import { ecapCommands, eceaCommands, ecssuCommands } from '../fixtures/ecps/agreements.js';
import { closed } from './closedShape.js';
import { AgreementCommandCodec, SetReopenerScopeInput, agreementCommandCodecs, type AgreementCommand } from './commands.js';
import { procedure, register } from './testData.js';

const rejection = (input: unknown): DomainError => {
  const decoded = decodeCommand(AgreementCommandCodec, input);
  if (!isLeft(decoded)) throw new Error(`expected a rejection of ${JSON.stringify(input)}`);
  return decoded.left;
};
const fieldOf = (input: unknown): string | undefined => rejection(input).field;

describe('agreement command codecs', () => {
  it('accept every command the ECPS fixtures and the process manager issue, unchanged', () => {
    const commands: readonly AgreementCommand[] = [...eceaCommands, ...ecssuCommands, ...ecapCommands, register];
    for (const command of commands) expect(decodeCommand(AgreementCommandCodec, command)).toEqual({ _tag: 'Right', right: command });
  });

  it('has one codec per command type', () => {
    expect(Object.keys(agreementCommandCodecs).sort()).toEqual(
      [
        'RegisterAgreementEdition', 'RecordMemberRatification', 'RecordBoardApproval', 'PutAgreementIntoEffect', 'ExpireAgreement', 'SupersedeAgreement',
        'RecordFundingShortfall', 'ConfirmFunding', 'AmendArticle', 'RenumberArticle', 'AddArticle', 'RemoveArticle', 'AttachMou', 'SetReopenerScope',
        'AmendGrievanceProcedure',
      ].sort(),
    );
  });

  it('reject a non-object or an unknown command type at `type`', () => {
    expect(rejection(null)).toMatchObject({ code: 'InvalidCommand', field: '(root)' });
    expect(rejection([register])).toMatchObject({ code: 'InvalidCommand' });
    expect(fieldOf({ type: 'RatifyAgreement', ratifiedOn: '2024-04-11' })).toBe('type');
    expect(fieldOf({ ratifiedOn: '2024-04-11' })).toBe('type');
    expect(fieldOf({ type: 'toString' })).toBe('type');
  });

  it('name the offending field of the chosen command, and list every issue', () => {
    expect(fieldOf({ type: 'RecordBoardApproval', approvedOn: '2024-02-30' })).toBe('approvedOn');
    expect(fieldOf({ ...register, term: { effectiveFrom: '2024-07-01', expiresOn: 'soon' } })).toBe('term.expiresOn');
    expect(fieldOf({ ...register, unitId: 'ECEA Teachers' })).toBe('unitId');
    expect(fieldOf({ type: 'ConfirmFunding', confirmedOn: '2024-05-30', fiscalYear: 'FY2025' })).toBe('fiscalYear');
    const both = rejection({ type: 'SupersedeAgreement', supersededOn: 'x', successorEditionId: 'Next Edition' });
    expect((both.details as { issues: readonly { path: string }[] }).issues.map((i) => i.path)).toEqual(['supersededOn', 'successorEditionId']);
  });

  it('reject unknown fields at the top and at any depth of the contract data', () => {
    expect(fieldOf({ type: 'RecordBoardApproval', approvedOn: '2024-04-23', approvedBy: 'Board' })).toBe('approvedBy');
    expect(fieldOf({ ...register, articles: [...register.articles, { key: 'leaves', number: '28', titel: 'Leaves', title: 'Leaves' }] })).toBe('articles.4.titel');
    expect(fieldOf({ ...register, term: { ...register.term, signedOn: '2024-03-01' } })).toBe('term.signedOn');
    const misspelt = { ...procedure, steps: [{ ...procedure.steps[0], meetWithn: procedure.steps[0]?.meetWithin }, procedure.steps[1]] };
    expect(fieldOf({ ...register, grievanceProcedure: misspelt })).toBe('grievanceProcedure.steps.0.meetWithn');
    const limit = { ...procedure, arbitration: { ...procedure.arbitration, noticeWithin: { n: 20, dayType: 'school', summer: 'working' } } };
    expect(fieldOf({ ...register, grievanceProcedure: limit })).toBe('grievanceProcedure.arbitration.noticeWithin.summer');
    expect(fieldOf({ type: 'AmendArticle', articleKey: 'salaries', effectiveOn: '2025-07-01', summary: 'x', basis: { kind: 'mou', mouId: 'mou-a', fiscalYear: 'FY27' } })).toBe(
      'basis.fiscalYear',
    );
  });

  it('the service input of SetReopenerScope carries its business date; the command does not', () => {
    expect(decodeCommand(SetReopenerScopeInput, { fiscalYear: 'FY27', articleKeys: [] })).toMatchObject({ left: { field: 'setOn' } });
    expect(fieldOf({ type: 'SetReopenerScope', fiscalYear: 'FY27', articleKeys: [], setOn: '2025-09-15' })).toBe('setOn');
  });
});

describe('closed', () => {
  const codec = closed(
    t.intersection([
      t.type({ a: t.string, list: t.readonlyArray(t.type({ x: t.number })) }),
      t.partial({ choice: t.union([t.type({ kind: t.literal('p'), p: t.string }), t.type({ kind: t.literal('q') })]) }),
    ]),
  );
  const paths = (u: unknown) => {
    const decoded = decodeCommand(codec, u);
    return isLeft(decoded) ? (decoded.left.details as { issues: readonly { path: string }[] }).issues.map((i) => i.path) : [];
  };
  it('accepts exactly the declared shape, with optional fields absent', () => {
    expect(paths({ a: 's', list: [{ x: 1 }] })).toEqual([]);
    expect(paths({ a: 's', list: [], choice: { kind: 'q' } })).toEqual([]);
  });
  it('reports every undeclared property with its path, through intersections, arrays and the matching union member', () => {
    expect(paths({ a: 's', b: 1, list: [{ x: 1 }, { x: 2, y: 3 }], choice: { kind: 'q', p: 'only on p' } })).toEqual(['b', 'list.1.y', 'choice.p']);
    expect(paths({ a: 's', list: [], __proto__x: 1 })).toEqual(['__proto__x']);
    expect(paths(JSON.parse('{"a":"s","list":[],"__proto__":{"x":1}}'))).toEqual(['__proto__']);
  });
  it('leaves ordinary decoding errors to the codec', () => {
    expect(paths({ a: 1, list: [], extra: true })).toEqual(['a']);
  });
  it('is() agrees with decoding', () => {
    expect(codec.is({ a: 's', list: [] })).toBe(true);
    expect(codec.is({ a: 's', list: [], extra: 1 })).toBe(false);
  });
});
