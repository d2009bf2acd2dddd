/**
 * Grievance aggregate (stream `grievance-{grievanceId}`): filing, steps, deadlines as events, arbitration, closure.
 * Commands carry the agreement edition and calendar version they need; events record what was used (edition,
 * article numbers, procedure snapshot, each deadline's rule), so replays need no other stream. Policies are
 * summarised at the top of decide.ts.
 */
export * from './events.js';
export type { GrievanceCommand } from './commands.js';
/** Each grievance command's type, e.g. `GrievanceCommands.FileGrievance`. */
export type * as GrievanceCommands from './commands.js';
export {
  ARBITRATION_STAGE,
  deadlineIdFor,
  findDeadline,
  initialGrievanceState,
  isFiled as isGrievanceFiled,
  type DeadlineStatus,
  type FiledGrievance,
  type GrievanceStage,
  type GrievanceState,
  type StepAnswer,
  type TrackedDeadline,
} from './state.js';
export { GrievanceErrors, GrievanceRules } from './rules.js';
export { decideGrievance } from './decide.js';
export { evolveGrievance } from './evolve.js';
export { grievanceDecider, grievanceStreamId } from './decider.js';
export { openDeadlines } from './queries.js';
export { GRIEVANCE_CORRECTION_BREAKS_INVARIANT, correctableGrievance, grievanceCorrectionPolicy, verifyGrievanceHistory } from './corrections.js';
