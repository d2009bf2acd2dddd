/**
 * The deadline-lapse reactor: a daily due-date sweep (see `runDueSweep`) over the grievances' open deadlines.
 * For each open deadline whose due date is before today (the clock's date in the district's time zone) it sends
 * `recordLapse` to the grievance service, so a missed deadline becomes a fact without a person. Once per
 * deadline and due date: the sweep records the command id `commandIdOf(name, "{grievance}/{deadline}@{due}", 0)`,
 * and the grievance records nothing for a deadline already missed, so a crash between the two changes nothing.
 */
import { dateInZone, type Actor, type DomainError, type EventStore } from '@laborcase/core';
import { isGrievanceFiled, type GrievanceService } from '@laborcase/domain/grievance';
import { isLeft } from 'fp-ts/lib/Either.js';
import { InvalidProjection } from '../errors.js';
import type { DueItem, DueSweeper } from '../sweeper.js';
import { accepted, filedGrievanceIds, requireOptions, type GrievanceIdSource } from './shared.js';

export interface LapsedDeadline extends DueItem {
  /** `{grievanceId}/{deadlineId}`. */
  readonly id: string;
  readonly grievanceId: string;
  readonly deadlineId: string;
}

export interface DeadlineLapseOptions {
  readonly grievances: Pick<GrievanceService, 'get' | 'recordLapse'>;
  /** Read for the default `grievanceIds`. */
  readonly eventStore: EventStore;
  readonly clock: () => Date;
  /** The district's IANA time zone: "today" is the clock's date there (e.g. `America/New_York`). */
  readonly timeZone: string;
  /** Recorded as the provenance of every lapse. */
  readonly actor: Actor;
  readonly grievanceIds?: GrievanceIdSource;
  /**
   * A lapse the grievance refused (a provisional due date its calendar now counts later, say). The deadline is
   * not marked done: the next day's sweep asks again.
   */
  readonly onRejected?: (deadline: LapsedDeadline, rejection: DomainError) => void;
  /** Names the sweep's record and command ids (default `deadline_lapse`). */
  readonly name?: string;
}

const validTimeZone = (timeZone: unknown): string => {
  if (typeof timeZone !== 'string') throw new InvalidProjection('timeZone', 'must be an IANA time zone name');
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new InvalidProjection('timeZone', `is not a time zone: ${JSON.stringify(timeZone)}`);
  }
  return timeZone;
};

export const deadlineLapseSweeper = (options: DeadlineLapseOptions): DueSweeper<LapsedDeadline> => {
  requireOptions(options, ['grievances', 'eventStore', 'actor'], ['grievanceIds', 'onRejected']);
  if (typeof options.clock !== 'function') throw new InvalidProjection('clock', 'must be a function returning the current instant');
  const timeZone = validTimeZone(options.timeZone);
  const { grievances, actor, clock } = options;
  const name = options.name ?? 'deadline_lapse';
  const grievanceIds = options.grievanceIds ?? filedGrievanceIds(options.eventStore);
  return {
    name,
    today: () => dateInZone(clock(), timeZone),
    async due(today) {
      const due: LapsedDeadline[] = [];
      for (const grievanceId of await grievanceIds()) {
        const { state } = await accepted(name, `due:${grievanceId}`, grievances.get(grievanceId));
        // A closed grievance's deadlines are moot; one in abeyance may still lapse a deadline past before it began.
        if (!isGrievanceFiled(state) || state.status === 'closed') continue;
        for (const deadline of state.deadlines) {
          if (deadline.status === 'open' && deadline.dueOn < today) {
            due.push({ id: `${grievanceId}/${deadline.deadlineId}`, grievanceId, deadlineId: deadline.deadlineId, dueOn: deadline.dueOn });
          }
        }
      }
      return due;
    },
    async dispatch(deadline, { commandId, today }) {
      const result = await grievances.recordLapse(deadline.grievanceId, { deadlineId: deadline.deadlineId, asOf: today }, actor, { commandId });
      if (!isLeft(result)) return 'done';
      options.onRejected?.(deadline, result.left);
      return 'notDone';
    },
  };
};
