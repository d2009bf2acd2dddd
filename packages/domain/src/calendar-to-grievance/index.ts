/**
 * Process manager from the work calendar to grievances: when a calendar changes (a new version), recompute
 * every open grievance deadline counted on that calendar and instruct the grievance to move the ones whose due
 * date changed. Pure: a runner reads the calendar stream and the watched grievances, and sends each instruction
 * to the grievance service (`recalculateDeadline`) or its command handler.
 *
 * Idempotent per (deadlineId, calendar version): a deadline already computed under this version or a later one
 * is skipped, and so is one whose due date the new version leaves unchanged, so running it again, or on
 * deadlines that already took the instruction, yields nothing.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import type { DomainError } from '@laborcase/core';
import { calendarAsOf, dueDate, type CalendarVersion, type WorkCalendarEvent, type WorkCalendarState } from '../calendar/index.js';
import type { GrievanceCommands, OpenDeadline } from '../grievance/index.js';

export type { OpenDeadline } from '../grievance/index.js';
export type RecalculateDeadline = GrievanceCommands.RecalculateDeadline;

/** A deadline the new version cannot compute (e.g. it now runs past the calendar's end): for a human to resolve. */
export interface DeadlineRecalculationFailed {
  readonly deadlineId: string;
  readonly streamId: string;
  readonly calendarVersion: number;
  readonly error: DomainError;
}

export interface RecalculationPlan {
  readonly recalculations: readonly RecalculateDeadline[];
  readonly failures: readonly DeadlineRecalculationFailed[];
}

export const planDeadlineRecalculations = (calendar: CalendarVersion, openDeadlines: readonly OpenDeadline[]): RecalculationPlan => {
  const recalculations: RecalculateDeadline[] = [];
  const failures: DeadlineRecalculationFailed[] = [];
  for (const deadline of openDeadlines) {
    if (deadline.calendarId !== calendar.calendarId || deadline.calendarVersion >= calendar.version) continue;
    const computed = dueDate(deadline.anchor, deadline.limit, calendar);
    if (isLeft(computed)) {
      failures.push({ deadlineId: deadline.deadlineId, streamId: deadline.streamId, calendarVersion: calendar.version, error: computed.left });
      continue;
    }
    if (computed.right.dueOn === deadline.dueOn) continue;
    recalculations.push({
      type: 'RecalculateDeadline',
      deadlineId: deadline.deadlineId,
      streamId: deadline.streamId,
      previousDueOn: deadline.dueOn,
      newDueOn: computed.right.dueOn,
      calendarVersion: calendar.version,
      rule: computed.right.rule,
    });
  }
  return { recalculations, failures };
};

const EMPTY_PLAN: RecalculationPlan = { recalculations: [], failures: [] };

/**
 * Reacts to one calendar event: `stateAfter` is the calendar stream's state with that event folded in.
 * Adoption creates version 1 and moves nothing.
 */
export const onCalendarChanged = (event: WorkCalendarEvent, stateAfter: WorkCalendarState, openDeadlines: readonly OpenDeadline[]): RecalculationPlan => {
  if (event.type === 'CalendarAdopted') return EMPTY_PLAN;
  const calendar = calendarAsOf(stateAfter, event.data.calendarVersion);
  return calendar === undefined ? EMPTY_PLAN : planDeadlineRecalculations(calendar, openDeadlines);
};
