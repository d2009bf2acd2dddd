import { deepStrictEqual } from 'node:assert/strict';
import * as fc from 'fast-check';
import { fold, type Decider, type DomainEvent } from '../kernel/decider.js';

/** Property: folding the same events twice yields equal states (evolve is a pure function of its inputs). */
export const replayIsDeterministic = <State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  history: fc.Arbitrary<readonly Event[]>,
) =>
  fc.property(history, (events) => {
    deepStrictEqual(fold(decider.evolve, decider.initialState, events), fold(decider.evolve, decider.initialState, events));
  });

/** Property: folding a prefix and then the rest equals folding the whole history. */
export const foldIsIncremental = <State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  history: fc.Arbitrary<readonly Event[]>,
) =>
  fc.property(
    history.chain((events) => fc.tuple(fc.constant(events), fc.nat({ max: events.length }))),
    ([events, cut]) => {
      const prefix = fold(decider.evolve, decider.initialState, events.slice(0, cut));
      deepStrictEqual(fold(decider.evolve, prefix, events.slice(cut)), fold(decider.evolve, decider.initialState, events));
    },
  );

/** Property: deciding the same command on the same history twice gives the same answer. */
export const decideIsDeterministic = <Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  history: fc.Arbitrary<readonly Event[]>,
  command: fc.Arbitrary<Command>,
) =>
  fc.property(history, command, (events, cmd) => {
    const state = fold(decider.evolve, decider.initialState, events);
    deepStrictEqual(decider.decide(cmd, state), decider.decide(cmd, state));
  });

/**
 * Arbitrary histories that a decider itself would produce: start from the initial state and repeatedly
 * apply generated commands, keeping only the accepted ones' events.
 */
export const decidedHistory = <Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  commands: fc.Arbitrary<readonly Command[]>,
): fc.Arbitrary<readonly Event[]> =>
  commands.map((cmds) => {
    let state = decider.initialState;
    const events: Event[] = [];
    for (const cmd of cmds) {
      const decision = decider.decide(cmd, state);
      if (decision._tag === 'Left') continue;
      for (const event of decision.right) {
        state = decider.evolve(state, event);
        events.push(event);
      }
    }
    return events;
  });
