import * as t from 'io-ts';
import { IsoDate, NonEmptyString, NonNegativeInteger, checkedString, defineEventType, type EventOfDefinition } from '@laborcase/core';
import { GrievanceProcedure } from './procedure.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Lower-case words joined by hyphens: bargaining unit ids, edition ids, article keys, MOU ids. */
export const Slug = checkedString('Slug', (s) => SLUG.test(s));

/** The edition-independent identity of an article ("planning-time"), stable across renumbering. */
export const ArticleKey = checkedString('ArticleKey', (s) => SLUG.test(s));

/** A fiscal year label such as "FY27" (the year the fiscal year ends in). */
export const FiscalYear = checkedString('FiscalYear', (s) => /^FY\d{2}$/.test(s));

export const Term = t.type({ effectiveFrom: IsoDate, expiresOn: IsoDate }, 'Term');
export type Term = t.TypeOf<typeof Term>;

/** An article as an edition prints it: stable key, edition-specific number (e.g. "12", "IV") and title. */
export const ArticleSpec = t.type({ key: ArticleKey, number: NonEmptyString, title: NonEmptyString }, 'ArticleSpec');
export type ArticleSpec = t.TypeOf<typeof ArticleSpec>;

export const Reopener = t.type({ fiscalYear: FiscalYear, articleKeys: t.readonlyArray(ArticleKey) }, 'Reopener');
export type Reopener = t.TypeOf<typeof Reopener>;

/** Why an article changed mid-term: a reopener settlement or an attached MOU. */
export const AmendmentBasis = t.union(
  [t.type({ kind: t.literal('reopener'), fiscalYear: FiscalYear }), t.type({ kind: t.literal('mou'), mouId: Slug })],
  'AmendmentBasis',
);
export type AmendmentBasis = t.TypeOf<typeof AmendmentBasis>;

export const AgreementEditionRegistered = defineEventType(
  'AgreementEditionRegistered',
  1,
  t.type({
    unitId: Slug,
    editionId: Slug,
    title: NonEmptyString,
    term: Term,
    tentativelyAgreedOn: IsoDate,
    /** Fiscal items are subject to appropriation (funding status starts `contingent` instead of `funded`). */
    fundingContingent: t.boolean,
    articles: t.readonlyArray(ArticleSpec),
    grievanceProcedure: GrievanceProcedure,
    reopeners: t.readonlyArray(Reopener),
  }),
);

export const AgreementRatifiedByMembers = defineEventType(
  'AgreementRatifiedByMembers',
  1,
  t.intersection([t.type({ ratifiedOn: IsoDate }), t.partial({ votesFor: NonNegativeInteger, votesAgainst: NonNegativeInteger })]),
);

export const AgreementApprovedByBoard = defineEventType('AgreementApprovedByBoard', 1, t.type({ approvedOn: IsoDate }));

export const AgreementTookEffect = defineEventType('AgreementTookEffect', 1, t.type({ effectiveOn: IsoDate }));

export const AgreementExpired = defineEventType('AgreementExpired', 1, t.type({ expiredOn: IsoDate }));

export const AgreementSuperseded = defineEventType(
  'AgreementSuperseded',
  1,
  t.type({ supersededOn: IsoDate, successorEditionId: Slug }),
);

export const FundingShortfallRecorded = defineEventType(
  'FundingShortfallRecorded',
  1,
  t.type({ recordedOn: IsoDate, fiscalYear: FiscalYear, detail: NonEmptyString }),
);

export const FundingConfirmed = defineEventType('FundingConfirmed', 1, t.type({ confirmedOn: IsoDate, fiscalYear: FiscalYear }));

export const ArticleAmended = defineEventType(
  'ArticleAmended',
  1,
  t.intersection([
    t.type({ articleKey: ArticleKey, effectiveOn: IsoDate, summary: NonEmptyString }),
    t.partial({ title: NonEmptyString, basis: AmendmentBasis }),
  ]),
);

export const ArticleRenumbered = defineEventType(
  'ArticleRenumbered',
  1,
  t.intersection([
    t.type({ articleKey: ArticleKey, effectiveOn: IsoDate, number: NonEmptyString }),
    t.partial({ title: NonEmptyString, basis: AmendmentBasis }),
  ]),
);

export const ArticleAdded = defineEventType(
  'ArticleAdded',
  1,
  t.intersection([
    t.type({ articleKey: ArticleKey, number: NonEmptyString, title: NonEmptyString, effectiveOn: IsoDate }),
    t.partial({ basis: AmendmentBasis }),
  ]),
);

export const ArticleRemoved = defineEventType(
  'ArticleRemoved',
  1,
  t.intersection([t.type({ articleKey: ArticleKey, effectiveOn: IsoDate }), t.partial({ basis: AmendmentBasis })]),
);

export const MouAttached = defineEventType(
  'MouAttached',
  1,
  t.intersection([
    t.type({ mouId: Slug, title: NonEmptyString, effectiveFrom: IsoDate, articleKeys: t.readonlyArray(ArticleKey) }),
    t.partial({ effectiveUntil: IsoDate }),
  ]),
);

export const ReopenerScopeSet = defineEventType(
  'ReopenerScopeSet',
  1,
  t.type({ fiscalYear: FiscalYear, articleKeys: t.readonlyArray(ArticleKey) }),
);

export const GrievanceProcedureAmended = defineEventType(
  'GrievanceProcedureAmended',
  1,
  t.intersection([t.type({ effectiveOn: IsoDate, procedure: GrievanceProcedure }), t.partial({ basis: AmendmentBasis })]),
);

export const agreementEventDefinitions = [
  AgreementEditionRegistered,
  AgreementRatifiedByMembers,
  AgreementApprovedByBoard,
  AgreementTookEffect,
  AgreementExpired,
  AgreementSuperseded,
  FundingShortfallRecorded,
  FundingConfirmed,
  ArticleAmended,
  ArticleRenumbered,
  ArticleAdded,
  ArticleRemoved,
  MouAttached,
  ReopenerScopeSet,
  GrievanceProcedureAmended,
] as const;

export type AgreementEditionRegisteredEvent = EventOfDefinition<typeof AgreementEditionRegistered>;
export type AgreementEvent =
  | AgreementEditionRegisteredEvent
  | EventOfDefinition<typeof AgreementRatifiedByMembers>
  | EventOfDefinition<typeof AgreementApprovedByBoard>
  | EventOfDefinition<typeof AgreementTookEffect>
  | EventOfDefinition<typeof AgreementExpired>
  | EventOfDefinition<typeof AgreementSuperseded>
  | EventOfDefinition<typeof FundingShortfallRecorded>
  | EventOfDefinition<typeof FundingConfirmed>
  | EventOfDefinition<typeof ArticleAmended>
  | EventOfDefinition<typeof ArticleRenumbered>
  | EventOfDefinition<typeof ArticleAdded>
  | EventOfDefinition<typeof ArticleRemoved>
  | EventOfDefinition<typeof MouAttached>
  | EventOfDefinition<typeof ReopenerScopeSet>
  | EventOfDefinition<typeof GrievanceProcedureAmended>;

export type AgreementEventType = AgreementEvent['type'];
