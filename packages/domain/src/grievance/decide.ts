/**
 * The Grievance decider. Policies worth knowing (each documented where it is decided):
 * - Every deadline is an event (`DeadlineScheduled` … `DeadlineMet`/`DeadlineMissed`/`DeadlineExtended`/
 *   `DeadlineRecalculated`/`DeadlineTolled`/`DeadlineResumed`), with the engine's rule, so replays need no
 *   calendar and a compliance projection can count per party.
 * - Management lapses never close a case; they enable the next step. Grievant lapses apply `onGrievantLapse`
 *   (waived when there is no answer to settle on).
 * - System instructions (`RecordDeadlineLapse`, `RecalculateDeadline`) are idempotent: repeats are no-ops,
 *   decided before the closed/abeyance gate; stale recalculations are no-ops, wrong ones typed errors.
 * - Abeyance tolls open deadlines; resuming restarts each for the counted days it had left (at least one).
 * - Association grievances enter where class grievances do (the class entry step), else at the first step.
 * - A step answer that grants closes the case; the last step's answer closes it when the edition has no
 *   arbitration. Closing the arbitration hearing starts the arbitrator's `awardWithin` clock.
 */
import type { GrievanceCommand } from './commands.js';
import { decideAbeyance, decideExtension, decideLapse, decideRecalculation, decideResume } from './decideDeadlines.js';
import { decideFiling } from './decideFiling.js';
import { decideArbitrationDemand, decideArbitratorSelection, decideAward, decideHearingClosure, decideSettlement, decideWithdrawal } from './decideResolution.js';
import { decideAnswer, decideAppeal, decideMeeting } from './decideSteps.js';
import { lifecycleGate, type Decision } from './decision.js';
import { GrievanceErrors as E, GrievanceRules as R, reject } from './rules.js';
import { isFiled, type GrievanceState } from './state.js';

export const decideGrievance = (command: GrievanceCommand, state: GrievanceState): Decision => {
  if (command.type === 'FileGrievance') {
    return isFiled(state) ? reject(E.alreadyFiled, `grievance ${state.grievanceId} is already filed`, R.lifecycle, 'grievanceId') : decideFiling(command);
  }
  if (!isFiled(state)) return reject(E.notFiled, 'no grievance has been filed on this stream', R.lifecycle, 'type');
  // System instructions decide their own idempotency before the lifecycle gate.
  if (command.type === 'RecordDeadlineLapse') return decideLapse(command, state);
  if (command.type === 'RecalculateDeadline') return decideRecalculation(command, state);
  const gate = lifecycleGate(state, command);
  if (gate !== undefined) return gate;
  switch (command.type) {
    case 'ScheduleStepMeeting':
      return decideMeeting(command, state);
    case 'RecordStepAnswer':
      return decideAnswer(command, state);
    case 'AppealToNextStep':
      return decideAppeal(command, state);
    case 'AgreeExtension':
      return decideExtension(command, state);
    case 'PlaceInAbeyance':
      return decideAbeyance(command, state);
    case 'ResumeGrievance':
      return decideResume(command, state);
    case 'WithdrawGrievance':
      return decideWithdrawal(command, state);
    case 'SettleGrievance':
      return decideSettlement(command, state);
    case 'DemandArbitration':
      return decideArbitrationDemand(command, state);
    case 'SelectArbitrator':
      return decideArbitratorSelection(command, state);
    case 'CloseArbitrationHearing':
      return decideHearingClosure(command, state);
    case 'RecordAward':
      return decideAward(command, state);
  }
};
