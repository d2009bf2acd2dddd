/** The benchmarks' read-only event store over a loaded log: the projections test kit's, shared with the labor specs. */
export { ArrayEventStore } from '@laborcase/projections/testkit';
