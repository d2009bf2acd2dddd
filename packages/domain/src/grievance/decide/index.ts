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
import { isLeft } from 'fp-ts/lib/Either.js';
import { CoreErrors, decodeCommand, reject, type Check, type Decider } from '@laborcase/core';
import { grievanceCommandFields, type GrievanceCommand } from '../commands.js';
import { GrievanceErrors as E, GrievanceRules as R } from '../errors.js';
import type { GrievanceEvent } from '../events.js';
import { evolveGrievance, initialGrievanceState, isFiled, type GrievanceState } from '../state.js';
import { decideAbeyance, decideResume } from './abeyance.js';
import { decideExtension, decideLapse, decideRecalculation } from './deadlines.js';
import { lifecycleGate, type Decision } from './decision.js';
import { decideFiling } from './filing.js';
import { decideArbitrationDemand, decideArbitratorSelection, decideAward, decideHearingClosure, decideSettlement, decideWithdrawal } from './resolution.js';
import { decideAnswer, decideAppeal, decideMeeting } from './steps.js';

/** A malformed command is `InvalidCommand` naming the field, whoever sends it (the service checked it already). */
const wellFormed = (command: GrievanceCommand): Check => {
  const type: unknown = typeof command === 'object' && command !== null ? command.type : undefined;
  const codec = typeof type === 'string' && Object.hasOwn(grievanceCommandFields, type) ? grievanceCommandFields[type as GrievanceCommand['type']] : undefined;
  if (codec === undefined) return reject(CoreErrors.invalidCommand, `not a grievance command: ${JSON.stringify(type) ?? 'no type'}`, 'commands are validated against their codec before anything is decided', 'type');
  const decoded = decodeCommand(codec, command, String(type));
  return isLeft(decoded) ? decoded : undefined;
};

const decideFiled = (command: GrievanceCommand, state: GrievanceState): Decision => {
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

export const decideGrievance = (command: GrievanceCommand, state: GrievanceState): Decision => wellFormed(command) ?? decideFiled(command, state);

export const grievanceDecider: Decider<GrievanceCommand, GrievanceState, GrievanceEvent> = {
  decide: decideGrievance,
  evolve: evolveGrievance,
  initialState: initialGrievanceState,
};
