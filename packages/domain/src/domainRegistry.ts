import { agreementEventDefinitions } from './agreement/events.js';
import { bargainingEventDefinitions } from './bargaining/events.js';
import { createCodecRegistry, type CodecRegistry, type Registrable, correctionEventDefinitions } from '@laborcase/core';
import { workCalendarEventDefinitions } from './calendar/events.js';
import { employeeRelationsEventDefinitions } from './employee-relations/events.js';
import { grievanceEventDefinitions } from './grievance/events.js';

/** Every event type of every aggregate in this package, at all its schema versions. */
export const domainEventDefinitions: readonly Registrable[] = [
  ...correctionEventDefinitions,
  ...workCalendarEventDefinitions,
  ...agreementEventDefinitions,
  ...grievanceEventDefinitions,
  ...bargainingEventDefinitions,
  ...employeeRelationsEventDefinitions,
];

/** The registry a store needs to hold any of this package's streams (add your own definitions alongside). */
export const createDomainRegistry = (extra: Iterable<Registrable> = []): CodecRegistry =>
  createCodecRegistry([...domainEventDefinitions, ...extra]);
