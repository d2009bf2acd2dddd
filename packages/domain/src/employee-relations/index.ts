/**
 * EmployeeRelationsCase aggregate (stream `ercase-{caseId}`) and the discipline → grievance process manager.
 * Generic names are exported under case-specific aliases.
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
export type * from './commands.js';
export {
  initialEmployeeRelationsState,
  type EmployeeRelationsState,
  type CaseState as EmployeeRelationsCaseState,
  type CaseStatus as EmployeeRelationsCaseStatus,
} from './state.js';
export { decide as decideEmployeeRelations } from './decide.js';
export { evolve as evolveEmployeeRelations } from './evolve.js';
export { employeeRelationsCaseDecider, employeeRelationsStreamId } from './decider.js';
export { disciplineToGrievanceOption, type OfferGrievanceOption } from './processManager.js';
export { Rules as EmployeeRelationsRules } from './rules.js';
