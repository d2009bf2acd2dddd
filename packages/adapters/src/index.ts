export { InMemoryEventStore, createInMemoryEventStore, type InMemoryEventStoreOptions } from './memory/inMemoryEventStore.js';
export { systemClock, uuidV7 } from './system.js';
