/**
 * Agreement commands. Per command: the interface the decider takes (process managers build these), the codec
 * of the decider's command (`type` plus its fields, usable as a handler's `commandCodec`), and the codec of what
 * a service caller supplies (`…Input`: business input only, no stream id). Codecs reject unknown fields at every
 * depth, so a misspelt optional field is an `InvalidCommand`, never silently dropped.
 */
import * as t from 'io-ts';
import { IsoDate, NonEmptyString, NonNegativeInteger, strictCommand } from '@laborcase/core';
import { closed } from './closedShape.js';
import { AmendmentBasis as AmendmentBasisCodec, ArticleKey, ArticleSpec, FiscalYear, Reopener as ReopenerCodec, Slug, Term as TermCodec } from './events.js';
import type { AmendmentBasis, Reopener, Term } from './events.js';
import { GrievanceProcedure as GrievanceProcedureCodec, type GrievanceProcedure } from './procedure.js';

// Contract data nested in commands, closed against unknown fields.
const term = closed(TermCodec);
const articles = t.readonlyArray(closed(ArticleSpec));
const procedure = closed(GrievanceProcedureCodec);
const reopeners = t.readonlyArray(closed(ReopenerCodec));
const basis = closed(AmendmentBasisCodec);
const articleKeys = t.readonlyArray(ArticleKey);

const withType = <Type extends string, R extends t.Props, O extends t.Props = Record<never, never>>(type: Type, required: R, optional?: O) =>
  strictCommand(type, { type: t.literal(type), ...required }, optional);

/** Register an edition once its terms are tentatively agreed at the table. */
export interface RegisterAgreementEdition {
  readonly type: 'RegisterAgreementEdition';
  readonly unitId: string;
  readonly editionId: string;
  readonly title: string;
  readonly term: Term;
  readonly tentativelyAgreedOn: string;
  readonly fundingContingent: boolean;
  readonly articles: readonly ArticleSpec[];
  readonly grievanceProcedure: GrievanceProcedure;
  readonly reopeners: readonly Reopener[];
}
/** The contract data of a registration (shared with the edition document). */
export const registrationFields = {
  title: NonEmptyString,
  term,
  tentativelyAgreedOn: IsoDate,
  fundingContingent: t.boolean,
  articles,
  grievanceProcedure: procedure,
  reopeners,
};
/** The service takes the unit and edition as the agreement's id, apart from the input. */
export const RegisterAgreementEditionInput = strictCommand('RegisterAgreementEditionInput', registrationFields);
export type RegisterAgreementEditionInput = t.TypeOf<typeof RegisterAgreementEditionInput>;
export const RegisterAgreementEdition: t.Type<RegisterAgreementEdition, unknown, unknown> = withType('RegisterAgreementEdition', {
  unitId: Slug,
  editionId: Slug,
  ...registrationFields,
});

export interface RecordMemberRatification {
  readonly type: 'RecordMemberRatification';
  readonly ratifiedOn: string;
  readonly votesFor?: number;
  readonly votesAgainst?: number;
}
const ratification = [{ ratifiedOn: IsoDate }, { votesFor: NonNegativeInteger, votesAgainst: NonNegativeInteger }] as const;
export const RecordMemberRatificationInput = strictCommand('RecordMemberRatificationInput', ...ratification);
export type RecordMemberRatificationInput = t.TypeOf<typeof RecordMemberRatificationInput>;
export const RecordMemberRatification: t.Type<RecordMemberRatification, unknown, unknown> = withType('RecordMemberRatification', ...ratification);

export interface RecordBoardApproval {
  readonly type: 'RecordBoardApproval';
  readonly approvedOn: string;
}
const boardApproval = { approvedOn: IsoDate };
export const RecordBoardApprovalInput = strictCommand('RecordBoardApprovalInput', boardApproval);
export type RecordBoardApprovalInput = t.TypeOf<typeof RecordBoardApprovalInput>;
export const RecordBoardApproval: t.Type<RecordBoardApproval, unknown, unknown> = withType('RecordBoardApproval', boardApproval);

export interface PutAgreementIntoEffect {
  readonly type: 'PutAgreementIntoEffect';
  readonly effectiveOn: string;
}
const intoEffect = { effectiveOn: IsoDate };
export const PutAgreementIntoEffectInput = strictCommand('PutAgreementIntoEffectInput', intoEffect);
export type PutAgreementIntoEffectInput = t.TypeOf<typeof PutAgreementIntoEffectInput>;
export const PutAgreementIntoEffect: t.Type<PutAgreementIntoEffect, unknown, unknown> = withType('PutAgreementIntoEffect', intoEffect);

