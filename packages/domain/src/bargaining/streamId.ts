/** Stream id `bargaining-{unitId}-{cycleId}`, e.g. `bargaining-ecea-fy27-reopener`. */
export const bargainingStreamId = (unitId: string, cycleId: string): string => `bargaining-${unitId}-${cycleId}`;
