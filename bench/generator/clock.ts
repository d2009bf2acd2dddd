/**
 * A store clock the generator drives: before each command it moves "now" to the command's business date, so
 * `recordedAt` reads like a record kept on the day (from 08:00 UTC, one millisecond per read). Never goes back:
 * a read on an earlier date than the last one continues from the last instant.
 */
export interface SimulatedClock {
  /** Pass this to the store (`clock: simulated.now`). */
  readonly now: () => Date;
  /** Business date (YYYY-MM-DD) of the next records. */
  readonly advanceTo: (date: string) => void;
}

const START_OF_DAY = 'T08:00:00.000Z';

export const createSimulatedClock = (firstDate = '2000-01-01'): SimulatedClock => {
  let instant = Date.parse(`${firstDate}${START_OF_DAY}`);
  return {
    now: () => {
      const current = new Date(instant);
      instant += 1;
      return current;
    },
    advanceTo: (date) => {
      const startOfDay = Date.parse(`${date}${START_OF_DAY}`);
      if (Number.isNaN(startOfDay)) throw new Error(`not a date: ${date}`);
      if (startOfDay > instant) instant = startOfDay;
    },
  };
};
