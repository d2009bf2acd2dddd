export * from './money.js';
export * from './attachment.js';
export * from './costing.js';
