// The decider now lives in decide/index.ts; this path stays while grievance/testData.ts and recalculation.spec.ts import it.
export { workCalendarDecider } from './decide/index.js';
export { calendarStreamId } from './streamId.js';
