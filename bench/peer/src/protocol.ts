/** What the orchestrator hands a child process (its only argument, as JSON) and the line the child prints back. */
import type { ContenderName, StoreKind, StoreLocation } from './contender.js';
import type { PeerSizes } from './options.js';
import type { WorkloadFigures } from './workloads.js';

export interface ChildSpec {
  readonly contender: ContenderName;
  readonly store: StoreKind;
  readonly sizes: PeerSizes;
  readonly location: StoreLocation;
  /** Prefix that keeps this run's stream ids apart from any other's. */
  readonly run: string;
}

export interface ChildResult {
  readonly contender: ContenderName;
  readonly store: StoreKind;
  readonly figures: WorkloadFigures;
  /** The child's peak resident set size, whole run. */
  readonly peakRssMb: number;
}
