import { firstFailure, reject, type Check } from '@laborcase/core';
import type { AppealFindings, DecideFindingsAppeal, ImposeDiscipline } from '../commands.js';
import { EmployeeRelationsErrors as Errors, EmployeeRelationsRules as Rules } from '../errors.js';
import type { Finding } from '../events.js';
import { hasPendingAppeal, isSubstantiated } from '../queries.js';
import type { CaseState } from '../state.js';
import { accept, copyFindings, coverEveryAllegationOnce, opt, recorded, type Decision } from './shared.js';

const restsOnSubstantiatedFindings = (c: ImposeDiscipline, s: CaseState): Check => {
  const unsupported = c.allegationIds.filter((id) => !isSubstantiated(s, id));
  return c.allegationIds.length === 0 || unsupported.length > 0
    ? reject(Errors.disciplineWithoutSubstantiatedFinding, `not substantiated: ${unsupported.join(', ') || '(no allegation cited)'}`, Rules.discipline, 'allegationIds')
    : undefined;
};

export const imposeDiscipline = (c: ImposeDiscipline, s: CaseState): Decision => {
  const respondent = s.respondent;
  const noRespondent = reject(Errors.noRespondent, 'the case names no employee to discipline', Rules.discipline);
  const failure = firstFailure(
    s.status !== 'findingsIssued' || s.findings === undefined ? reject(Errors.findingsNotIssued, 'discipline follows findings', Rules.discipline) : undefined,
    respondent === undefined ? noRespondent : undefined,
    s.discipline.some((d) => d.disciplineId === c.disciplineId)
      ? reject(Errors.duplicateDisciplineId, `discipline ${c.disciplineId} is already recorded`, Rules.input, 'disciplineId')
      : undefined,
    () => restsOnSubstantiatedFindings(c, s),
    hasPendingAppeal(s) ? reject(Errors.appealPending, 'discipline waits for the pending appeal of the findings', Rules.appeal) : undefined,
  );
  if (failure !== undefined || respondent === undefined) return failure ?? noRespondent;
  return accept([
    {
      type: 'DisciplineImposed',
      data: {
        disciplineId: c.disciplineId,
        level: c.level,
        employeeId: respondent.employeeId,
        allegationIds: [...c.allegationIds],
        effectiveOn: c.effectiveOn,
        ...recorded(c),
        ...opt('unitId', respondent.unitId),
      },
    },
  ]);
};

export const appealFindings = (c: AppealFindings, s: CaseState): Decision => {
  const failure = firstFailure(
    s.status === 'findingsIssued' ? undefined : reject(Errors.findingsNotIssued, 'only issued findings can be appealed', Rules.appeal),
    s.appeal === undefined ? undefined : reject(Errors.findingsAlreadyAppealed, `the findings were already appealed by the ${s.appeal.appellant}`, Rules.appeal),
    (c.appellant === 'respondent' && s.respondent === undefined) || (c.appellant === 'complainant' && s.anonymous)
      ? reject(Errors.appellantNotAParty, `the case has no identified ${c.appellant}`, Rules.appeal, 'appellant')
      : undefined,
  );
  if (failure !== undefined) return failure;
  return accept([{ type: 'FindingsAppealed', data: { appellant: c.appellant, grounds: c.grounds, ...recorded(c) } }]);
};

/** An upheld appeal leaves the findings as issued; a modified or reversed one states those that now stand. */
const revisionMatchesOutcome = (c: DecideFindingsAppeal, s: CaseState): Check => {
  if (c.outcome === 'upheld') {
    return c.revisedFindings === undefined ? undefined : reject(Errors.upheldFindingsNotRevised, 'an upheld appeal leaves the findings as issued', Rules.appeal, 'revisedFindings');
  }
  return c.revisedFindings === undefined
    ? reject(Errors.revisedFindingsRequired, `a ${c.outcome} appeal states the findings that now stand`, Rules.appeal, 'revisedFindings')
    : coverEveryAllegationOnce(s, c.revisedFindings, 'revisedFindings');
};

export const decideAppeal = (c: DecideFindingsAppeal, s: CaseState): Decision => {
  const failure = firstFailure(
    hasPendingAppeal(s) ? undefined : reject(Errors.noPendingAppeal, 'there is no pending appeal to decide', Rules.appeal),
    () => revisionMatchesOutcome(c, s),
  );
  if (failure !== undefined) return failure;
  const findings: Finding[] =
    c.revisedFindings === undefined
      ? Object.entries(s.findings ?? {}).map(([allegationId, finding]) => ({ allegationId, finding }))
      : copyFindings(c.revisedFindings);
  return accept([{ type: 'FindingsAppealDecided', data: { outcome: c.outcome, findings, ...recorded(c) } }]);
};
