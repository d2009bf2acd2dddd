// evolve now lives in state.ts; this path stays while recalculation.spec.ts (being moved out of calendar/) imports it.
export { adoptedVersion, evolve, nextCalendarVersion } from './state.js';
