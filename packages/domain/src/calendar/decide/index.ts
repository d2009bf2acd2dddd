import { reject, type Decider } from '@laborcase/core';
import type { WorkCalendarCommand } from '../commands.js';
import { CalendarErrors, CalendarRules } from '../errors.js';
import type { WorkCalendarEvent } from '../events.js';
import { currentCalendar } from '../queries.js';
import { evolve, initialWorkCalendarState, type WorkCalendarState } from '../state.js';
import { decideAdopt } from './adopt.js';
import { decideAmend, decideDeclare, decideRescind } from './change.js';
import type { Decision } from './checks.js';

export type { Decision } from './checks.js';

export const decide = (command: WorkCalendarCommand, state: WorkCalendarState): Decision => {
  if (command.type === 'AdoptCalendar') return decideAdopt(command, state);
  const calendar = currentCalendar(state);
  if (calendar === undefined) return reject(CalendarErrors.calendarNotAdopted, 'no calendar has been adopted for this district and school year', CalendarRules.adoptedFirst);
  switch (command.type) {
    case 'DeclareEmergencyClosure':
      return decideDeclare(command, calendar);
    case 'RescindEmergencyClosure':
      return decideRescind(command, calendar);
    case 'AmendCalendar':
      return decideAmend(command, calendar);
  }
};

export const workCalendarDecider: Decider<WorkCalendarCommand, WorkCalendarState, WorkCalendarEvent> = {
  decide,
  evolve,
  initialState: initialWorkCalendarState,
};
