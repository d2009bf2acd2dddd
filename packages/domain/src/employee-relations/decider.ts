import type { Decider } from '@laborcase/core';
import type { EmployeeRelationsCommand } from './commands.js';
import { decide } from './decide.js';
import type { EmployeeRelationsEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialEmployeeRelationsState, type EmployeeRelationsState } from './state.js';

export const employeeRelationsCaseDecider: Decider<EmployeeRelationsCommand, EmployeeRelationsState, EmployeeRelationsEvent> = {
  decide,
  evolve,
  initialState: initialEmployeeRelationsState,
};

/** Stream id `ercase-{caseId}`, e.g. `ercase-ER-26-005`. */
export const employeeRelationsStreamId = (caseId: string): string => `ercase-${caseId}`;
