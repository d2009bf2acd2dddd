/** Stream id `ercase-{caseId}`, e.g. `ercase-ER-26-005`. */
export const employeeRelationsStreamId = (caseId: string): string => `ercase-${caseId}`;
