import type { Decider } from '@laborcase/core';
import type { WorkCalendarCommand } from './commands.js';
import { decide } from './decide.js';
import type { WorkCalendarEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialWorkCalendarState, type WorkCalendarState } from './state.js';

export { calendarStreamId } from './streamId.js';

export const workCalendarDecider: Decider<WorkCalendarCommand, WorkCalendarState, WorkCalendarEvent> = {
  decide,
  evolve,
  initialState: initialWorkCalendarState,
};
