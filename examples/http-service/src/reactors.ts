/**
 * The labor reactors, in the service's process: the calendar recalculation reactor (a calendar change moves the
 * open deadlines it affects) follows the log, waking on every append but running only when a calendar changed; the deadline-lapse sweep (a deadline past
 * its due date becomes a `DeadlineMissed`) runs when the business date changes and every `sweepEveryMs`. Both
 * record what they did in the read-model store, so a restart acts on nothing twice. A failing run is logged and
 * retried after a pause; it never stops the API.
 */
import { START, type Actor, type CodecRegistry, type EventStore, type GlobalPosition } from '@laborcase/core';
import type { GrievanceService } from '@laborcase/domain/grievance';
import { createReactorRunner, runDueSweep, type ReadModelStore } from '@laborcase/projections';
import { CALENDAR_CHANGE_TYPES, calendarRecalculationReactor, deadlineLapseSweeper } from '@laborcase/projections/reactors';

export interface ReactorsOptions {
  readonly eventStore: EventStore;
  readonly registry: CodecRegistry;
  readonly readModels: ReadModelStore;
  readonly grievances: GrievanceService;
  /** Recorded as the provenance of every recalculation and lapse. */
  readonly actor: Actor;
  readonly clock: () => Date;
  /** The district's IANA time zone: the sweep's "today". */
  readonly timeZone: string;
  readonly sweepEveryMs: number;
  readonly log: (message: string, error?: unknown) => void;
}

export interface RunningReactors {
  /** The last failure, if the last run failed (for `/health`). */
  lastError(): string | undefined;
  stop(): Promise<void>;
}

const PAUSE_AFTER_FAILURE_MS = 1_000;

export const startReactors = (options: ReactorsOptions): RunningReactors => {
  const { eventStore, registry, readModels, grievances, actor, clock } = options;
  const calendar = createReactorRunner({ eventStore, registry, store: readModels, reactor: calendarRecalculationReactor({ eventStore, registry, grievances, actor }) });
  const sweeper = deadlineLapseSweeper({ grievances, eventStore, clock, timeZone: options.timeZone, actor });
  const stopping = new AbortController();
  let lastError: string | undefined;
  // `at` is the process's monotonic time: the interval holds whatever the business clock says.
  let lastSweep: { day: string; at: number } | undefined;

  const sweepIfDue = async (): Promise<void> => {
    const day = sweeper.today();
    const at = performance.now();
    if (lastSweep !== undefined && lastSweep.day === day && at - lastSweep.at < options.sweepEveryMs) return;
    await runDueSweep(sweeper, readModels);
    lastSweep = { day, at };
  };

  /** Whether a calendar changed after `after`: most appends are grievance commands, which the reactor ignores. */
  const calendarChangedAfter = async (after: GlobalPosition): Promise<boolean> => {
    for await (const _change of eventStore.readAll({ after, eventTypes: CALENDAR_CHANGE_TYPES, maxCount: 1 })) return true;
    return false;
  };

  const loop = async (): Promise<void> => {
    let seen: GlobalPosition = START;
    while (!stopping.signal.aborted) {
      try {
        // The head is taken first: a change appended after it wakes the wait below, so none is missed.
        const head = await eventStore.headPosition();
        if (await calendarChangedAfter(seen)) await calendar.runOnce();
        seen = head;
        await sweepIfDue();
        lastError = undefined;
        await eventStore.waitForEvents(seen, { signal: stopping.signal, timeoutMs: options.sweepEveryMs });
      } catch (error) {
        if (stopping.signal.aborted) break;
        lastError = error instanceof Error ? error.message : String(error);
        options.log('reactor run failed; retrying', error);
        await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_FAILURE_MS));
      }
    }
  };
  const running = loop();

  return {
    lastError: () => lastError,
    stop: async () => {
      stopping.abort();
      await running;
    },
  };
};
