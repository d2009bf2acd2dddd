import * as t from 'io-ts';
import { chain, isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { toFieldIssues, addDays, reject as fail, type DomainError } from '@laborcase/core';
import type * as C from './commands.js';
import * as E from './events.js';
import { firstNumberClash } from './invariants.js';
import { validateGrievanceProcedure } from './procedure.js';
import { AGREEMENT_NOT_REGISTERED, UNKNOWN_ARTICLE_KEY, termCovers } from './queries.js';
import { isClosed, isRegistered, type AgreementState, type ArticleHistory, type RegisteredAgreement } from './state.js';
import { evolveAgreement } from './evolve.js';

/** Every rejection code the Agreement decider can return. */
export const AgreementErrors = {
  alreadyRegistered: 'AgreementAlreadyRegistered',
  notRegistered: AGREEMENT_NOT_REGISTERED,
  closed: 'AgreementClosed',
  invalidData: 'InvalidAgreementData',
  invalidTerm: 'InvalidTerm',
  noArticles: 'NoArticles',
  duplicateArticleKey: 'DuplicateArticleKey',
  duplicateArticleNumber: 'DuplicateArticleNumber',
  unknownArticleKey: UNKNOWN_ARTICLE_KEY,
  articleNotInForce: 'ArticleNotInForce',
  numberUnchanged: 'ArticleNumberUnchanged',
  amendmentOutsideTerm: 'AmendmentOutsideTerm',
  amendmentOutOfOrder: 'AmendmentOutOfOrder',
  duplicateReopener: 'DuplicateReopener',
  unknownReopener: 'UnknownReopener',
  articleOutsideReopenerScope: 'ArticleOutsideReopenerScope',
  duplicateMou: 'DuplicateMouId',
  unknownMou: 'UnknownMou',
  articleOutsideMouScope: 'ArticleOutsideMouScope',
  invalidMouDates: 'InvalidMouDates',
  alreadyRatified: 'AlreadyRatified',
  ratificationRequired: 'RatificationRequired',
  alreadyApproved: 'AlreadyApprovedByBoard',
  boardApprovalRequired: 'BoardApprovalRequired',
  alreadyInEffect: 'AlreadyInEffect',
  notInEffect: 'NotInEffect',
  milestoneOutOfOrder: 'MilestoneOutOfOrder',
  effectAfterTermEnd: 'EffectAfterTermEnd',
  expiryBeforeTermEnd: 'ExpiryBeforeTermEnd',
  supersessionOutsideTerm: 'SupersessionOutsideTerm',
  invalidSuccessor: 'InvalidSuccessor',
  alreadyRenegotiating: 'AlreadyRenegotiating',
  alreadyFunded: 'AlreadyFunded',
  shortfallPending: 'FundingShortfallPending',
} as const;

type Decision = Either<DomainError, readonly E.AgreementEvent[]>;

/** Decode command fields with the event codec, so an event can never carry data its own codec rejects. */
const validData = <A>(codec: t.Type<A, unknown, unknown>, data: unknown): Either<DomainError, A> => {
  const decoded = codec.decode(data);
  if (!isLeft(decoded)) return right(decoded.right);
  const issues = toFieldIssues(decoded.left, '');
  const first = issues[0];
  return fail(AgreementErrors.invalidData, `invalid command data: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, 'command data shape', first?.path, {
    issues,
  });
};

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const requireOpen = (state: AgreementState): Either<DomainError, RegisteredAgreement> => {
  if (!isRegistered(state)) return fail(AgreementErrors.notRegistered, 'register the agreement edition first', 'agreement registered');
  if (isClosed(state)) {
    return fail(AgreementErrors.closed, `${state.agreementId} is ${state.status}; it accepts no further changes`, 'closed editions are immutable', undefined, {
      status: state.status,
    });
  }
  return right(state);
};

const firstDuplicate = (values: readonly string[]): string | undefined => {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return undefined;
};

const findArticle = (agreement: RegisteredAgreement, key: string, field = 'articleKey'): Either<DomainError, ArticleHistory> => {
  const history = agreement.articles.find((a) => a.key === key);
  return history !== undefined
    ? right(history)
    : fail(AgreementErrors.unknownArticleKey, `${agreement.agreementId} has no article "${key}"`, 'article keys of the edition', field, { articleKey: key });
};

const requireKnownKeys = (agreement: RegisteredAgreement, keys: readonly string[], field: string): Either<DomainError, void> => {
  const index = keys.findIndex((k) => !agreement.articles.some((a) => a.key === k));
  if (index >= 0) {
    return fail(AgreementErrors.unknownArticleKey, `${agreement.agreementId} has no article "${keys[index]}"`, 'article keys of the edition', `${field}.${index}`, {
      articleKey: keys[index],
    });
  }
  const duplicate = firstDuplicate(keys);
  return duplicate === undefined
    ? right(undefined)
    : fail(AgreementErrors.duplicateArticleKey, `article "${duplicate}" is listed twice`, 'article keys unique', field);
};

const requireWithinTerm = (agreement: RegisteredAgreement, date: string, field: string): Either<DomainError, void> =>
  termCovers(agreement, date)
    ? right(undefined)
    : fail(
        AgreementErrors.amendmentOutsideTerm,
        `${date} is outside the term ${agreement.term.effectiveFrom} to ${agreement.term.expiresOn}`,
        'amendments take effect within the term',
        field,
      );

const lastRevisionDate = (history: ArticleHistory): string => history.revisions[history.revisions.length - 1]?.effectiveFrom ?? '';

/** Revisions of one article are recorded in effective-date order, and never after its removal. */
const requireRevisable = (history: ArticleHistory, effectiveOn: string): Either<DomainError, void> => {
  if (history.removedOn !== undefined && effectiveOn >= history.removedOn) {
    return fail(AgreementErrors.articleNotInForce, `article "${history.key}" is removed from ${history.removedOn}`, 'only articles in force can change', 'effectiveOn');
  }
  if (effectiveOn < lastRevisionDate(history)) {
    return fail(
      AgreementErrors.amendmentOutOfOrder,
      `article "${history.key}" already has a revision effective ${lastRevisionDate(history)}`,
      'article history is recorded in effective-date order',
      'effectiveOn',
    );
  }
  return right(undefined);
};

const requireBasis = (agreement: RegisteredAgreement, basis: E.AmendmentBasis | undefined): Either<DomainError, void> => {
  if (basis === undefined) return right(undefined);
  if (basis.kind === 'reopener') {
    return agreement.reopeners.some((r) => r.fiscalYear === basis.fiscalYear)
      ? right(undefined)
      : fail(AgreementErrors.unknownReopener, `the edition has no ${basis.fiscalYear} reopener`, 'reopeners of the edition', 'basis.fiscalYear');
  }
  return agreement.mous.some((m) => m.mouId === basis.mouId)
    ? right(undefined)
    : fail(AgreementErrors.unknownMou, `no MOU "${basis.mouId}" is attached`, 'MOUs of the edition', 'basis.mouId');
};

/** A substantive amendment made under a reopener or MOU must touch an article in its scope. */
const requireInBasisScope = (agreement: RegisteredAgreement, basis: E.AmendmentBasis | undefined, key: string): Either<DomainError, void> => {
  if (basis === undefined) return right(undefined);
  if (basis.kind === 'reopener') {
    const reopener = agreement.reopeners.find((r) => r.fiscalYear === basis.fiscalYear);
    return reopener === undefined || reopener.articleKeys.includes(key)
      ? right(undefined)
      : fail(AgreementErrors.articleOutsideReopenerScope, `article "${key}" is not in the ${basis.fiscalYear} reopener scope`, 'reopener scope', 'articleKey');
  }
  const mou = agreement.mous.find((m) => m.mouId === basis.mouId);
  return mou === undefined || mou.articleKeys.includes(key)
    ? right(undefined)
    : fail(AgreementErrors.articleOutsideMouScope, `MOU "${basis.mouId}" does not touch article "${key}"`, 'MOU scope', 'articleKey');
};

/** Numbers stay unique among the articles in force on every date once `event` is applied. */
const requireUniqueNumbers = (agreement: RegisteredAgreement, event: E.AgreementEvent, field: string): Decision => {
  const after = evolveAgreement(agreement, event);
  const clash = isRegistered(after) ? firstNumberClash(after.articles, after.term) : undefined;
  if (clash !== undefined) {
    return fail(
      AgreementErrors.duplicateArticleNumber,
      `on ${clash.date} articles ${clash.articleKeys.join(', ')} would all be Art. ${clash.number}`,
      'article numbers unique among articles in force',
      field,
      { ...clash },
    );
  }
  return right([event]);
};

const requireMilestoneOrder = (previous: string | undefined, date: string, previousName: string, field: string): Either<DomainError, void> =>
  previous === undefined || date >= previous
    ? right(undefined)
    : fail(AgreementErrors.milestoneOutOfOrder, `${field} ${date} is before ${previousName} ${previous}`, 'lifecycle dates in order', field);

const register = (command: C.RegisterAgreementEdition, state: AgreementState): Decision => {
  if (isRegistered(state)) {
    return fail(AgreementErrors.alreadyRegistered, `${state.agreementId} is already registered`, 'one registration per edition');
  }
  return pipe(
    validateGrievanceProcedure(command.grievanceProcedure),
    chain(() =>
      validData(E.AgreementEditionRegistered.codec, {
        unitId: command.unitId,
        editionId: command.editionId,
        title: command.title,
        term: command.term,
        tentativelyAgreedOn: command.tentativelyAgreedOn,
        fundingContingent: command.fundingContingent,
        articles: command.articles,
        grievanceProcedure: command.grievanceProcedure,
        reopeners: command.reopeners,
      }),
    ),
    chain((data): Decision => {
      if (data.term.expiresOn <= data.term.effectiveFrom) {
        return fail(AgreementErrors.invalidTerm, 'the term must end after it starts', 'expiresOn > effectiveFrom', 'term.expiresOn');
      }
      if (data.articles.length === 0) return fail(AgreementErrors.noArticles, 'an edition needs at least one article', 'edition has articles', 'articles');
      const duplicateKey = firstDuplicate(data.articles.map((a) => a.key));
      if (duplicateKey !== undefined) {
        return fail(AgreementErrors.duplicateArticleKey, `article key "${duplicateKey}" is used twice`, 'article keys unique', 'articles');
      }
      const duplicateNumber = firstDuplicate(data.articles.map((a) => a.number));
      if (duplicateNumber !== undefined) {
        return fail(AgreementErrors.duplicateArticleNumber, `Art. ${duplicateNumber} is used twice`, 'article numbers unique among articles in force', 'articles');
      }
      const duplicateReopener = firstDuplicate(data.reopeners.map((r) => r.fiscalYear));
      if (duplicateReopener !== undefined) {
        return fail(AgreementErrors.duplicateReopener, `two ${duplicateReopener} reopeners`, 'one reopener per fiscal year', 'reopeners');
      }
      const keys = new Set(data.articles.map((a) => a.key));
      for (const [i, reopener] of data.reopeners.entries()) {
        const unknown = reopener.articleKeys.find((k) => !keys.has(k));
        if (unknown !== undefined) {
          return fail(AgreementErrors.unknownArticleKey, `the ${reopener.fiscalYear} reopener names unknown article "${unknown}"`, 'article keys of the edition', `reopeners.${i}.articleKeys`);
        }
      }
      return right([{ type: 'AgreementEditionRegistered', data }]);
    }),
  );
};

const ratify = (command: C.RecordMemberRatification, agreement: RegisteredAgreement): Decision => {
  if (agreement.status !== 'tentativelyAgreed') {
    return fail(AgreementErrors.alreadyRatified, 'members have already ratified this edition', 'members ratify once, after the tentative agreement');
  }
  return pipe(
    validData(E.AgreementRatifiedByMembers.codec, withoutUndefined({ ratifiedOn: command.ratifiedOn, votesFor: command.votesFor, votesAgainst: command.votesAgainst })),
    chain((data) => pipe(requireMilestoneOrder(agreement.milestones.tentativelyAgreedOn, data.ratifiedOn, 'the tentative agreement', 'ratifiedOn'), chain((): Decision => right([{ type: 'AgreementRatifiedByMembers', data }])))),
  );
};

const approve = (command: C.RecordBoardApproval, agreement: RegisteredAgreement): Decision => {
  if (agreement.status === 'tentativelyAgreed') {
    return fail(AgreementErrors.ratificationRequired, 'the Board votes after the members ratify', 'board approval follows member ratification');
  }
  if (agreement.status !== 'ratifiedByMembers') return fail(AgreementErrors.alreadyApproved, 'the Board has already approved this edition', 'the Board approves once');
  return pipe(
    validData(E.AgreementApprovedByBoard.codec, { approvedOn: command.approvedOn }),
    chain((data) => pipe(requireMilestoneOrder(agreement.milestones.ratifiedOn, data.approvedOn, 'member ratification', 'approvedOn'), chain((): Decision => right([{ type: 'AgreementApprovedByBoard', data }])))),
  );
};

const putIntoEffect = (command: C.PutAgreementIntoEffect, agreement: RegisteredAgreement): Decision => {
  const rule = 'in effect requires member ratification and board approval';
  if (agreement.status === 'tentativelyAgreed') return fail(AgreementErrors.ratificationRequired, 'members have not ratified this edition', rule);
  if (agreement.status === 'ratifiedByMembers') return fail(AgreementErrors.boardApprovalRequired, 'the Board has not approved this edition', rule);
  if (agreement.status !== 'approvedByBoard') return fail(AgreementErrors.alreadyInEffect, 'the edition is already in effect', 'takes effect once');
  return pipe(
    validData(E.AgreementTookEffect.codec, { effectiveOn: command.effectiveOn }),
    chain((data) =>
      pipe(
        requireMilestoneOrder(agreement.milestones.approvedOn, data.effectiveOn, 'board approval', 'effectiveOn'),
        chain((): Decision =>
          data.effectiveOn > agreement.term.expiresOn
            ? fail(AgreementErrors.effectAfterTermEnd, `the term ended ${agreement.term.expiresOn}`, 'takes effect within the term', 'effectiveOn')
            : right([{ type: 'AgreementTookEffect', data }]),
        ),
      ),
    ),
  );
};

const requireInEffect = (agreement: RegisteredAgreement): Either<DomainError, void> =>
  agreement.status === 'inEffect'
    ? right(undefined)
    : fail(AgreementErrors.notInEffect, `${agreement.agreementId} is ${agreement.status}, not in effect`, 'only an edition in effect can expire or be superseded', undefined, {
        status: agreement.status,
      });

const expire = (command: C.ExpireAgreement, agreement: RegisteredAgreement): Decision =>
  pipe(
    requireInEffect(agreement),
    chain(() => validData(E.AgreementExpired.codec, { expiredOn: command.expiredOn })),
    chain((data): Decision =>
      data.expiredOn <= agreement.term.expiresOn
        ? fail(AgreementErrors.expiryBeforeTermEnd, `the term runs through ${agreement.term.expiresOn}`, 'expires after the end of its term', 'expiredOn')
        : right([{ type: 'AgreementExpired', data }]),
    ),
  );

const supersede = (command: C.SupersedeAgreement, agreement: RegisteredAgreement): Decision =>
  pipe(
    requireInEffect(agreement),
    chain(() => validData(E.AgreementSuperseded.codec, { supersededOn: command.supersededOn, successorEditionId: command.successorEditionId })),
    chain((data): Decision => {
      if (data.successorEditionId === agreement.editionId) {
        return fail(AgreementErrors.invalidSuccessor, 'an edition cannot supersede itself', 'successor is another edition', 'successorEditionId');
      }
      if (data.supersededOn <= agreement.term.effectiveFrom || data.supersededOn > addDays(agreement.term.expiresOn, 1)) {
        return fail(
          AgreementErrors.supersessionOutsideTerm,
          `a successor can take over after ${agreement.term.effectiveFrom} and by ${addDays(agreement.term.expiresOn, 1)}`,
          'superseded within the term',
          'supersededOn',
        );
      }
      return right([{ type: 'AgreementSuperseded', data }]);
    }),
  );

const requireBoardApproved = (agreement: RegisteredAgreement): Either<DomainError, void> =>
  agreement.milestones.approvedOn !== undefined
    ? right(undefined)
    : fail(AgreementErrors.boardApprovalRequired, 'funding follows the Board approving the agreement', 'funding is decided for a board-approved agreement');

const recordShortfall = (command: C.RecordFundingShortfall, agreement: RegisteredAgreement): Decision =>
  pipe(
    requireBoardApproved(agreement),
    chain(() => validData(E.FundingShortfallRecorded.codec, { recordedOn: command.recordedOn, fiscalYear: command.fiscalYear, detail: command.detail })),
    chain((data) => pipe(requireMilestoneOrder(agreement.milestones.approvedOn, data.recordedOn, 'board approval', 'recordedOn'), chain(() => right(data)))),
    chain((data): Decision =>
      agreement.fundingStatus === 'renegotiating'
        ? fail(AgreementErrors.alreadyRenegotiating, 'a funding shortfall is already being renegotiated', 'a shortfall reopens fiscal terms once until funded')
        : right([{ type: 'FundingShortfallRecorded', data }]),
    ),
  );

const confirmFunding = (command: C.ConfirmFunding, agreement: RegisteredAgreement): Decision =>
  pipe(
    requireBoardApproved(agreement),
    chain(() => validData(E.FundingConfirmed.codec, { confirmedOn: command.confirmedOn, fiscalYear: command.fiscalYear })),
    chain((data) => pipe(requireMilestoneOrder(agreement.milestones.approvedOn, data.confirmedOn, 'board approval', 'confirmedOn'), chain(() => right(data)))),
    chain((data): Decision => {
      const history = agreement.fundingHistory;
      if (agreement.fundingStatus === 'renegotiating') {
        const pending = [...history].reverse().find((f) => f.status === 'renegotiating')?.fiscalYear;
        return pending === undefined || pending === data.fiscalYear
          ? right([{ type: 'FundingConfirmed', data }])
          : fail(AgreementErrors.shortfallPending, `the ${pending} shortfall must be settled first`, 'a funding shortfall is settled before other fiscal years', 'fiscalYear', { pending });
      }
      if (agreement.fundingStatus === 'funded' && history.length === 0) {
        return fail(AgreementErrors.alreadyFunded, 'the fiscal terms of this edition are not contingent on funding', 'funding confirmed once per fiscal year', 'fiscalYear');
      }
      if (history.some((f) => f.fiscalYear === data.fiscalYear && f.status === 'funded')) {
        return fail(AgreementErrors.alreadyFunded, `${data.fiscalYear} is already funded`, 'funding confirmed once per fiscal year', 'fiscalYear');
      }
      return right([{ type: 'FundingConfirmed', data }]);
    }),
  );

const amendArticle = (command: C.AmendArticle, agreement: RegisteredAgreement): Decision =>
  pipe(
    validData(
      E.ArticleAmended.codec,
      withoutUndefined({ articleKey: command.articleKey, effectiveOn: command.effectiveOn, summary: command.summary, title: command.title, basis: command.basis }),
    ),
    chain((data) =>
      pipe(
        findArticle(agreement, data.articleKey),
        chain((history) => pipe(requireWithinTerm(agreement, data.effectiveOn, 'effectiveOn'), chain(() => requireRevisable(history, data.effectiveOn)))),
        chain(() => requireBasis(agreement, data.basis)),
        chain(() => requireInBasisScope(agreement, data.basis, data.articleKey)),
        chain((): Decision => right([{ type: 'ArticleAmended', data }])),
      ),
    ),
  );

const renumberArticle = (command: C.RenumberArticle, agreement: RegisteredAgreement): Decision =>
  pipe(
    validData(
      E.ArticleRenumbered.codec,
      withoutUndefined({ articleKey: command.articleKey, effectiveOn: command.effectiveOn, number: command.number, title: command.title, basis: command.basis }),
    ),
    chain((data) =>
      pipe(
        findArticle(agreement, data.articleKey),
        chain((history) =>
          pipe(
            requireWithinTerm(agreement, data.effectiveOn, 'effectiveOn'),
            chain(() => requireRevisable(history, data.effectiveOn)),
            chain(() =>
              history.revisions[history.revisions.length - 1]?.number === data.number
                ? fail(AgreementErrors.numberUnchanged, `article "${data.articleKey}" is already Art. ${data.number}`, 'a renumbering changes the number', 'number')
                : right(undefined),
            ),
          ),
        ),
        chain(() => requireBasis(agreement, data.basis)),
        chain(() => requireUniqueNumbers(agreement, { type: 'ArticleRenumbered', data }, 'number')),
      ),
    ),
  );

const addArticle = (command: C.AddArticle, agreement: RegisteredAgreement): Decision =>
  pipe(
    validData(
      E.ArticleAdded.codec,
      withoutUndefined({ articleKey: command.articleKey, number: command.number, title: command.title, effectiveOn: command.effectiveOn, basis: command.basis }),
    ),
    chain((data) =>
      agreement.articles.some((a) => a.key === data.articleKey)
        ? fail(AgreementErrors.duplicateArticleKey, `article key "${data.articleKey}" is already used in this edition`, 'article keys unique (never reused)', 'articleKey')
        : pipe(
            requireWithinTerm(agreement, data.effectiveOn, 'effectiveOn'),
            chain(() => requireBasis(agreement, data.basis)),
            chain(() => requireUniqueNumbers(agreement, { type: 'ArticleAdded', data }, 'number')),
          ),
    ),
  );

const removeArticle = (command: C.RemoveArticle, agreement: RegisteredAgreement): Decision =>
  pipe(
    validData(E.ArticleRemoved.codec, withoutUndefined({ articleKey: command.articleKey, effectiveOn: command.effectiveOn, basis: command.basis })),
    chain((data) =>
      pipe(
        findArticle(agreement, data.articleKey),
        chain((history) =>
          pipe(
            requireWithinTerm(agreement, data.effectiveOn, 'effectiveOn'),
            chain(() => requireRevisable(history, data.effectiveOn)),
            chain(() =>
              data.effectiveOn <= lastRevisionDate(history)
                ? fail(
                    AgreementErrors.amendmentOutOfOrder,
                    `article "${history.key}" has a revision effective ${lastRevisionDate(history)}; removal must come later`,
                    'article history is recorded in effective-date order',
                    'effectiveOn',
                  )
                : right(undefined),
            ),
          ),
        ),
        chain(() => requireBasis(agreement, data.basis)),
        chain((): Decision => right([{ type: 'ArticleRemoved', data }])),
      ),
    ),
  );

const attachMou = (command: C.AttachMou, agreement: RegisteredAgreement): Decision =>
  pipe(
    validData(
      E.MouAttached.codec,
      withoutUndefined({ mouId: command.mouId, title: command.title, effectiveFrom: command.effectiveFrom, effectiveUntil: command.effectiveUntil, articleKeys: command.articleKeys }),
    ),
    chain((data): Decision => {
      if (agreement.mous.some((m) => m.mouId === data.mouId)) {
        return fail(AgreementErrors.duplicateMou, `MOU "${data.mouId}" is already attached`, 'MOU ids unique', 'mouId');
      }
      if (data.effectiveUntil !== undefined && data.effectiveUntil < data.effectiveFrom) {
        return fail(AgreementErrors.invalidMouDates, 'an MOU cannot end before it starts', 'effectiveUntil >= effectiveFrom', 'effectiveUntil');
      }
      return pipe(
        requireWithinTerm(agreement, data.effectiveFrom, 'effectiveFrom'),
        chain(() => requireKnownKeys(agreement, data.articleKeys, 'articleKeys')),
        chain((): Decision => right([{ type: 'MouAttached', data }])),
      );
    }),
  );

const setReopenerScope = (command: C.SetReopenerScope, agreement: RegisteredAgreement): Decision =>
  pipe(
    validData(E.ReopenerScopeSet.codec, { fiscalYear: command.fiscalYear, articleKeys: command.articleKeys }),
    chain((data) =>
      pipe(
        requireBasis(agreement, { kind: 'reopener', fiscalYear: data.fiscalYear }),
        chain(() => requireKnownKeys(agreement, data.articleKeys, 'articleKeys')),
        chain((): Decision => right([{ type: 'ReopenerScopeSet', data }])),
      ),
    ),
  );

const amendProcedure = (command: C.AmendGrievanceProcedure, agreement: RegisteredAgreement): Decision =>
  pipe(
    validateGrievanceProcedure(command.procedure, 'procedure'),
    chain(() =>
      validData(E.GrievanceProcedureAmended.codec, withoutUndefined({ effectiveOn: command.effectiveOn, procedure: command.procedure, basis: command.basis })),
    ),
    chain((data) => {
      const latest = agreement.procedures[agreement.procedures.length - 1]?.effectiveFrom ?? agreement.term.effectiveFrom;
      return pipe(
        requireWithinTerm(agreement, data.effectiveOn, 'effectiveOn'),
        chain(() =>
          data.effectiveOn < latest
            ? fail(AgreementErrors.amendmentOutOfOrder, `the procedure already has a version effective ${latest}`, 'procedure versions in effective-date order', 'effectiveOn')
            : right(undefined),
        ),
        chain(() => requireBasis(agreement, data.basis)),
        chain((): Decision => right([{ type: 'GrievanceProcedureAmended', data }])),
      );
    }),
  );

export const decideAgreement = (command: C.AgreementCommand, state: AgreementState): Decision => {
  if (command.type === 'RegisterAgreementEdition') return register(command, state);
  const open = requireOpen(state);
  if (isLeft(open)) return open;
  const agreement = open.right;
  switch (command.type) {
    case 'RecordMemberRatification':
      return ratify(command, agreement);
    case 'RecordBoardApproval':
      return approve(command, agreement);
    case 'PutAgreementIntoEffect':
      return putIntoEffect(command, agreement);
    case 'ExpireAgreement':
      return expire(command, agreement);
    case 'SupersedeAgreement':
      return supersede(command, agreement);
    case 'RecordFundingShortfall':
      return recordShortfall(command, agreement);
    case 'ConfirmFunding':
      return confirmFunding(command, agreement);
    case 'AmendArticle':
      return amendArticle(command, agreement);
    case 'RenumberArticle':
      return renumberArticle(command, agreement);
    case 'AddArticle':
      return addArticle(command, agreement);
    case 'RemoveArticle':
      return removeArticle(command, agreement);
    case 'AttachMou':
      return attachMou(command, agreement);
    case 'SetReopenerScope':
      return setReopenerScope(command, agreement);
    case 'AmendGrievanceProcedure':
      return amendProcedure(command, agreement);
  }
};
