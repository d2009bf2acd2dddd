import type { AddedClosure, ClosureScope, DateRange, LabelledDate } from './events.js';

export interface AdoptCalendar {
  readonly type: 'AdoptCalendar';
  readonly districtId: string;
  /** `YYYY-YY`, e.g. `2025-26`; the calendar covers July 1 of the first year through June 30 of the second. */
  readonly schoolYear: string;
  readonly firstStudentDay: string;
  readonly lastStudentDay: string;
  /** District holidays: closed to students and offices. May fall inside a break. */
  readonly holidays: readonly LabelledDate[];
  /** Breaks: closed to students; offices stay open except on holidays inside the break. */
  readonly breaks: readonly DateRange[];
  /** PD, grading and similar days: closed to students, offices open. */
  readonly noStudentDays: readonly LabelledDate[];
  readonly adoptedOn: string;
}

export interface DeclareEmergencyClosure {
  readonly type: 'DeclareEmergencyClosure';
  readonly date: string;
  readonly scope: ClosureScope;
  readonly reason: string;
  readonly declaredOn: string;
}

export interface RescindEmergencyClosure {
  readonly type: 'RescindEmergencyClosure';
  readonly date: string;
  readonly reason: string;
  readonly rescindedOn: string;
}

export interface AmendCalendar {
  readonly type: 'AmendCalendar';
  readonly addClosures: readonly AddedClosure[];
  /** Closed dates that become ordinary days again (make-up days); the label says what they become. */
  readonly reopenDates: readonly LabelledDate[];
  readonly lastStudentDay?: string;
  readonly reason: string;
  readonly amendedOn: string;
}

export type WorkCalendarCommand = AdoptCalendar | DeclareEmergencyClosure | RescindEmergencyClosure | AmendCalendar;
