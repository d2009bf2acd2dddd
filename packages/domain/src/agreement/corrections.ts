/**
 * Corrections of an agreement stream (e.g. a mistyped article title in the registration): the generic
 * correction rules plus the agreement's invariants re-checked on the corrected history.
 */
import { right, type Either } from 'fp-ts/lib/Either.js';
import { correctable, reject, type CorrectionPolicy, type DomainError } from '@laborcase/core';
import { agreementDecider } from './decide/index.js';
import { AgreementErrors, AgreementRules } from './errors.js';
import { agreementEventDefinitions, type AgreementEvent } from './events.js';
import { firstNumberClash } from './invariants.js';
import { procedureProblems } from './procedure.js';
import { evolveAgreement, initialAgreementState, isRegistered, type AgreementState } from './state.js';

export const CORRECTION_BREAKS_INVARIANT = AgreementErrors.correctionBreaksInvariant;

const broken = (rule: string, message: string, details?: Record<string, unknown>): Either<DomainError, never> =>
  reject(AgreementErrors.correctionBreaksInvariant, message, rule, 'replacement', details);

const articleKeyOf = (event: AgreementEvent): string | undefined =>
  'articleKey' in event.data && typeof event.data.articleKey === 'string' ? event.data.articleKey : undefined;

/**
 * The invariants a corrected agreement history must still satisfy: one registration and it comes first, a
 * valid term and procedure, unique article keys, article events about known keys, numbers unique among the
 * articles in force on every date.
 */
export const verifyAgreementHistory = (events: readonly AgreementEvent[]): Either<DomainError, void> => {
  const first = events[0];
  if (first === undefined) return right(undefined);
  if (first.type !== 'AgreementEditionRegistered') return broken(AgreementRules.registrationFirst, 'the corrected stream would not start with the registration');
  let state: AgreementState = initialAgreementState;
  for (const [index, event] of events.entries()) {
    if (index > 0 && event.type === 'AgreementEditionRegistered') return broken(AgreementRules.oneRegistration, 'the corrected stream would register the edition twice');
    if (event.type === 'AgreementEditionRegistered') {
      const { term, articles } = event.data;
      if (term.expiresOn <= term.effectiveFrom) return broken(AgreementRules.term, 'the corrected term would end before it starts');
      if (new Set(articles.map((a) => a.key)).size !== articles.length) return broken(AgreementRules.articleKeysUnique, 'the corrected registration repeats an article key');
    }
    const procedure = event.type === 'AgreementEditionRegistered' ? event.data.grievanceProcedure : event.type === 'GrievanceProcedureAmended' ? event.data.procedure : undefined;
    if (procedure !== undefined && procedureProblems(procedure).length > 0) {
      return broken(AgreementRules.procedureRules, 'the corrected grievance procedure is invalid', { problems: procedureProblems(procedure) });
    }
    const key = articleKeyOf(event);
    if (isRegistered(state) && key !== undefined) {
      const known = state.articles.some((a) => a.key === key);
      if (event.type === 'ArticleAdded' ? known : !known) {
        return broken(AgreementRules.articleKeysUniqueAndKnown, `the corrected ${event.type} would refer to ${known ? 'an existing' : 'an unknown'} article "${key}"`);
      }
    }
    state = evolveAgreement(state, event);
  }
  if (isRegistered(state)) {
    const clash = firstNumberClash(state.articles, state.term);
    if (clash !== undefined) {
      return broken(AgreementRules.articleNumbersUnique, `after the correction, ${clash.articleKeys.join(' and ')} would both be Art. ${clash.number} on ${clash.date}`, { ...clash });
    }
  }
  return right(undefined);
};

export const agreementCorrectionPolicy: CorrectionPolicy<AgreementEvent> = {
  definitions: agreementEventDefinitions,
  verify: verifyAgreementHistory,
};

/** The Agreement decider with corrections: decide and load take the stream's records (with event ids). */
export const correctableAgreement = correctable(agreementDecider, agreementCorrectionPolicy);
