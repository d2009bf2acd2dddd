/**
 * Grievance aggregate (stream `grievance-{grievanceId}`): filing, steps, deadlines as events, arbitration, closure.
 * The service loads the agreement edition and calendar version a command needs; events record what was used
 * (edition, article numbers, procedure snapshot, each deadline's rule), so replays need no other stream.
 * Policies are summarised at the top of decide/index.ts; the service API in README.md.
 */
export * from './events.js';
export {
  AgreeExtensionInput,
  AgreementRef,
  AppealToNextStepInput,
  CloseArbitrationHearingInput,
  DemandArbitrationInput,
  FileGrievanceInput,
  GrievantInput,
  PlaceInAbeyanceInput,
  RecalculateDeadlineInput,
  RecordAwardInput,
  RecordDeadlineLapseInput,
  RecordStepAnswerInput,
  ResumeGrievanceInput,
  ScheduleStepMeetingInput,
  SelectArbitratorInput,
  SettleGrievanceInput,
  WithdrawGrievanceInput,
  grievanceCommandDate,
  type GrievanceCommand,
  type RecalculateDeadline,
} from './commands.js';
/** Each grievance command's type, e.g. `GrievanceCommands.FileGrievance`. */
export type * as GrievanceCommands from './commands.js';
export {
  ARBITRATION_STAGE,
  deadlineIdFor,
  evolveGrievance,
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
export { GrievanceErrors, GrievanceRules, type GrievanceErrorCode } from './errors.js';
export {
  DeadlineRuleSnapshot,
  DeadlineRuleV1,
  LimitV1,
  ProcedureSnapshot,
  ProcedureSnapshotV1,
  toDeadlineRuleSnapshot,
  toProcedureSnapshot,
  type LimitSnapshot,
  type ProcedureStep,
} from './procedureSnapshot.js';
export { decideGrievance, grievanceDecider } from './decide/index.js';
export { grievanceStreamId } from './streamId.js';
export { openDeadlines, recalculableDeadlines, type OpenDeadline } from './queries.js';
export { GrievanceId, createGrievanceService, schoolYearOf, type GrievanceService, type GrievanceServiceOptions, type LoadedGrievance } from './service.js';
export { GRIEVANCE_CORRECTION_BREAKS_INVARIANT, correctableGrievance, grievanceCorrectionPolicy, verifyGrievanceHistory } from './corrections.js';
