import { CoreErrors, errorCodes, type ErrorCodeOf } from '@laborcase/core';
import { AGREEMENT_NOT_REGISTERED, ARTICLE_NOT_IN_FORCE, DATE_OUTSIDE_TERM, NO_EDITION_IN_FORCE, UNKNOWN_ARTICLE_KEY } from '../agreement/index.js';
import { SNAPSHOT_NOT_STORABLE } from './procedureSnapshot.js';

/** Every code a grievance command (through the decider or the service) can be rejected with. */
export const GrievanceErrors = errorCodes({
  notFiled: 'GrievanceNotFiled',
  alreadyFiled: 'GrievanceAlreadyFiled',
  closed: 'GrievanceAlreadyClosed',
  inAbeyance: 'GrievanceInAbeyance',
  notInAbeyance: 'GrievanceNotInAbeyance',
  dateOutOfOrder: 'DateOutOfOrder',
  noGrievant: 'NoGrievantNamed',
  noArticle: 'NoArticleCited',
  classNotProvided: 'ClassGrievanceNotProvided',
  classTooSmall: 'ClassGrievanceTooSmall',
  filingOutOfTime: 'FilingOutOfTime',
  continuingViolationNotRecognized: 'ContinuingViolationNotRecognized',
  unknownStep: 'UnknownGrievanceStep',
  notCurrentStep: 'NotCurrentStep',
  stepHasNoMeeting: 'StepHasNoMeeting',
  meetingAlreadyScheduled: 'StepMeetingAlreadyScheduled',
  meetingRequired: 'StepMeetingRequired',
  alreadyAnswered: 'StepAlreadyAnswered',
  nothingToAppeal: 'NoAnswerToAppeal',
  noNextStep: 'NoNextStep',
  appealOutOfTime: 'AppealOutOfTime',
  unknownDeadline: 'UnknownDeadline',
  deadlineNotOpen: 'DeadlineNotOpen',
  deadlineNotPassed: 'DeadlineNotYetPassed',
  extensionsNotAllowed: 'ExtensionsNotAllowed',
  extensionNeedsBothParties: 'ExtensionNeedsBothParties',
  extensionNotLater: 'ExtensionNotLater',
  noArbitration: 'NoArbitrationInEdition',
  arbitrationByAssociationOnly: 'ArbitrationByAssociationOnly',
  arbitrationNotAvailable: 'ArbitrationNotAvailableYet',
  arbitrationOutOfTime: 'ArbitrationNoticeOutOfTime',
  notInArbitration: 'NotInArbitration',
  arbitratorAlreadySelected: 'ArbitratorAlreadySelected',
  arbitratorNotSelected: 'ArbitratorNotSelected',
  hearingAlreadyClosed: 'ArbitrationHearingAlreadyClosed',
  remedyRequired: 'AwardRemedyRequired',
  wrongStream: 'WrongStream',
  recalculationMismatch: 'RecalculationRuleMismatch',
  /** The agreement's procedure or the engine's rule no longer fits the grievance's stored format (procedureSnapshot.ts). */
  snapshotNotStorable: SNAPSHOT_NOT_STORABLE,
  /** Service: the calendar of the command's school year has not been adopted in this district. */
  calendarNotAdopted: 'CalendarNotAdopted',

  // Passed through from the agreement (a filing cites its edition and articles).
  agreementNotRegistered: AGREEMENT_NOT_REGISTERED,
  unknownArticleKey: UNKNOWN_ARTICLE_KEY,
  articleNotInForce: ARTICLE_NOT_IN_FORCE,
  dateOutsideTerm: DATE_OUTSIDE_TERM,
  noEditionInForce: NO_EDITION_IN_FORCE,

  // Passed through from the calendar's deadline engine (`dueDate`); the calendar exports no constants for them.
  anchorOutsideCalendar: 'AnchorOutsideCalendar',
  calendarRangeExceeded: 'CalendarRangeExceeded',
  invalidLimit: 'InvalidLimit',

  // Returned by the kernel: a malformed command (service boundary or decider), an unreadable stream.
  ...CoreErrors,
});
export type GrievanceErrorCode = ErrorCodeOf<typeof GrievanceErrors>;

/** The contract clauses and invariants rejections name in `rule`. */
export const GrievanceRules = {
  lifecycle: 'a grievance is filed once; a closed grievance accepts no command',
  abeyance: 'a grievance in abeyance only resumes, settles or is withdrawn',
  chronology: 'events are recorded in date order',
  grievant: 'grievant may be an individual, a class or the association',
  classGrievance: 'grievance procedure: class grievance (minimum members, entry step)',
  citation: 'a grievance may only cite an article in force on the occurrence date',
  filingLimit: 'grievance procedure: file within the entry step limit from occurrence or discovery',
  continuingViolation: 'grievance procedure: continuing violations',
  oneOpenStep: 'one open step at a time',
  ladder: 'no appeal past the last step',
  meeting: 'grievance procedure: step meeting',
  answer: 'grievance procedure: written step answer',
  appeal: 'grievance procedure: appeal to the next step within the limit',
  lapse: 'a deadline lapses only after its due date',
  overdueAnswer: 'acting on an overdue answer (management lapse) only after the answer was due',
  extension: 'grievance procedure: extensions by written mutual agreement',
  arbitration: 'grievance procedure: arbitration (association only, where the edition provides it)',
  award: 'arbitration award',
  recalculation: 'deadline recalculation applies to this stream and the rule it was computed with',
  calendar: 'deadlines are counted on the adopted calendar of the school year (July 1 to June 30) of the business date',
} as const;
