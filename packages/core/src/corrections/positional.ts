import type { Decider, DomainEvent } from '../kernel/decider.js';
import type { CorrectionCommand } from './commands.js';
import type { CorrectableDecider } from './decide.js';
import type { StreamRecord } from './effectiveEvents.js';
import type { CorrectionEvent } from './events.js';

/** The records of a stream whose event ids are their 1-based positions ("1", "2", ...). */
export interface PositionalStream {
  readonly records: readonly StreamRecord[];
}

/**
 * A correctable aggregate as a plain `Decider` over a stream whose event ids are its positions, so
 * given/when/then specs and property tests can use it (a real store assigns its own ids).
 */
export const asPositionalDecider = <Command, State, Event extends DomainEvent>(
  correctableDecider: CorrectableDecider<Command, State, Event>,
): Decider<Command | CorrectionCommand, PositionalStream, Event | CorrectionEvent> => ({
  decide: (command, stream) => correctableDecider.decide(command, stream.records),
  evolve: (stream, event) => ({ records: [...stream.records, { eventId: String(stream.records.length + 1), type: event.type, data: event.data }] }),
  initialState: { records: [] },
});
