/**
 * A generated adopted calendar per school year, built from the same rules as the ECPS calendars of the domain
 * notes (§7, §7.1): first student day the Monday of Aug 22–28, last the Tuesday of June 13–19, US federal
 * holidays observed, winter and spring breaks, a PD day and a grading day; and the snow days declared during the
 * winter, each on a school day, declared that morning.
 */
import { addDays, eachDate, isWeekend } from '@laborcase/core';
import type { AdoptCalendarInput, DeclareEmergencyClosureInput } from '@laborcase/domain/calendar';
import { dateOf, nthWeekday, observed, onOrAfter, weekdayOnOrAfter } from './dates.js';
import type { Random } from './random.js';

/** `2025-26` → 2025. */
export const startYearOf = (schoolYear: string): number => Number(schoolYear.slice(0, 4));

export const schoolYearStarting = (year: number): string => `${year}-${String((year + 1) % 100).padStart(2, '0')}`;

export interface GeneratedCalendar {
  readonly schoolYear: string;
  readonly adoption: AdoptCalendarInput;
  /** Dates closed before any snow day: holidays, breaks, no-student days. */
  readonly closed: ReadonlySet<string>;
}

export const calendarForSchoolYear = (schoolYear: string): GeneratedCalendar => {
  const y = startYearOf(schoolYear);
  const firstStudentDay = onOrAfter(dateOf(y, 8, 22), 'Mon');
  const plannedLastDay = onOrAfter(dateOf(y + 1, 6, 13), 'Tue');
  const winterFirst = weekdayOnOrAfter(dateOf(y, 12, 23));
  const winterLast = onOrAfter(dateOf(y, 12, 31), 'Fri');
  const springFirst = nthWeekday(y + 1, 3, 'Mon', -1);
  const breaks = [
    { first: winterFirst, last: winterLast, label: 'Winter break' },
    { first: springFirst, last: addDays(springFirst, 4), label: 'Spring break' },
  ];
  const holidays = [
    { date: observed(dateOf(y, 7, 4)), label: 'Independence Day' },
    { date: nthWeekday(y, 9, 'Mon', 1), label: 'Labor Day' },
    { date: nthWeekday(y, 10, 'Mon', 2), label: "Indigenous Peoples' Day" },
    { date: observed(dateOf(y, 11, 11)), label: 'Veterans Day' },
    { date: nthWeekday(y, 11, 'Thu', 4), label: 'Thanksgiving' },
    { date: addDays(nthWeekday(y, 11, 'Thu', 4), 1), label: 'Thanksgiving (day after)' },
    { date: observed(dateOf(y, 12, 25)), label: 'Christmas Day' },
    { date: observed(dateOf(y + 1, 1, 1)), label: "New Year's Day" },
    { date: nthWeekday(y + 1, 1, 'Mon', 3), label: 'Martin Luther King Jr. Day' },
    { date: nthWeekday(y + 1, 2, 'Mon', 3), label: "Presidents' Day" },
    { date: nthWeekday(y + 1, 5, 'Mon', -1), label: 'Memorial Day' },
    { date: observed(dateOf(y + 1, 6, 19)), label: 'Juneteenth' },
  ].filter((h) => h.date >= dateOf(y, 7, 1) && h.date <= dateOf(y + 1, 6, 30));
  const noStudentDays = [
    { date: nthWeekday(y, 10, 'Fri', 3), label: 'Professional development' },
    { date: nthWeekday(y + 1, 1, 'Fri', -1), label: 'Grading day' },
  ];
  // A no-student day never shares a date with a holiday or a break: drop any the rules above made collide.
  const separate = noStudentDays.filter((d) => !holidays.some((h) => h.date === d.date) && !breaks.some((b) => d.date >= b.first && d.date <= b.last));
  const closed = new Set<string>([...holidays.map((h) => h.date), ...separate.map((d) => d.date), ...breaks.flatMap((b) => eachDate(b.first, b.last))]);
  // The last student day is a day in session: a holiday on it (Juneteenth on a Tuesday) moves it back.
  let lastStudentDay = plannedLastDay;
  while (closed.has(lastStudentDay) || isWeekend(lastStudentDay)) lastStudentDay = addDays(lastStudentDay, -1);
  return {
    schoolYear,
    adoption: { firstStudentDay, lastStudentDay, holidays, breaks, noStudentDays: separate, adoptedOn: dateOf(y, 5, 20) },
    closed,
  };
};

/** Is `date` a student day of the generated calendar (snow days not counted)? */
export const isStudentDay = (calendar: GeneratedCalendar, date: string): boolean =>
  date >= calendar.adoption.firstStudentDay && date <= calendar.adoption.lastStudentDay && !isWeekend(date) && !calendar.closed.has(date);

/** 0–`max` snow days between December and mid-March, on distinct student days, declared that morning. */
export const snowDaysFor = (calendar: GeneratedCalendar, random: Random, max = 4): readonly DeclareEmergencyClosureInput[] => {
  const y = startYearOf(calendar.schoolYear);
  const candidates = eachDate(dateOf(y, 12, 1), dateOf(y + 1, 3, 15)).filter((d) => isStudentDay(calendar, d));
  const count = random.int(0, max);
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, candidates.length)) chosen.add(random.pick(candidates));
  return [...chosen].sort().map((date) => ({ date, scope: 'schoolsAndOffices', reason: 'Snow and ice: schools and offices closed', declaredOn: date }));
};
