/**
 * The grievance procedure of one agreement edition, as data. Every time limit is a `Limit` (n days of a
 * day type), never a code constant: editions differ and get amended.
 *
 * Anchors, so the Grievance aggregate and the deadline engine read the limits the same way:
 * - `fileWithin`: to file a grievance that *enters* at this step, counted from the occurrence (or discovery,
 *   per `filingClockStarts`). Every step has one, because class grievances and appeals skipped by mutual
 *   agreement can enter at later steps.
 * - `meetWithin`: to hold the step meeting / hearing, counted from the filing or appeal at this step.
 * - `answerWithin`: to answer in writing, counted from the meeting when the step has `meetWithin`, otherwise
 *   from the filing or appeal.
 * - `appealWithin`: to appeal this step's answer to the next step, counted per `appealAnchor` (from the answer
 *   received, or from the date the answer was due when management is late). Required on every step but the
 *   last; appeals out of the last step go to arbitration under `arbitration.noticeWithin`.
 */
import * as t from 'io-ts';
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { NonEmptyString, NonNegativeInteger, toFieldIssues, reject, type Check, type DomainError } from '@laborcase/core';
import { Limit } from '../calendar/limit.js';
import { AgreementErrors, AgreementRules } from './errors.js';

export const AppealAnchor = t.keyof({ answerReceived: null, answerDueIfLate: null }, 'AppealAnchor');
export type AppealAnchor = t.TypeOf<typeof AppealAnchor>;

export const GrievanceStep = t.intersection(
  [
    t.type({
      id: NonEmptyString,
      level: NonNegativeInteger,
      name: NonEmptyString,
      hearer: NonEmptyString,
      fileWithin: Limit,
      answerWithin: Limit,
      appealAnchor: AppealAnchor,
    }),
    t.partial({ meetWithin: Limit, appealWithin: Limit }),
  ],
  'GrievanceStep',
);
export type GrievanceStep = t.TypeOf<typeof GrievanceStep>;

/** An informal (usually oral) discussion before the written steps. */
export const InformalStep = t.type(
  { hearer: NonEmptyString, raiseWithin: Limit, required: t.boolean },
  'InformalStep',
);
export type InformalStep = t.TypeOf<typeof InformalStep>;

export const ClassGrievanceRule = t.type({ minMembers: NonNegativeInteger, entryStep: NonEmptyString }, 'ClassGrievanceRule');
export type ClassGrievanceRule = t.TypeOf<typeof ClassGrievanceRule>;

export const ArbitratorSelection = t.type(
  {
    source: NonEmptyString,
    listSize: NonNegativeInteger,
    method: t.keyof({ alternateStrike: null, mutualChoice: null, permanentPanel: null }),
  },
  'ArbitratorSelection',
);
export type ArbitratorSelection = t.TypeOf<typeof ArbitratorSelection>;

export const ArbitrationFees = t.keyof({ splitEqually: null, loserPays: null, boardPays: null }, 'ArbitrationFees');
export type ArbitrationFees = t.TypeOf<typeof ArbitrationFees>;

export const ArbitrationRule = t.intersection(
  [
    t.type({
      invokedBy: t.literal('association'),
      binding: t.boolean,
      noticeWithin: Limit,
      selection: ArbitratorSelection,
      fees: ArbitrationFees,
    }),
    t.partial({
      /** Counted from the close of the hearing (or of post-hearing briefs). */
      awardWithin: Limit,
      /** Whether discharge of an employee is arbitrable under this edition. */
      includesDischarge: t.boolean,
    }),
  ],
  'ArbitrationRule',
);
export type ArbitrationRule = t.TypeOf<typeof ArbitrationRule>;

export const GrievanceProcedure = t.intersection(
  [
    t.type({
      steps: t.readonlyArray(GrievanceStep),
      filingClockStarts: t.keyof({ occurrence: null, occurrenceOrDiscovery: null }),
      continuingViolations: t.boolean,
      onGrievantLapse: t.keyof({ waived: null, settledOnLastAnswer: null }),
      onManagementLapse: t.literal('mayAdvance'),
      extensions: t.keyof({ mutualWritten: null, none: null }),
    }),
    t.partial({
      informal: InformalStep,
      classGrievance: ClassGrievanceRule,
      /** Absent: the edition has no arbitration; the last step's answer is final. */
      arbitration: ArbitrationRule,
    }),
  ],
  'GrievanceProcedure',
);
export type GrievanceProcedure = t.TypeOf<typeof GrievanceProcedure>;

export interface ProcedureProblem {
  readonly path: string;
  readonly problem: string;
}

const limitProblems = (path: string, limit: Limit | undefined): ProcedureProblem[] =>
  limit !== undefined && limit.n === 0 ? [{ path, problem: 'a time limit must be at least 1 day' }] : [];

