/** Stream id `grievance-{grievanceId}`, e.g. `grievance-G-25-001`. */
export const grievanceStreamId = (grievanceId: string): string => `grievance-${grievanceId}`;
