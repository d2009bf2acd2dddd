import { v7 } from 'uuid';

/** The real clock, for production wiring. The domain never reads it; stores and handlers get it injected. */
export const systemClock = (): Date => new Date();

/** Time-ordered UUIDs (v7) for event and command ids. */
export const uuidV7 = (): string => v7();
