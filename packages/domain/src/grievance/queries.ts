/** Pure questions about one grievance, for process managers and projections. */
import type { DeadlineRuleSnapshot, LimitSnapshot } from './procedureSnapshot.js';
import { isFiled, type GrievanceState, type TrackedDeadline } from './state.js';
import { grievanceStreamId } from './streamId.js';

/** A deadline a grievance is still waiting on, as the grievance last computed it: what a calendar change could move. */
export interface OpenDeadline {
  readonly deadlineId: string;
  readonly streamId: string;
  readonly anchor: string;
  readonly limit: LimitSnapshot;
  /** The calendar of the first day counted (and its version, 0 when it was not adopted). */
  readonly calendarId: string;
  readonly calendarVersion: number;
  readonly dueOn: string;
  /** Every calendar the count used, when it used several or the fallback (the rule's `calendars`). */
  readonly calendars?: DeadlineRuleSnapshot['calendars'];
  /** Counted in part under the fallback: recalculated when the missing calendar is adopted. */
  readonly provisional?: true;
}

const watched = (streamId: string, d: TrackedDeadline): OpenDeadline => ({
  deadlineId: d.deadlineId,
  streamId,
  anchor: d.anchor,
  limit: d.rule.limit,
  calendarId: d.rule.calendarId,
  calendarVersion: d.rule.calendarVersion,
  dueOn: d.dueOn,
  ...(d.rule.calendars !== undefined ? { calendars: d.rule.calendars } : {}),
  ...(d.rule.provisional === true ? { provisional: true as const } : {}),
});

const ofOpenGrievance = (state: GrievanceState, keep: (d: TrackedDeadline) => boolean): readonly OpenDeadline[] => {
  if (!isFiled(state) || state.status !== 'open') return [];
  const streamId = grievanceStreamId(state.grievanceId);
  return state.deadlines.filter((d) => !d.extended && keep(d)).map((d) => watched(streamId, d));
};

/**
 * The deadlines the calendar process manager should watch: open, counted from an anchor under a rule.
 * Extended deadlines are left out: their due date is a date the parties agreed, not a count a calendar change
 * could move. Tolled deadlines (abeyance) and closed grievances have none.
 */
export const openDeadlines = (state: GrievanceState): readonly OpenDeadline[] => ofOpenGrievance(state, (d) => d.status === 'open');

/**
 * What a calendar change may recalculate: the open deadlines, and the provisional ones already met (a filing
 * limit is met at filing), so that no deadline keeps a fallback due date once the real calendar is known.
 */
export const recalculableDeadlines = (state: GrievanceState): readonly OpenDeadline[] =>
  ofOpenGrievance(state, (d) => d.status === 'open' || (d.status === 'met' && d.rule.provisional === true));
