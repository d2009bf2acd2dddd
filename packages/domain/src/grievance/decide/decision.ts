/** What every decide module shares: the decision type, closure events and the lifecycle gate. */
import { right, type Either } from 'fp-ts/lib/Either.js';
import { reject, type Check, type DomainError } from '@laborcase/core';
import type { GrievanceCommand } from '../commands.js';
import { GrievanceErrors as E, GrievanceRules as R } from '../errors.js';
import type { ClosureOutcome, GrievanceEvent } from '../events.js';
import type { FiledGrievance } from '../state.js';

export type Decision = Either<DomainError, readonly GrievanceEvent[]>;

export const NONE: Decision = right([]);

/** Where the case stands: the current step id, or `arbitration`. */
export const stageId = (state: FiledGrievance): string => (state.stage.kind === 'step' ? state.stage.stepId : 'arbitration');

export const closed = (state: FiledGrievance, closedOn: string, outcome: ClosureOutcome, resolvedAt = stageId(state)): GrievanceEvent => ({
  type: 'GrievanceClosed',
  data: { closedOn, outcome, resolvedAt },
});

const ALLOWED_IN_ABEYANCE: ReadonlySet<GrievanceCommand['type']> = new Set(['ResumeGrievance', 'WithdrawGrievance', 'SettleGrievance']);

/** Closed grievances accept nothing; grievances in abeyance only resume, settle or withdraw. */
export const lifecycleGate = (state: FiledGrievance, command: GrievanceCommand): Check => {
  if (state.status === 'closed') {
    return reject(E.closed, `grievance ${state.grievanceId} was closed on ${state.closure?.closedOn ?? '?'} (${state.closure?.outcome ?? '?'})`, R.lifecycle, 'type', {
      closure: state.closure,
    });
  }
  if (state.status === 'inAbeyance' && !ALLOWED_IN_ABEYANCE.has(command.type)) {
    return reject(E.inAbeyance, `grievance ${state.grievanceId} is in abeyance since ${state.abeyanceSince ?? '?'}`, R.abeyance, 'type');
  }
  return undefined;
};
