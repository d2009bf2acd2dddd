/** Which aggregate a stream holds, by its id's prefix (the domain's `…StreamId` functions), to fold its state. */
import type { DomainEvent } from '@laborcase/core';
import { agreementDecider } from '@laborcase/domain/agreement';
import { bargainingCycleDecider } from '@laborcase/domain/bargaining';
import { workCalendarDecider } from '@laborcase/domain/calendar';
import { employeeRelationsCaseDecider } from '@laborcase/domain/employee-relations';
import { grievanceDecider } from '@laborcase/domain/grievance';

export interface Fold {
  readonly aggregate: string;
  readonly initialState: unknown;
  readonly evolve: (state: unknown, event: DomainEvent) => unknown;
}

const fold = <State, Event extends DomainEvent>(aggregate: string, decider: { initialState: State; evolve: (state: State, event: Event) => State }): Fold => ({
  aggregate,
  initialState: decider.initialState,
  // The registry decoded the event to this stream's type union; the prefix chose the matching decider.
  evolve: (state, event) => decider.evolve(state as State, event as Event),
});

const byPrefix: readonly (readonly [string, Fold])[] = [
  ['grievance-', fold('grievance', grievanceDecider)],
  ['calendar-', fold('work calendar', workCalendarDecider)],
  ['agreement-', fold('agreement', agreementDecider)],
  ['bargaining-', fold('bargaining cycle', bargainingCycleDecider)],
  ['ercase-', fold('employee-relations case', employeeRelationsCaseDecider)],
];

export const foldFor = (streamId: string): Fold | undefined => byPrefix.find(([prefix]) => streamId.startsWith(prefix))?.[1];
