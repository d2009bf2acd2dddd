/** What mid-term changes may be made under: attached MOUs and the articles each reopener opens. */
import { right } from 'fp-ts/lib/Either.js';
import { firstFailure, reject } from '@laborcase/core';
import type { AttachMou, SetReopenerScope } from '../commands.js';
import { AgreementErrors, AgreementRules } from '../errors.js';
import * as E from '../events.js';
import type { RegisteredAgreement } from '../state.js';
import { requireKnownKeys, requireReopener, requireValidData, requireWithinTerm, withoutUndefined, type Decision } from './checks.js';

export const decideMouAttachment = (command: AttachMou, agreement: RegisteredAgreement): Decision => {
  const { mouId, title, effectiveFrom, effectiveUntil, articleKeys } = command;
  const data = withoutUndefined({ mouId, title, effectiveFrom, effectiveUntil, articleKeys });
  const failure = firstFailure(
    requireValidData(E.MouAttached.codec, data),
    () => (agreement.mous.some((m) => m.mouId === mouId) ? reject(AgreementErrors.duplicateMou, `MOU "${mouId}" is already attached`, AgreementRules.mouIdsUnique, 'mouId') : undefined),
    () =>
      effectiveUntil !== undefined && effectiveUntil < effectiveFrom
        ? reject(AgreementErrors.invalidMouDates, 'an MOU cannot end before it starts', AgreementRules.mouDates, 'effectiveUntil')
        : undefined,
    () => requireWithinTerm(agreement, effectiveFrom, 'effectiveFrom'),
    () => requireKnownKeys(agreement, articleKeys, 'articleKeys'),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'MouAttached', data }]);
};

export const decideReopenerScope = (command: SetReopenerScope, agreement: RegisteredAgreement): Decision => {
  const data = { fiscalYear: command.fiscalYear, articleKeys: command.articleKeys };
  const failure = firstFailure(
    requireValidData(E.ReopenerScopeSet.codec, data),
    () => requireReopener(agreement, data.fiscalYear, 'fiscalYear'),
    () => requireKnownKeys(agreement, data.articleKeys, 'articleKeys'),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'ReopenerScopeSet', data }]);
};
