/** What every case decision uses: the decision type, the event guard, and checks several commands share. */
import type { Either } from 'fp-ts/lib/Either.js';
import { eventValidator, reject, type Check, type DomainError } from '@laborcase/core';
import { EmployeeRelationsErrors, EmployeeRelationsRules } from '../errors.js';
import { employeeRelationsEventDefinitions, type EmployeeRelationsEvent, type Finding } from '../events.js';
import type { CaseState } from '../state.js';

export type Decision = Either<DomainError, readonly EmployeeRelationsEvent[]>;

/** Every event leaves decide valid against its codec; a malformed command field is a typed rejection. */
export const accept = eventValidator<EmployeeRelationsEvent>(employeeRelationsEventDefinitions, EmployeeRelationsRules.input);

export const recorded = (c: { readonly occurredOn: string; readonly actor: string }) => ({ occurredOn: c.occurredOn, actor: c.actor });

export const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

export const copyFindings = (findings: readonly Finding[]): Finding[] =>
  findings.map((f) => ({ allegationId: f.allegationId, finding: f.finding, ...opt('rationale', f.rationale) }));

/** Findings rule on every allegation of the case exactly once. */
export const coverEveryAllegationOnce = (s: CaseState, findings: readonly Finding[], field: string): Check => {
  const known = s.allegations.map((a) => a.allegationId);
  const ids = findings.map((f) => f.allegationId);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) return reject(EmployeeRelationsErrors.unknownAllegation, `no such allegation: ${unknown.join(', ')}`, EmployeeRelationsRules.findings, field);
  const missing = known.filter((id) => !ids.includes(id));
  return missing.length > 0 || new Set(ids).size !== ids.length
    ? reject(
        EmployeeRelationsErrors.findingsIncomplete,
        `each allegation needs exactly one finding; missing: ${missing.join(', ') || 'none (duplicates)'}`,
        EmployeeRelationsRules.findings,
        field,
        { missingAllegationIds: missing },
      )
    : undefined;
};

export const underInvestigation = (s: CaseState): Check =>
  s.status === 'investigating'
    ? undefined
    : reject(EmployeeRelationsErrors.noOpenInvestigation, `the case is ${s.status}, not under investigation`, EmployeeRelationsRules.investigation);
