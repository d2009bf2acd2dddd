import type { Decider } from '@laborcase/core';
import type { GrievanceCommand } from './commands.js';
import { decideGrievance } from './decide.js';
import type { GrievanceEvent } from './events.js';
import { evolveGrievance } from './evolve.js';
import { initialGrievanceState, type GrievanceState } from './state.js';

export { grievanceStreamId } from './streamId.js';

export const grievanceDecider: Decider<GrievanceCommand, GrievanceState, GrievanceEvent> = {
  decide: decideGrievance,
  evolve: evolveGrievance,
  initialState: initialGrievanceState,
};
