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

/** Rule names carried by rejections, so an error says which clause or invariant it enforces. */
export const Rules = {
  lifecycle: 'bargaining cycle lifecycle',
  scope: 'reopener scope limits tabled articles',
  atTable: 'proposals, counters and TAs only while the parties are at the table',
  counter: 'a counter answers the other side’s live proposal on the same article',
  packages: 'a package trades items across articles, all or nothing',
  withdrawal: 'only the tabling side withdraws its own live proposal',
  taInitials: 'a TA is initialled and dated by both chief spokespersons',
  taRevocation: 'ground rules: revocation of an initialled TA',
  settlement: 'tentative settlement only when every open article is TA’d or withdrawn',
  impasse: 'COMAR 14.30.14.02 impasse procedure',
  lastBestOffer: 'COMAR 14.30.14.02: last and best offers list every disputed item and add no new items',
  ratification: 'TA → member ratification → board approval',
  funding: 'Education Article §6-407 / §6-511: funding shortfall sends the funded items back to the table',
  conclusion: 'a cycle concludes after approval and funding',
  dates: 'business dates follow the cycle’s own chronology',
  input: 'command fields must be well-formed',
} as const;
