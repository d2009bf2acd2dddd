import { left } from 'fp-ts/lib/Either.js';
import { domainError } from '@laborcase/core';
import { RULE, type Decision } from './checks.js';
import type { WorkCalendarCommand } from './commands.js';
import { decideAdopt } from './decideAdoption.js';
import { decideAmend, decideDeclare, decideRescind } from './decideChange.js';
import { currentCalendar, type WorkCalendarState } from './state.js';

const notAdopted = (): Decision =>
  left(domainError('CalendarNotAdopted', 'no calendar has been adopted for this district and school year', { rule: RULE.adoptedFirst }));

export const decide = (command: WorkCalendarCommand, state: WorkCalendarState): Decision => {
  if (command.type === 'AdoptCalendar') return decideAdopt(command, state);
  const calendar = currentCalendar(state);
  if (calendar === undefined) return notAdopted();
  switch (command.type) {
    case 'DeclareEmergencyClosure':
      return decideDeclare(command, calendar);
    case 'RescindEmergencyClosure':
      return decideRescind(command, calendar);
    case 'AmendCalendar':
      return decideAmend(command, calendar);
  }
};
