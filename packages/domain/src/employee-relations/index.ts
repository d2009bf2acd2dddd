/**
 * EmployeeRelationsCase aggregate (stream `ercase-{caseId}`), its service, and the discipline → grievance process
 * manager. Generic names are exported under case-specific aliases.
 */
export {
  ComplaintReceived,
  ComplaintTriaged,
  InvestigationOpened,
  InterimActionTaken,
  InterviewRecorded,
  FindingsIssued,
  DisciplineImposed,
  FindingsAppealed,
  FindingsAppealDecided,
  EmployeeRelationsCaseClosed,
  EmployeeRelationsCaseReopened,
  employeeRelationsEventDefinitions,
  Channel as ComplaintChannel,
  Route as TriageRoute,
  FindingValue,
  DisciplineLevel,
  Allegation,
  Respondent as ComplaintRespondent,
  Finding as AllegationFinding,
  type EmployeeRelationsEvent,
  type EmployeeRelationsEventData,
} from './events.js';
export * from './commands.js';
export { EmployeeRelationsErrors, EmployeeRelationsRules, type EmployeeRelationsErrorCode } from './errors.js';
export {
  initialEmployeeRelationsState,
  evolve as evolveEmployeeRelations,
  type EmployeeRelationsState,
  type CaseState as EmployeeRelationsCaseState,
  type CaseStatus as EmployeeRelationsCaseStatus,
} from './state.js';
export { caseOf, hasPendingAppeal, isSubstantiated, isUnderInvestigation, substantiatedAllegationIds } from './queries.js';
export { decide as decideEmployeeRelations, employeeRelationsCaseDecider } from './decide/index.js';
export { employeeRelationsStreamId } from './streamId.js';
export { createEmployeeRelationsService, type EmployeeRelationsService, type EmployeeRelationsServiceOptions } from './service.js';
export { disciplineToGrievanceOption, type OfferGrievanceOption } from './processManager.js';
