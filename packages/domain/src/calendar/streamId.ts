/** Stream (and calendar) id for a district's school-year calendar: `calendar-ecps-2025-26`. */
export const calendarStreamId = (districtId: string, schoolYear: string): string => `calendar-${districtId}-${schoolYear}`;
