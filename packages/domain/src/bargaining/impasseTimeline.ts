import type { ImpasseTimeline } from './events.js';

/**
 * COMAR 14.30.14.02 (PERB): after an impasse determination the board requests last and best offers within 10
 * calendar days, the parties pick a mediator within 5 calendar days and mediation starts within 14 days. This is
 * regulation data used only when a cycle's ground rules do not set their own limits.
 */
export const COMAR_14_30_14_02_TIMELINE: ImpasseTimeline = {
  lastBestOffersWithinDays: 10,
  mediatorSelectionWithinDays: 5,
  mediationStartWithinDays: 14,
};

/**
 * The longest impasse limit a cycle may set. Reported limits run from 5 to 45 days; a year is far beyond any,
 * and it keeps every due date a real calendar date.
 */
export const MAX_IMPASSE_LIMIT_DAYS = 365;

export const impasseLimitNames = ['lastBestOffersWithinDays', 'mediatorSelectionWithinDays', 'mediationStartWithinDays'] as const;

/** Whole days from 0 to `MAX_IMPASSE_LIMIT_DAYS`. */
export const isImpasseLimit = (days: unknown): days is number =>
  typeof days === 'number' && Number.isSafeInteger(days) && days >= 0 && days <= MAX_IMPASSE_LIMIT_DAYS;
