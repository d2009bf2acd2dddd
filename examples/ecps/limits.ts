/**
 * Time limits of the ECPS grievance procedures (domain.md §7) as `Limit` values: edition data for the fixture,
 * until the Agreement aggregate carries them.
 */
import type { Limit } from '../../packages/domain/src/calendar/index.js';

/** ECEA Art. 5: school days; after the last student day a school day counts as a working day. */
const eceaSchoolDays = (n: number): Limit => ({ n, dayType: 'school', summerDayType: 'working' });

export const eceaArt5 = {
  step1File: eceaSchoolDays(20),
  step1Meeting: eceaSchoolDays(10),
  step1Answer: eceaSchoolDays(10),
  step2Appeal: eceaSchoolDays(10),
  step2Hearing: eceaSchoolDays(15),
  step2Answer: eceaSchoolDays(10),
  arbitrationNotice: eceaSchoolDays(20),
  awardAfterClose: { n: 30, dayType: 'calendar' } satisfies Limit,
} as const;

/** ECSSU Art. 6: working days year-round. */
export const ecssuArt6 = {
  step1File: { n: 15, dayType: 'working' } satisfies Limit,
  step1Answer: { n: 10, dayType: 'working' } satisfies Limit,
  step2Appeal: { n: 10, dayType: 'working' } satisfies Limit,
  step2Answer: { n: 15, dayType: 'working' } satisfies Limit,
} as const;