export interface ExpireAgreement {
  readonly type: 'ExpireAgreement';
  readonly expiredOn: string;
}
const expiry = { expiredOn: IsoDate };
export const ExpireAgreementInput = strictCommand('ExpireAgreementInput', expiry);
export type ExpireAgreementInput = t.TypeOf<typeof ExpireAgreementInput>;
export const ExpireAgreement: t.Type<ExpireAgreement, unknown, unknown> = withType('ExpireAgreement', expiry);

export interface SupersedeAgreement {
  readonly type: 'SupersedeAgreement';
  readonly supersededOn: string;
  readonly successorEditionId: string;
}
const supersession = { supersededOn: IsoDate, successorEditionId: Slug };
export const SupersedeAgreementInput = strictCommand('SupersedeAgreementInput', supersession);
export type SupersedeAgreementInput = t.TypeOf<typeof SupersedeAgreementInput>;
export const SupersedeAgreement: t.Type<SupersedeAgreement, unknown, unknown> = withType('SupersedeAgreement', supersession);

export interface RecordFundingShortfall {
  readonly type: 'RecordFundingShortfall';
  readonly recordedOn: string;
  readonly fiscalYear: string;
  readonly detail: string;
}
const shortfall = { recordedOn: IsoDate, fiscalYear: FiscalYear, detail: NonEmptyString };
export const RecordFundingShortfallInput = strictCommand('RecordFundingShortfallInput', shortfall);
export type RecordFundingShortfallInput = t.TypeOf<typeof RecordFundingShortfallInput>;
export const RecordFundingShortfall: t.Type<RecordFundingShortfall, unknown, unknown> = withType('RecordFundingShortfall', shortfall);

export interface ConfirmFunding {
  readonly type: 'ConfirmFunding';
  readonly confirmedOn: string;
  readonly fiscalYear: string;
}
const funding = { confirmedOn: IsoDate, fiscalYear: FiscalYear };
export const ConfirmFundingInput = strictCommand('ConfirmFundingInput', funding);
export type ConfirmFundingInput = t.TypeOf<typeof ConfirmFundingInput>;
export const ConfirmFunding: t.Type<ConfirmFunding, unknown, unknown> = withType('ConfirmFunding', funding);

/** Change an article's text (and optionally its title) from `effectiveOn`; the number stays. */
export interface AmendArticle {
  readonly type: 'AmendArticle';
  readonly articleKey: string;
  readonly effectiveOn: string;
  readonly summary: string;
  readonly title?: string;
  readonly basis?: AmendmentBasis;
}
const amendment = [{ articleKey: ArticleKey, effectiveOn: IsoDate, summary: NonEmptyString }, { title: NonEmptyString, basis }] as const;
export const AmendArticleInput = strictCommand('AmendArticleInput', ...amendment);
export type AmendArticleInput = t.TypeOf<typeof AmendArticleInput>;
export const AmendArticle: t.Type<AmendArticle, unknown, unknown> = withType('AmendArticle', ...amendment);

/** Give an article a new number (and optionally title) from `effectiveOn`; the key stays. */
export interface RenumberArticle {
  readonly type: 'RenumberArticle';
  readonly articleKey: string;
  readonly effectiveOn: string;
  readonly number: string;
  readonly title?: string;
  readonly basis?: AmendmentBasis;
}
const renumbering = [{ articleKey: ArticleKey, effectiveOn: IsoDate, number: NonEmptyString }, { title: NonEmptyString, basis }] as const;
export const RenumberArticleInput = strictCommand('RenumberArticleInput', ...renumbering);
export type RenumberArticleInput = t.TypeOf<typeof RenumberArticleInput>;
export const RenumberArticle: t.Type<RenumberArticle, unknown, unknown> = withType('RenumberArticle', ...renumbering);

export interface AddArticle {
  readonly type: 'AddArticle';
  readonly articleKey: string;
  readonly number: string;
  readonly title: string;
  readonly effectiveOn: string;
  readonly basis?: AmendmentBasis;
}
const addition = [{ articleKey: ArticleKey, number: NonEmptyString, title: NonEmptyString, effectiveOn: IsoDate }, { basis }] as const;
export const AddArticleInput = strictCommand('AddArticleInput', ...addition);
export type AddArticleInput = t.TypeOf<typeof AddArticleInput>;
export const AddArticle: t.Type<AddArticle, unknown, unknown> = withType('AddArticle', ...addition);

/** Remove an article from `effectiveOn` (it stays in force until the day before). */
export interface RemoveArticle {
  readonly type: 'RemoveArticle';
  readonly articleKey: string;
  readonly effectiveOn: string;
  readonly basis?: AmendmentBasis;
}
const removal = [{ articleKey: ArticleKey, effectiveOn: IsoDate }, { basis }] as const;
export const RemoveArticleInput = strictCommand('RemoveArticleInput', ...removal);
export type RemoveArticleInput = t.TypeOf<typeof RemoveArticleInput>;
export const RemoveArticle: t.Type<RemoveArticle, unknown, unknown> = withType('RemoveArticle', ...removal);

