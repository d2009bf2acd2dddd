import * as t from 'io-ts';
import { NonNegativeInteger } from '@laborcase/core';

/** How a contract counts days: school days (students in session), working days (Mon–Fri minus holidays), or every day. */
export const DayType = t.keyof({ school: null, working: null, calendar: null }, 'DayType');
export type DayType = t.TypeOf<typeof DayType>;

/**
 * A contract time limit: "within `n` `dayType` days after the anchor". `summerDayType` is the day type that
 * replaces `dayType` after the last student day when the procedure says so (e.g. school → working).
 */
export const Limit = t.intersection(
  [t.type({ n: NonNegativeInteger, dayType: DayType }), t.partial({ summerDayType: DayType })],
  'Limit',
);
export type Limit = t.TypeOf<typeof Limit>;
