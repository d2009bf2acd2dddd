import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from './domainError.js';

/** The shape every domain event has inside the pure core: a type tag and a JSON payload. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * An aggregate as a decider: a pure `decide` that turns a command and the current state into
 * new events (or a rejection), a pure `evolve` that folds one event into the state, and the state
 * of a stream that has no events yet.
 */
export interface Decider<Command, State, Event extends DomainEvent, Err extends DomainError = DomainError> {
  readonly decide: (command: Command, state: State) => Either<Err, readonly Event[]>;
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

export const fold = <State, Event>(
  evolve: (state: State, event: Event) => State,
  initialState: State,
  events: Iterable<Event>,
): State => {
  let state = initialState;
  for (const event of events) state = evolve(state, event);
  return state;
};

export type CommandOf<D> = D extends Decider<infer C, infer _S, infer _E, infer _Err> ? C : never;
export type StateOf<D> = D extends Decider<infer _C, infer S, infer _E, infer _Err> ? S : never;
export type EventOf<D> = D extends Decider<infer _C, infer _S, infer E, infer _Err> ? E : never;
