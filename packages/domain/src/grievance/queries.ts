/** Pure questions about one grievance, for process managers and projections. */
import type { LimitSnapshot } from './procedureSnapshot.js';
import { isFiled, type GrievanceState } from './state.js';
import { grievanceStreamId } from './streamId.js';

/** A deadline a grievance is still waiting on, as the grievance last computed it: what a calendar change could move. */
export interface OpenDeadline {
  readonly deadlineId: string;
  readonly streamId: string;
  readonly anchor: string;
  readonly limit: LimitSnapshot;
  readonly calendarId: string;
  readonly calendarVersion: number;
  readonly dueOn: string;
}

/**
 * The deadlines the calendar process manager should watch: open, counted from an anchor under a rule.
 * Extended deadlines are left out: their due date is a date the parties agreed, not a count a calendar change
 * could move. Tolled deadlines (abeyance) and closed grievances have none.
 */
export const openDeadlines = (state: GrievanceState): readonly OpenDeadline[] => {
  if (!isFiled(state) || state.status !== 'open') return [];
  const streamId = grievanceStreamId(state.grievanceId);
  return state.deadlines
    .filter((d) => d.status === 'open' && !d.extended)
    .map((d) => ({
      deadlineId: d.deadlineId,
      streamId,
      anchor: d.anchor,
      limit: d.rule.limit,
      calendarId: d.rule.calendarId,
      calendarVersion: d.rule.calendarVersion,
      dueOn: d.dueOn,
    }));
};
