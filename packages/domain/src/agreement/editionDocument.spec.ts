import { describe, expect, it } from '@jest/globals';
import { decodeCommand } from '@laborcase/core';
import { AgreementEditionDocument, EDITION_DOCUMENT_FORMAT, editionCommands, type AgreementEditionDocument as Document } from './editionDocument.js';
import { register } from './testData.js';

const { type: _type, tentativelyAgreedOn, reopeners: _reopeners, ...contract } = register;
const document: Document = {
  format: EDITION_DOCUMENT_FORMAT,
  ...contract,
  lifecycle: { tentativelyAgreedOn, ratification: { ratifiedOn: '2024-04-11', votesFor: 10 }, approvedOn: '2024-04-23', tookEffectOn: '2024-07-01' },
};
const order = (doc: Document) => editionCommands(doc).map((step) => `${step.command.type} ${step.effectiveOn}`);

describe('edition document', () => {
  it('decodes a document with notes, reopeners and funding left out', () => {
    expect(decodeCommand(AgreementEditionDocument, { ...document, notes: ['INVENTED: dates'] })).toMatchObject({ _tag: 'Right' });
    expect(editionCommands(document)[0]?.command).toEqual({ ...register, reopeners: [] });
  });

  it('records the milestones in lifecycle order and each funding confirmation before the first milestone on or after its date', () => {
    const funded: Document = {
      ...document,
      lifecycle: { ...document.lifecycle, supersession: { supersededOn: '2026-07-01', successorEditionId: '2026-2029' } },
      fundingConfirmations: [
        { fiscalYear: 'FY27', confirmedOn: '2026-07-15' },
        { fiscalYear: 'FY26', confirmedOn: '2025-05-22' },
        { fiscalYear: 'FY25', confirmedOn: '2024-07-01' },
      ],
    };
    expect(order(funded)).toEqual([
      'RegisterAgreementEdition 2024-03-14',
      'RecordMemberRatification 2024-04-11',
      'RecordBoardApproval 2024-04-23',
      'ConfirmFunding 2024-07-01',
      'PutAgreementIntoEffect 2024-07-01',
      'ConfirmFunding 2025-05-22',
      'SupersedeAgreement 2026-07-01',
      'ConfirmFunding 2026-07-15',
    ]);
  });

  it('keeps lifecycle order when the dates are not, so the decider reports the date out of order', () => {
    const swapped: Document = { ...document, lifecycle: { ...document.lifecycle, approvedOn: '2024-04-01' } };
    expect(order(swapped).slice(1, 3)).toEqual(['RecordMemberRatification 2024-04-11', 'RecordBoardApproval 2024-04-01']);
  });

  it('maps the fields a rejection names to the document', () => {
    const steps = editionCommands({ ...document, fundingConfirmations: [{ fiscalYear: 'FY25', confirmedOn: '2024-05-30' }] });
    expect(steps.map((s) => s.documentField('x'))).toEqual(['x', 'lifecycle.ratification.x', 'lifecycle.approvedOn', 'fundingConfirmations.0.x', 'lifecycle.tookEffectOn']);
    expect(steps.map((s) => s.documentField(undefined))).toEqual([undefined, 'lifecycle.ratification', 'lifecycle.approvedOn', 'fundingConfirmations.0', 'lifecycle.tookEffectOn']);
    expect(steps[0]?.documentField('tentativelyAgreedOn')).toBe('lifecycle.tentativelyAgreedOn');
  });
});
