/** Reading the step ladder of a grievance's procedure snapshot: where a case enters and what follows a step. */
import type { ArbitrationSnapshot, ProcedureSnapshot, ProcedureStep } from './procedureSnapshot.js';

/** What follows a step: another step, arbitration, or nothing (the last answer is final). */
export type NextStage =
  | { readonly kind: 'step'; readonly step: ProcedureStep }
  | { readonly kind: 'arbitration'; readonly arbitration: ArbitrationSnapshot }
  | { readonly kind: 'end' };

export const findStep = (procedure: ProcedureSnapshot, stepId: string): ProcedureStep | undefined => procedure.steps.find((s) => s.id === stepId);

/** What follows `stepId`, or undefined for a step the procedure does not have. */
export const stageAfter = (procedure: ProcedureSnapshot, stepId: string): NextStage | undefined => {
  const index = procedure.steps.findIndex((s) => s.id === stepId);
  if (index < 0) return undefined;
  const next = procedure.steps[index + 1];
  if (next !== undefined) return { kind: 'step', step: next };
  return procedure.arbitration !== undefined ? { kind: 'arbitration', arbitration: procedure.arbitration } : { kind: 'end' };
};

export const isLastStep = (procedure: ProcedureSnapshot, stepId: string): boolean => procedure.steps.at(-1)?.id === stepId;

/** The class entry step for class and association grievances (when the edition has one), otherwise the first step. */
export const entryStepOf = (procedure: ProcedureSnapshot, kind: 'individual' | 'class'): ProcedureStep | undefined =>
  kind === 'class' && procedure.classGrievance !== undefined ? findStep(procedure, procedure.classGrievance.entryStep) : procedure.steps[0];
