export * from './events.js';
export * from './commands.js';
export * from './effectiveEvents.js';
export * from './decide.js';
export * from './positional.js';
