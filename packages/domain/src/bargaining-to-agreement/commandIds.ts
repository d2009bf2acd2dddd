import { bargainingStreamId } from '../bargaining/index.js';

/**
 * `{bargaining stream}:{purpose}[:{qualifier}]`, e.g. `bargaining-ecea-fy27-reopener:renumber-article:planning-time`.
 * Built only from the event's identity and content, so mapping the same event again gives the same ids.
 */
export const cycleCommandId = (unitId: string, cycleId: string, purpose: string, ...qualifiers: readonly string[]): string =>
  [bargainingStreamId(unitId, cycleId), purpose, ...qualifiers].join(':');
