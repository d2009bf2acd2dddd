/**
 * @laborcase/domain: the labor-relations aggregates of a public-school district, built on @laborcase/core.
 *
 * The root exports what an embedding service needs first: the codec registry of every event type here and one
 * application service per aggregate. Each aggregate's events, commands, errors, queries and decider are at its
 * own subpath: `@laborcase/domain/calendar`, `/agreement`, `/grievance`, `/bargaining`, `/costing`,
 * `/employee-relations`, `/bargaining-to-agreement`.
 */
export { createDomainRegistry, domainEventDefinitions } from './domainRegistry.js';
export { createGrievanceService, schoolYearOf, type GrievanceService, type GrievanceServiceOptions, type LoadedGrievance } from './grievance/service.js';
