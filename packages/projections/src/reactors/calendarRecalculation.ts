/**
 * Calendar change → deadline recalculation: the domain's calendar → grievance process manager as a reactor. On
 * each calendar change it folds the calendar stream up to that change, asks `onCalendarChanged` which deadlines
 * of the watched grievances move, and sends each instruction to the grievance service with the command id
 * `{reactor command id}/{deadline id}`. The grievance records nothing for an instruction already applied (the
 * deadline counted on that calendar version or a later one), so a redelivered change moves nothing twice.
 */
import { readDecoded, type Actor, type CodecRegistry, type EventStore } from '@laborcase/core';
import { workCalendarDecider, type WorkCalendarEvent, type WorkCalendarState } from '@laborcase/domain/calendar';
import { onCalendarChanged, type DeadlineRecalculationFailed } from '@laborcase/domain/calendar-to-grievance';
import { recalculableDeadlines, type GrievanceService } from '@laborcase/domain/grievance';
import { InvalidProjection } from '../errors.js';
import type { Reactor, ReactorEvent } from '../reactor.js';
import { accepted, filedGrievanceIds, requireOptions, type GrievanceIdSource } from './shared.js';

export const CALENDAR_CHANGE_TYPES = ['CalendarAdopted', 'EmergencyClosureDeclared', 'EmergencyClosureRescinded', 'CalendarAmended'] as const;

export type RecalculateAfterCalendarChange = {
  readonly type: 'RecalculateAfterCalendarChange';
  readonly calendarEventId: string;
};

export interface CalendarRecalculationOptions {
  readonly eventStore: EventStore;
  /** Must decode the calendar and grievance events (`createDomainRegistry()`). */
  readonly registry: CodecRegistry;
  readonly grievances: Pick<GrievanceService, 'get' | 'recalculateDeadline'>;
  /** Recorded as the provenance of every recalculation. */
  readonly actor: Actor;
  /** The grievances to look at; default: every grievance filed in the log (`filedGrievanceIds`). */
  readonly grievanceIds?: GrievanceIdSource;
  /** A deadline the new calendar version cannot count (it runs past the calendar's end): for a person to resolve. */
  readonly onRecalculationFailed?: (failure: DeadlineRecalculationFailed) => void;
  /** Names the reactor's checkpoint and command ids (default `calendar_recalc`). */
  readonly name?: string;
}

/** The calendar as it stood right after `eventId`, and that change. */
const calendarAt = async (eventStore: EventStore, registry: CodecRegistry, event: ReactorEvent): Promise<{ state: WorkCalendarState; change: WorkCalendarEvent }> => {
  let state = workCalendarDecider.initialState;
  for await (const decoded of readDecoded(eventStore, registry, event.streamId)) {
    if (decoded.kind !== 'event') throw new InvalidProjection('calendar', `${event.streamId} v${decoded.record.streamVersion} is unreadable: ${decoded.reason}`);
    const change = { type: decoded.type, data: decoded.data } as WorkCalendarEvent;
    state = workCalendarDecider.evolve(state, change);
    if (decoded.record.eventId === event.eventId) return { state, change };
  }
  throw new InvalidProjection('calendarEventId', `${event.eventId} is not in ${event.streamId}`);
};

export const calendarRecalculationReactor = (options: CalendarRecalculationOptions): Reactor<RecalculateAfterCalendarChange> => {
  requireOptions(options, ['eventStore', 'registry', 'grievances', 'actor'], ['grievanceIds', 'onRecalculationFailed']);
  const { eventStore, registry, grievances, actor } = options;
  const name = options.name ?? 'calendar_recalc';
  const grievanceIds = options.grievanceIds ?? filedGrievanceIds(eventStore);
  return {
    name,
    eventTypes: CALENDAR_CHANGE_TYPES,
    react: (event) => [{ type: 'RecalculateAfterCalendarChange', calendarEventId: event.eventId }],
    async dispatch(_command, { commandId, event }) {
      const { state, change } = await calendarAt(eventStore, registry, event);
      for (const grievanceId of await grievanceIds()) {
        const grievance = await accepted(name, commandId, grievances.get(grievanceId));
        const plan = onCalendarChanged(change, state, recalculableDeadlines(grievance.state));
        for (const failure of plan.failures) options.onRecalculationFailed?.(failure);
        for (const { type: _type, streamId: _streamId, ...instruction } of plan.recalculations) {
          const recalculationId = `${commandId}/${instruction.deadlineId}`;
          const input = { ...instruction, calendarChangedOn: event.metadata.effectiveOn };
          await accepted(name, recalculationId, grievances.recalculateDeadline(grievanceId, input, actor, { commandId: recalculationId, correlationId: event.metadata.correlationId }));
        }
      }
    },
  };
};
