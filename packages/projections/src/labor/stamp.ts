import type { GlobalPosition } from '@laborcase/core';
/** What a report was built from, so anyone can rebuild the same figures later. */
export interface ReportStamp {
  /** Global position of the last event included (START when the log was empty). */
  readonly position: GlobalPosition;
  /** Hash of that event (the chain hash of the last event included), or null for an empty log. */
  readonly headHash: string | null;
  /** Business-date axis: events effective on or before this date (YYYY-MM-DD), or null for "all". */
  readonly asEffectiveOn: string | null;
  /** Recording axis: events and corrections recorded at or before this instant (ISO), or null for "all". */
  readonly asKnownAt: string | null;
  /** When the report was produced (ISO instant, from the caller's clock). */
  readonly generatedAt: string;
}