export interface AttachMou {
  readonly type: 'AttachMou';
  readonly mouId: string;
  readonly title: string;
  readonly effectiveFrom: string;
  readonly effectiveUntil?: string;
  readonly articleKeys: readonly string[];
}
const mou = [{ mouId: Slug, title: NonEmptyString, effectiveFrom: IsoDate, articleKeys }, { effectiveUntil: IsoDate }] as const;
export const AttachMouInput = strictCommand('AttachMouInput', ...mou);
export type AttachMouInput = t.TypeOf<typeof AttachMouInput>;
export const AttachMou: t.Type<AttachMou, unknown, unknown> = withType('AttachMou', ...mou);

export interface SetReopenerScope {
  readonly type: 'SetReopenerScope';
  readonly fiscalYear: string;
  readonly articleKeys: readonly string[];
}
const scope = { fiscalYear: FiscalYear, articleKeys };
/**
 * `setOn` is the business date the scope is set (when the reopener cycle opens): the service records it as the
 * event's `effectiveOn`. The decider needs no date, so the command and the stored event carry none.
 */
export const SetReopenerScopeInput = strictCommand('SetReopenerScopeInput', { ...scope, setOn: IsoDate });
export type SetReopenerScopeInput = t.TypeOf<typeof SetReopenerScopeInput>;
export const SetReopenerScope: t.Type<SetReopenerScope, unknown, unknown> = withType('SetReopenerScope', scope);

export interface AmendGrievanceProcedure {
  readonly type: 'AmendGrievanceProcedure';
  readonly effectiveOn: string;
  readonly procedure: GrievanceProcedure;
  readonly basis?: AmendmentBasis;
}
const procedureAmendment = [{ effectiveOn: IsoDate, procedure }, { basis }] as const;
export const AmendGrievanceProcedureInput = strictCommand('AmendGrievanceProcedureInput', ...procedureAmendment);
export type AmendGrievanceProcedureInput = t.TypeOf<typeof AmendGrievanceProcedureInput>;
export const AmendGrievanceProcedure: t.Type<AmendGrievanceProcedure, unknown, unknown> = withType('AmendGrievanceProcedure', ...procedureAmendment);

export type AgreementCommand =
  | RegisterAgreementEdition
  | RecordMemberRatification
  | RecordBoardApproval
  | PutAgreementIntoEffect
  | ExpireAgreement
  | SupersedeAgreement
  | RecordFundingShortfall
  | ConfirmFunding
  | AmendArticle
  | RenumberArticle
  | AddArticle
  | RemoveArticle
  | AttachMou
  | SetReopenerScope
  | AmendGrievanceProcedure;

export type AgreementCommandType = AgreementCommand['type'];

/** The codec of each command type. */
export const agreementCommandCodecs: { readonly [K in AgreementCommandType]: t.Type<Extract<AgreementCommand, { type: K }>, unknown, unknown> } = {
  RegisterAgreementEdition,
  RecordMemberRatification,
  RecordBoardApproval,
  PutAgreementIntoEffect,
  ExpireAgreement,
  SupersedeAgreement,
  RecordFundingShortfall,
  ConfirmFunding,
  AmendArticle,
  RenumberArticle,
  AddArticle,
  RemoveArticle,
  AttachMou,
  SetReopenerScope,
  AmendGrievanceProcedure,
};

const commandTypes = Object.keys(agreementCommandCodecs) as readonly AgreementCommandType[];

const codecOf = (u: unknown): t.Type<AgreementCommand, unknown, unknown> | undefined => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return undefined;
  const type: unknown = (u as { readonly type?: unknown }).type;
  if (typeof type !== 'string' || !(commandTypes as readonly string[]).includes(type)) return undefined;
  // Each member decodes to its own command type, a member of the union.
  return agreementCommandCodecs[type as AgreementCommandType] as t.Type<AgreementCommand, unknown, unknown>;
};

/**
 * Any agreement command, chosen by its `type` (so a malformed command is reported at its own fields, not once per
 * union member). Pass it as `commandCodec` to `commandHandler`.
 */
export const AgreementCommandCodec = new t.Type<AgreementCommand, unknown, unknown>(
  'AgreementCommand',
  (u): u is AgreementCommand => codecOf(u)?.is(u) ?? false,
  (u, context) => {
    const codec = codecOf(u);
    if (codec !== undefined) return codec.validate(u, context);
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, context, 'expected an agreement command object');
    const type: unknown = (u as { readonly type?: unknown }).type;
    return t.failure(type, [...context, { key: 'type', type: t.string, actual: u }], `expected one of ${commandTypes.join(', ')}`);
  },
  t.identity,
);
