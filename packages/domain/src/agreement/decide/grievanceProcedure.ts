import { right } from 'fp-ts/lib/Either.js';
import { firstFailure, reject } from '@laborcase/core';
import type { AmendGrievanceProcedure } from '../commands.js';
import { AgreementErrors, AgreementRules } from '../errors.js';
import * as E from '../events.js';
import { requireValidProcedure } from '../procedure.js';
import type { RegisteredAgreement } from '../state.js';
import { requireBasis, requireValidData, requireWithinTerm, withoutUndefined, type Decision } from './checks.js';

/** A new version of the grievance procedure from a date within the term, after the current version's date. */
export const decideProcedureAmendment = (command: AmendGrievanceProcedure, agreement: RegisteredAgreement): Decision => {
  const data = withoutUndefined({ effectiveOn: command.effectiveOn, procedure: command.procedure, basis: command.basis });
  const latest = agreement.procedures[agreement.procedures.length - 1]?.effectiveFrom ?? agreement.term.effectiveFrom;
  const failure = firstFailure(
    requireValidProcedure(command.procedure, 'procedure'),
    () => requireValidData(E.GrievanceProcedureAmended.codec, data),
    () => requireWithinTerm(agreement, data.effectiveOn, 'effectiveOn'),
    () =>
      data.effectiveOn < latest
        ? reject(AgreementErrors.amendmentOutOfOrder, `the procedure already has a version effective ${latest}`, AgreementRules.procedureOrder, 'effectiveOn')
        : undefined,
    () => requireBasis(agreement, data.basis),
  );
  if (failure !== undefined) return failure;
  return right([{ type: 'GrievanceProcedureAmended', data }]);
};
