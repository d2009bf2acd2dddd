/** A district id is a lower-case slug: it is part of the calendar's stream id. */
export const isDistrictId = (districtId: string): boolean => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(districtId);

/** Stream (and calendar) id for a district's school-year calendar: `calendar-ecps-2025-26`. */
export const calendarStreamId = (districtId: string, schoolYear: string): string => `calendar-${districtId}-${schoolYear}`;
