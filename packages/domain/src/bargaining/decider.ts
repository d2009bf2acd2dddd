import type { Decider } from '@laborcase/core';
import type { BargainingCommand } from './commands.js';
import { decide } from './decide.js';
import type { BargainingEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialBargainingState, type BargainingState } from './state.js';

export const bargainingCycleDecider: Decider<BargainingCommand, BargainingState, BargainingEvent> = {
  decide,
  evolve,
  initialState: initialBargainingState,
};

/** Stream id `bargaining-{unitId}-{cycleId}`, e.g. `bargaining-ecea-fy27-reopener`. */
export const bargainingStreamId = (unitId: string, cycleId: string): string => `bargaining-${unitId}-${cycleId}`;
