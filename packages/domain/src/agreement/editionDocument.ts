/**
 * An agreement edition as reference data: one JSON document per edition (the README beside this file documents
 * the shape), validated by `AgreementEditionDocument` and recorded as the commands a contract administrator
 * would have issued: the registration, then the lifecycle milestones and funding confirmations in date order.
 */
import * as t from 'io-ts';
import { IsoDate, NonEmptyString, NonNegativeInteger, strictCommand } from '@laborcase/core';
import { closed } from './closedShape.js';
import { registrationFields, type AgreementCommand } from './commands.js';
import { FiscalYear, Reopener, Slug } from './events.js';

/** The `format` every edition document declares; a later shape gets a new one. */
export const EDITION_DOCUMENT_FORMAT = 'laborcase/agreement-edition@1';

const Lifecycle = closed(
  t.intersection([
    t.type({ tentativelyAgreedOn: IsoDate }),
    t.partial({
      ratification: t.intersection([t.type({ ratifiedOn: IsoDate }), t.partial({ votesFor: NonNegativeInteger, votesAgainst: NonNegativeInteger })]),
      approvedOn: IsoDate,
      tookEffectOn: IsoDate,
      expiredOn: IsoDate,
      supersession: t.type({ supersededOn: IsoDate, successorEditionId: Slug }),
    }),
  ]),
);

const FundingConfirmation = closed(t.type({ fiscalYear: FiscalYear, confirmedOn: IsoDate }));

// The registration's date is a lifecycle date here, and an edition without reopeners may leave them out.
const { tentativelyAgreedOn: _inLifecycle, reopeners: _optional, ...contract } = registrationFields;

export const AgreementEditionDocument = strictCommand(
  'AgreementEditionDocument',
  { format: t.literal(EDITION_DOCUMENT_FORMAT), unitId: Slug, editionId: Slug, ...contract, lifecycle: Lifecycle },
  {
    reopeners: t.readonlyArray(closed(Reopener)),
    fundingConfirmations: t.readonlyArray(FundingConfirmation),
    /** Where the data comes from, what was assumed: kept in the file, not recorded. */
    notes: t.readonlyArray(NonEmptyString),
  },
);
export type AgreementEditionDocument = t.TypeOf<typeof AgreementEditionDocument>;

/** One command of an import, with its business date and where in the document its data sits. */
export interface EditionStep {
  readonly command: AgreementCommand;
  readonly effectiveOn: string;
  /** The document path a rejection of this command is about, given the command field the decider named. */
  readonly documentField: (commandField: string | undefined) => string | undefined;
}

/** A step whose command fields sit under `at` in the document, with the same names. */
const under =
  (at: string) =>
  (field: string | undefined): string =>
    field === undefined ? at : `${at}.${field}`;

/**
 * The commands that record `document`, in the order they must be decided: the milestones in lifecycle order (so a
 * date out of order is reported as such), and each funding confirmation after the Board's approval, before the
 * first later milestone dated on or after it.
 */
export const editionCommands = (document: AgreementEditionDocument): readonly EditionStep[] => {
  const { unitId, editionId, title, term, fundingContingent, articles, grievanceProcedure, lifecycle } = document;
  const { tentativelyAgreedOn, ratification, approvedOn, tookEffectOn, expiredOn, supersession } = lifecycle;
  const reopeners = document.reopeners ?? [];
  const registration: EditionStep = {
    command: { type: 'RegisterAgreementEdition', unitId, editionId, title, term, tentativelyAgreedOn, fundingContingent, articles, grievanceProcedure, reopeners },
    effectiveOn: tentativelyAgreedOn,
    documentField: (field) => (field === 'tentativelyAgreedOn' ? 'lifecycle.tentativelyAgreedOn' : field),
  };
  const adoption: EditionStep[] = [];
  if (ratification !== undefined) {
    adoption.push({ command: { type: 'RecordMemberRatification', ...ratification }, effectiveOn: ratification.ratifiedOn, documentField: under('lifecycle.ratification') });
  }
  if (approvedOn !== undefined) adoption.push({ command: { type: 'RecordBoardApproval', approvedOn }, effectiveOn: approvedOn, documentField: () => 'lifecycle.approvedOn' });
  const later: EditionStep[] = [];
  if (tookEffectOn !== undefined) {
    later.push({ command: { type: 'PutAgreementIntoEffect', effectiveOn: tookEffectOn }, effectiveOn: tookEffectOn, documentField: () => 'lifecycle.tookEffectOn' });
  }
  if (expiredOn !== undefined) later.push({ command: { type: 'ExpireAgreement', expiredOn }, effectiveOn: expiredOn, documentField: () => 'lifecycle.expiredOn' });
  if (supersession !== undefined) {
    later.push({ command: { type: 'SupersedeAgreement', ...supersession }, effectiveOn: supersession.supersededOn, documentField: under('lifecycle.supersession') });
  }
  const funding = (document.fundingConfirmations ?? [])
    .map((f, index): EditionStep => ({ command: { type: 'ConfirmFunding', ...f }, effectiveOn: f.confirmedOn, documentField: under(`fundingConfirmations.${index}`) }))
    .sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0));
  const slotOf = (step: EditionStep): number => later.findIndex((milestone) => step.effectiveOn <= milestone.effectiveOn);
  const merged = later.flatMap((milestone, i) => [...funding.filter((f) => slotOf(f) === i), milestone]);
  return [registration, ...adoption, ...merged, ...funding.filter((f) => slotOf(f) < 0)];
};
