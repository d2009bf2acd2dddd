import { describe, expect, it } from '@jest/globals';
import { isLeft } from 'fp-ts/lib/Either.js';
import { entryStepOf, isLastStep, procedureProblems, stepAfter, validateGrievanceProcedure, type GrievanceProcedure } from './procedure.js';
import { procedure } from './testData.js';

const problemsOf = (p: GrievanceProcedure) => procedureProblems(p).map((x) => x.path);

describe('GrievanceProcedure validation', () => {
  it('accepts a well-formed procedure unchanged', () => {
    expect(validateGrievanceProcedure(procedure)).toEqual({ _tag: 'Right', right: procedure });
    expect(procedureProblems(procedure)).toEqual([]);
  });
  it('rejects malformed data with the path of the field', () => {
    const result = validateGrievanceProcedure({ ...procedure, steps: [{ ...procedure.steps[0], fileWithin: { n: 20, dayType: 'weekday' } }] });
    expect(isLeft(result) && result.left).toMatchObject({ code: 'InvalidGrievanceProcedure', field: 'grievanceProcedure.steps.0.fileWithin.dayType' });
    const lapse = validateGrievanceProcedure({ ...procedure, onManagementLapse: 'grievantWins' }, 'procedure');
    expect(isLeft(lapse) && lapse.left.field).toBe('procedure.onManagementLapse');
    expect(isLeft(validateGrievanceProcedure({ ...procedure, arbitration: { ...procedure.arbitration, invokedBy: 'grievant' } }))).toBe(true);
  });
  it('needs at least one step', () => {
    expect(problemsOf({ ...procedure, steps: [], classGrievance: undefined } as GrievanceProcedure)).toEqual(['steps']);
  });
  const [step1, step2] = procedure.steps as [GrievanceProcedure['steps'][number], GrievanceProcedure['steps'][number]];
  it('needs unique step ids and increasing levels', () => {
    expect(problemsOf({ ...procedure, steps: [step1, { ...step2, id: 'step-1' }] })).toEqual(['steps.1.id', 'classGrievance.entryStep']);
    expect(problemsOf({ ...procedure, steps: [step1, { ...step2, level: 1 }] })).toEqual(['steps.1.level']);
  });
  it('needs an appeal limit on every step but the last, and none on the last', () => {
    const { appealWithin: _dropped, ...withoutAppeal } = step1;
    expect(problemsOf({ ...procedure, steps: [withoutAppeal, step2] })).toEqual(['steps.0.appealWithin']);
    expect(problemsOf({ ...procedure, steps: [step1, { ...step2, appealWithin: step1.fileWithin }] })).toEqual(['steps.1.appealWithin']);
  });
  it('rejects zero-day limits', () => {
    expect(problemsOf({ ...procedure, steps: [{ ...step1, meetWithin: { n: 0, dayType: 'school' } }, step2] })).toEqual(['steps.0.meetWithin']);
    expect(problemsOf({ ...procedure, arbitration: { ...procedure.arbitration!, noticeWithin: { n: 0, dayType: 'calendar' } } })).toEqual(['arbitration.noticeWithin']);
    expect(problemsOf({ ...procedure, informal: { hearer: 'principal', raiseWithin: { n: 0, dayType: 'school' }, required: false } })).toEqual(['informal.raiseWithin']);
  });
  it('needs the class entry step to exist and a class of at least two', () => {
    expect(problemsOf({ ...procedure, classGrievance: { minMembers: 3, entryStep: 'step-3' } })).toEqual(['classGrievance.entryStep']);
    expect(problemsOf({ ...procedure, classGrievance: { minMembers: 1, entryStep: 'step-2' } })).toEqual(['classGrievance.minMembers']);
  });
  it('needs a real list for alternate striking', () => {
    const selection = { source: 'AAA', listSize: 2, method: 'alternateStrike' as const };
    expect(problemsOf({ ...procedure, arbitration: { ...procedure.arbitration!, selection } })).toEqual(['arbitration.selection.listSize']);
  });
  it('reports every problem, not only the first', () => {
    const result = validateGrievanceProcedure({ ...procedure, steps: [step1, { ...step2, id: 'step-1', level: 0 }] });
    expect(isLeft(result) && result.left.details).toEqual({
      problems: [
        { path: 'steps.1.id', problem: 'duplicate step id "step-1"' },
        { path: 'steps.1.level', problem: 'step levels must increase along the ladder' },
        { path: 'classGrievance.entryStep', problem: 'no step "step-2" in the procedure' },
      ],
    });
  });
});

describe('GrievanceProcedure queries', () => {
  it('steps after a step: the next step, then arbitration', () => {
    expect(stepAfter(procedure, 'step-1')).toEqual({ _tag: 'Right', right: { kind: 'step', step: procedure.steps[1] } });
    expect(stepAfter(procedure, 'step-2')).toEqual({ _tag: 'Right', right: { kind: 'arbitration', arbitration: procedure.arbitration } });
  });
  it('without arbitration the last answer is final', () => {
    const { arbitration: _none, ...noArbitration } = procedure;
    expect(stepAfter(noArbitration, 'step-2')).toEqual({ _tag: 'Right', right: { kind: 'end' } });
  });
  it('reports an unknown step', () => {
    const result = stepAfter(procedure, 'step-3');
    expect(isLeft(result) && result.left).toMatchObject({ code: 'UnknownGrievanceStep', field: 'stepId' });
  });
  it('knows the last step', () => {
    expect([isLastStep(procedure, 'step-1'), isLastStep(procedure, 'step-2'), isLastStep(procedure, 'step-9')]).toEqual([false, true, false]);
  });
  it('class grievances enter at the class entry step, others at the first', () => {
    expect(entryStepOf(procedure, 'class')?.id).toBe('step-2');
    expect(entryStepOf(procedure, 'individual')?.id).toBe('step-1');
    const { classGrievance: _none, ...noClass } = procedure;
    expect(entryStepOf(noClass, 'class')?.id).toBe('step-1');
  });
});
