import { AssertionError, deepStrictEqual } from 'node:assert/strict';
import { isLeft } from 'fp-ts/lib/Either.js';
import { fold, type Decider, type DomainEvent } from '../kernel/decider.js';
import type { DomainError } from '../kernel/domainError.js';

export interface WhenStep<State, Event> {
  /** Assert the command produced exactly these events (deep equality, in order). */
  then(expected: readonly Event[]): void;
  /** Assert the command was rejected with this error code; returns the error for further checks. */
  thenFails(code: string): DomainError;
  /** Assert the state after the command's events are folded in. */
  thenState(expected: State): void;
}

export interface GivenStep<Command, State, Event> {
  when(command: Command): WhenStep<State, Event>;
}

const guardAgainstAwait = (value: unknown): void => {
  if (typeof value === 'function') {
    throw new TypeError('a decider spec step was awaited or returned from a test: call .then(expectedEvents) instead');
  }
};

/**
 * Given/when/then for deciders:
 *
 *   const spec = deciderSpec(grievanceDecider);
 *   spec.given([filed]).when(appeal).then([appealed]);
 *   spec.given([]).when(appeal).thenFails('GrievanceNotFiled');
 */
export const deciderSpec = <Command, State, Event extends DomainEvent>(decider: Decider<Command, State, Event>) => ({
  given(history: readonly Event[]): GivenStep<Command, State, Event> {
    const state = fold(decider.evolve, decider.initialState, history);
    return {
      when(command) {
        const decision = decider.decide(command, state);
        const produced = (): readonly Event[] => {
          if (isLeft(decision)) {
            throw new AssertionError({
              message: `expected events, but the command was rejected: ${decision.left.code}: ${decision.left.message}`,
              actual: decision.left,
            });
          }
          return decision.right;
        };
        return {
          then(expected) {
            guardAgainstAwait(expected);
            deepStrictEqual(produced(), expected);
          },
          thenFails(code) {
            if (!isLeft(decision)) {
              throw new AssertionError({ message: `expected rejection ${code}, but the command produced events`, actual: decision.right, expected: code });
            }
            deepStrictEqual(decision.left.code, code, `expected rejection ${code}, got ${decision.left.code}: ${decision.left.message}`);
            return decision.left;
          },
          thenState(expected) {
            deepStrictEqual(fold(decider.evolve, state, produced()), expected);
          },
        };
      },
    };
  },
});
