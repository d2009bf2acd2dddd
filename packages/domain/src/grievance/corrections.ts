/**
 * Corrections of a grievance stream (e.g. a mistyped remedy in an award): the generic correction rules plus
 * the grievance's own invariants re-checked on the corrected history.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { correctable, type CorrectionPolicy, domainError, type DomainError } from '@laborcase/core';
import { grievanceDecider } from './decide/index.js';
import { grievanceEventDefinitions, type GrievanceEvent } from './events.js';

export const GRIEVANCE_CORRECTION_BREAKS_INVARIANT = 'GrievanceCorrectionBreaksInvariant';

const broken = (rule: string, message: string): Either<DomainError, never> =>
  left(domainError(GRIEVANCE_CORRECTION_BREAKS_INVARIANT, message, { rule, field: 'replacement' }));

/**
 * A corrected grievance history still starts with its one filing, has nothing after the closure, and its
 * awards (other than denials) state a remedy.
 */
export const verifyGrievanceHistory = (events: readonly GrievanceEvent[]): Either<DomainError, void> => {
  if (events.length === 0) return right(undefined);
  if (events[0]?.type !== 'GrievanceFiled') return broken('the filing comes first', 'the corrected stream would not start with the filing');
  let closedAt = -1;
  for (const [index, event] of events.entries()) {
    if (index > 0 && event.type === 'GrievanceFiled') return broken('a grievance is filed once', 'the corrected stream would file the grievance twice');
    if (closedAt >= 0) return broken('no event after closure', `the corrected stream would record ${event.type} after the closure`);
    if (event.type === 'GrievanceClosed') closedAt = index;
    if (event.type === 'ArbitrationAwardIssued' && event.data.decision !== 'denied' && (event.data.remedy ?? '').trim() === '') {
      return broken('an award that sustains states its remedy', 'the corrected award would have no remedy');
    }
  }
  return right(undefined);
};

export const grievanceCorrectionPolicy: CorrectionPolicy<GrievanceEvent> = {
  definitions: grievanceEventDefinitions,
  verify: verifyGrievanceHistory,
};

/** The Grievance decider with corrections: decide and load take the stream's records (with event ids). */
export const correctableGrievance = correctable(grievanceDecider, grievanceCorrectionPolicy);
