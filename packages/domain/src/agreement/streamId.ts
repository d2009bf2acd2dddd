/** The stream of one edition of one bargaining unit's agreement, e.g. `agreement-ecea-2024-2027`. */
export const agreementStreamId = (unitId: string, editionId: string): string => `agreement-${unitId}-${editionId}`;
