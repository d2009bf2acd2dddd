/**
 * @laborcase/domain: the labor-relations aggregates of a public-school district, built on @laborcase/core.
 *
 * The root exports what an embedding service needs first: the codec registry of every event type here and one
 * application service per aggregate. Each aggregate's events, commands, errors, queries and decider are at its
 * own subpath: `@laborcase/domain/calendar`, `/agreement`, `/grievance`, `/bargaining`, `/costing`,
 * `/employee-relations`, `/bargaining-to-agreement`, `/calendar-to-grievance`, and the fictional
 * district of the examples at `/fixtures/ecps`.
 */
export { createDomainRegistry, domainEventDefinitions } from './domainRegistry.js';
export { createAgreementService, type AgreementService, type AgreementServiceOptions } from './agreement/service.js';
export { createCalendarService, type CalendarService, type CalendarServiceOptions } from './calendar/service.js';
export { createEmployeeRelationsService, type EmployeeRelationsService, type EmployeeRelationsServiceOptions } from './employee-relations/service.js';
export { createBargainingService, BargainingCycleRef, type BargainingService } from './bargaining/service.js';
export { createGrievanceService, schoolYearOf, type GrievanceService, type GrievanceServiceOptions, type LoadedGrievance } from './grievance/service.js';