/** The rule-level problems of a structurally valid procedure (empty when it is usable). */
export const procedureProblems = (procedure: GrievanceProcedure): readonly ProcedureProblem[] => {
  const problems: ProcedureProblem[] = [];
  const { steps } = procedure;
  if (steps.length === 0) problems.push({ path: 'steps', problem: 'a procedure needs at least one step' });
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    const at = `steps.${i}`;
    if (seen.has(step.id)) problems.push({ path: `${at}.id`, problem: `duplicate step id "${step.id}"` });
    seen.add(step.id);
    const previous = steps[i - 1];
    if (previous !== undefined && step.level <= previous.level) {
      problems.push({ path: `${at}.level`, problem: 'step levels must increase along the ladder' });
    }
    const isLast = i === steps.length - 1;
    if (!isLast && step.appealWithin === undefined) {
      problems.push({ path: `${at}.appealWithin`, problem: 'every step but the last needs a limit to appeal to the next step' });
    }
    if (isLast && step.appealWithin !== undefined) {
      problems.push({ path: `${at}.appealWithin`, problem: 'the last step has no next step; arbitration notice uses arbitration.noticeWithin' });
    }
    problems.push(
      ...limitProblems(`${at}.fileWithin`, step.fileWithin),
      ...limitProblems(`${at}.meetWithin`, step.meetWithin),
      ...limitProblems(`${at}.answerWithin`, step.answerWithin),
      ...limitProblems(`${at}.appealWithin`, step.appealWithin),
    );
  });
  if (procedure.informal !== undefined) problems.push(...limitProblems('informal.raiseWithin', procedure.informal.raiseWithin));
  const cls = procedure.classGrievance;
  if (cls !== undefined) {
    if (cls.minMembers < 2) problems.push({ path: 'classGrievance.minMembers', problem: 'a class needs at least 2 members' });
    if (!steps.some((s) => s.id === cls.entryStep)) {
      problems.push({ path: 'classGrievance.entryStep', problem: `no step "${cls.entryStep}" in the procedure` });
    }
  }
  const arb = procedure.arbitration;
  if (arb !== undefined) {
    problems.push(...limitProblems('arbitration.noticeWithin', arb.noticeWithin), ...limitProblems('arbitration.awardWithin', arb.awardWithin));
    if (arb.selection.method === 'alternateStrike' && arb.selection.listSize < 3) {
      problems.push({ path: 'arbitration.selection.listSize', problem: 'alternate striking needs a list of at least 3 names' });
    }
  }
  return problems;
};

export const INVALID_GRIEVANCE_PROCEDURE = AgreementErrors.invalidGrievanceProcedure;

/**
 * Decode and check a procedure. `field` is the command field that carried it (for the error).
 * The error's `details.problems` lists every problem found, not just the first.
 */
export const validateGrievanceProcedure = (input: unknown, field = 'grievanceProcedure'): Either<DomainError, GrievanceProcedure> => {
  const decoded = GrievanceProcedure.decode(input);
  if (isLeft(decoded)) {
    const issues = toFieldIssues(decoded.left, field);
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return reject(AgreementErrors.invalidGrievanceProcedure, `the grievance procedure is malformed: ${summary}`, AgreementRules.procedureShape, issues[0]?.path ?? field, {
      problems: issues,
    });
  }
  const problems = procedureProblems(decoded.right);
  if (problems.length > 0) {
    const summary = problems.map((p) => `${p.path}: ${p.problem}`).join('; ');
    return reject(AgreementErrors.invalidGrievanceProcedure, `the grievance procedure is invalid: ${summary}`, AgreementRules.procedureRules, `${field}.${problems[0]?.path ?? ''}`, {
      problems,
    });
  }
  return right(decoded.right);
};

/** `validateGrievanceProcedure` as a rule check. */
export const requireValidProcedure = (input: unknown, field?: string): Check => {
  const validated = validateGrievanceProcedure(input, field);
  return isLeft(validated) ? validated : undefined;
};

/** What follows a step: another step, arbitration, or nothing (the last answer is final). */
export type NextStage =
  | { readonly kind: 'step'; readonly step: GrievanceStep }
  | { readonly kind: 'arbitration'; readonly arbitration: ArbitrationRule }
  | { readonly kind: 'end' };

export const UNKNOWN_STEP = AgreementErrors.unknownStep;

export const findStep = (procedure: GrievanceProcedure, stepId: string): GrievanceStep | undefined =>
  procedure.steps.find((s) => s.id === stepId);

export const stepAfter = (procedure: GrievanceProcedure, stepId: string): Either<DomainError, NextStage> => {
  const index = procedure.steps.findIndex((s) => s.id === stepId);
  if (index < 0) {
    return reject(AgreementErrors.unknownStep, `the procedure has no step "${stepId}"`, AgreementRules.stepLadder, 'stepId');
  }
  const next = procedure.steps[index + 1];
  if (next !== undefined) return right({ kind: 'step', step: next });
  return right(procedure.arbitration !== undefined ? { kind: 'arbitration', arbitration: procedure.arbitration } : { kind: 'end' });
};

/** Whether `stepId` is the last step of the ladder (false for an id the procedure does not have). */
export const isLastStep = (procedure: GrievanceProcedure, stepId: string): boolean =>
  procedure.steps.length > 0 && procedure.steps[procedure.steps.length - 1]?.id === stepId;

/** The step a grievance enters at: the class entry step for a class grievance, otherwise the first step. */
export const entryStepOf = (procedure: GrievanceProcedure, kind: 'individual' | 'class'): GrievanceStep | undefined =>
  kind === 'class' && procedure.classGrievance !== undefined
    ? findStep(procedure, procedure.classGrievance.entryStep)
    : procedure.steps[0];
