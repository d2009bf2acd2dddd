/**
 * Process manager from the work calendar to grievances: when a calendar is adopted or changes (a new version),
 * recompute every watched grievance deadline whose count used an older version of that calendar, or the
 * fallback in its place (a provisional deadline), and instruct the grievance to record the new count: always
 * for a provisional deadline, otherwise when the due date moved. Pure: a runner reads the calendar stream and
 * the watched grievances (`recalculableDeadlines`), and sends each instruction to the grievance service
 * (`recalculateDeadline`) or its command handler.
 *
 * A deadline counted across school years is recomputed on the district timeline the runner passes (the other
 * years' calendars), with the changed calendar's new version in it; without a timeline, on that calendar alone.
 *
 * Idempotent per (deadlineId, calendar version): a deadline already computed under this version or a later one
 * is skipped, and so is a settled one whose due date the new version leaves unchanged, so running it again, or
 * on deadlines that already took the instruction, yields nothing.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import type { DomainError } from '@laborcase/core';
import { calendarAsOf, dueDate, withCalendar, type CalendarTimeline, type CalendarVersion, type WorkCalendarEvent, type WorkCalendarState } from '../calendar/index.js';
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

/** The version of `calendarId` the deadline's count used (0 = the fallback), or undefined if it used none of it. */
const usedVersion = (deadline: OpenDeadline, calendarId: string): number | undefined =>
  deadline.calendars !== undefined
    ? deadline.calendars.find((c) => c.calendarId === calendarId)?.calendarVersion
    : deadline.calendarId === calendarId
      ? deadline.calendarVersion
      : undefined;

export const planDeadlineRecalculations = (calendar: CalendarVersion, deadlines: readonly OpenDeadline[], timeline?: CalendarTimeline): RecalculationPlan => {
  const recalculations: RecalculateDeadline[] = [];
  const failures: DeadlineRecalculationFailed[] = [];
  const countOn = timeline !== undefined && timeline.years.some((y) => y.calendarId === calendar.calendarId) ? withCalendar(timeline, calendar) : calendar;
  for (const deadline of deadlines) {
    const used = usedVersion(deadline, calendar.calendarId);
    if (used === undefined || used >= calendar.version) continue;
    const computed = dueDate(deadline.anchor, deadline.limit, countOn);
    if (isLeft(computed)) {
      failures.push({ deadlineId: deadline.deadlineId, streamId: deadline.streamId, calendarVersion: calendar.version, error: computed.left });
      continue;
    }
    if (computed.right.dueOn === deadline.dueOn && deadline.provisional !== true) continue;
    const { rule } = computed.right;
    recalculations.push({
      type: 'RecalculateDeadline',
      deadlineId: deadline.deadlineId,
      streamId: deadline.streamId,
      previousDueOn: deadline.dueOn,
      newDueOn: computed.right.dueOn,
      calendarVersion: calendar.version,
      rule,
      // Names the changed calendar when the rule names several (single-calendar instructions keep their old shape).
      ...(rule.calendars !== undefined || deadline.calendars !== undefined ? { calendarId: calendar.calendarId } : {}),
    });
  }
  return { recalculations, failures };
};

const EMPTY_PLAN: RecalculationPlan = { recalculations: [], failures: [] };

/**
 * Reacts to one calendar event: `stateAfter` is the calendar stream's state with that event folded in;
 * `timeline`, the district's other school years (any version of this one in it is replaced). An adoption
 * recalculates the deadlines counted under the fallback in its place.
 */
export const onCalendarChanged = (
  event: WorkCalendarEvent,
  stateAfter: WorkCalendarState,
  deadlines: readonly OpenDeadline[],
  timeline?: CalendarTimeline,
): RecalculationPlan => {
  const calendar = calendarAsOf(stateAfter, event.data.calendarVersion);
  return calendar === undefined ? EMPTY_PLAN : planDeadlineRecalculations(calendar, deadlines, timeline);
};
