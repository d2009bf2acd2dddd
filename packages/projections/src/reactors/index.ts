/**
 * @laborcase/projections/reactors: the labor process managers of `@laborcase/domain`, packaged as reactors for
 * `createReactorRunner` (and the deadline-lapse sweep for `runDueSweep`). Each factory takes the services it
 * dispatches to; command ids are deterministic, so a redelivered event or a repeated sweep acts once.
 */
export { calendarRecalculationReactor, CALENDAR_CHANGE_TYPES, type CalendarRecalculationOptions, type RecalculateAfterCalendarChange } from './calendarRecalculation.js';
export { deadlineLapseSweeper, type DeadlineLapseOptions, type LapsedDeadline } from './deadlineLapse.js';
export { bargainingToAgreementReactor, BARGAINING_TO_AGREEMENT_TYPES, type BargainingToAgreementOptions, type CycleContext, type MapCycleEventToAgreement } from './bargainingToAgreement.js';
export { disciplineToGrievanceReactor, type DisciplineToGrievanceOptions, type GrievanceOptionOffers, type OfferGrievance } from './disciplineToGrievance.js';
export { filedGrievanceIds, type GrievanceIdSource } from './shared.js';
