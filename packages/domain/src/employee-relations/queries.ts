/** Read-only questions over a case's state. */
import type { CaseState, EmployeeRelationsState } from './state.js';

/** The case, or undefined when no complaint was received on the stream. */
export const caseOf = (state: EmployeeRelationsState): CaseState | undefined => (state.status === 'none' ? undefined : state);

export const isUnderInvestigation = (state: EmployeeRelationsState): boolean => state.status === 'investigating';

export const hasPendingAppeal = (state: EmployeeRelationsState): boolean => state.status !== 'none' && state.appeal?.status === 'pending';

/** Whether the findings that stand now (as issued, or as an appeal revised them) substantiate the allegation. */
export const isSubstantiated = (state: EmployeeRelationsState, allegationId: string): boolean =>
  state.status !== 'none' && state.findings !== undefined && Object.prototype.hasOwnProperty.call(state.findings, allegationId) && state.findings[allegationId] === 'substantiated';

/** The allegations the standing findings substantiate, in the order they were received. */
export const substantiatedAllegationIds = (state: EmployeeRelationsState): readonly string[] =>
  state.status === 'none' ? [] : state.allegations.map((a) => a.allegationId).filter((id) => isSubstantiated(state, id));
