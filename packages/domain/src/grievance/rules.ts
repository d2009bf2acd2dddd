import type { Either } from 'fp-ts/lib/Either.js';
import { isIsoDate, reject, type DomainError } from '@laborcase/core';

/** Stable rejection codes of the Grievance aggregate (agreement and calendar errors pass through with their own codes). */
export const GrievanceErrors = {
  notFiled: 'GrievanceNotFiled',
  alreadyFiled: 'GrievanceAlreadyFiled',
  closed: 'GrievanceAlreadyClosed',
  inAbeyance: 'GrievanceInAbeyance',
  notInAbeyance: 'GrievanceNotInAbeyance',
  blankField: 'RequiredFieldBlank',
  invalidDate: 'InvalidDate',
  dateOutOfOrder: 'DateOutOfOrder',
  noGrievant: 'NoGrievantNamed',
  noArticle: 'NoArticleCited',
  classNotProvided: 'ClassGrievanceNotProvided',
  classTooSmall: 'ClassGrievanceTooSmall',
  filingOutOfTime: 'FilingOutOfTime',
  continuingViolationNotRecognized: 'ContinuingViolationNotRecognized',
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
} as const;

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
  meeting: 'grievance procedure: step meeting',
  answer: 'grievance procedure: written step answer',
  appeal: 'grievance procedure: appeal to the next step within the limit',
  ladder: 'no appeal past the last step',
  lapse: 'a deadline lapses only after its due date',
  overdueAnswer: 'acting on an overdue answer (management lapse) only after the answer was due',
  extension: 'grievance procedure: extensions by written mutual agreement',
  arbitration: 'grievance procedure: arbitration (association only, where the edition provides it)',
  award: 'arbitration award',
  recalculation: 'deadline recalculation applies to this stream and the rule it was computed with',
  required: 'required information',
} as const;

export { reject };

/** The first failing check, if any. */
export const firstFailure = (...checks: readonly (Either<DomainError, never> | undefined)[]): Either<DomainError, never> | undefined =>
  checks.find((c) => c !== undefined);

export const requireText = (value: string | undefined, field: string): Either<DomainError, never> | undefined =>
  value === undefined || value.trim() === '' ? reject(GrievanceErrors.blankField, `${field} must not be blank`, GrievanceRules.required, field) : undefined;

export const requireDate = (value: string | undefined, field: string): Either<DomainError, never> | undefined =>
  value === undefined || !isIsoDate(value) ? reject(GrievanceErrors.invalidDate, `${field} must be a YYYY-MM-DD date, got ${String(value)}`, GrievanceRules.required, field) : undefined;

/** Acting on an overdue answer (no answer came): `date` must be after the answer's due date. */
export const requireAfterOverdueAnswer = (
  stage: { readonly answer?: unknown; readonly answerOverdue: boolean; readonly overdueAnswerDueOn?: string },
  date: string,
  field: string,
): Either<DomainError, never> | undefined =>
  stage.answer === undefined && stage.answerOverdue && stage.overdueAnswerDueOn !== undefined && date <= stage.overdueAnswerDueOn
    ? reject(GrievanceErrors.dateOutOfOrder, `${field} ${date} is not after the overdue answer's due date (${stage.overdueAnswerDueOn})`, GrievanceRules.overdueAnswer, field, {
        date,
        answerDueOn: stage.overdueAnswerDueOn,
      })
    : undefined;

/** `date` may not precede `notBefore` (what the stream already recorded, or an earlier act). */
export const requireNotBefore = (date: string, notBefore: string, field: string, what: string): Either<DomainError, never> | undefined =>
  date < notBefore
    ? reject(GrievanceErrors.dateOutOfOrder, `${field} ${date} is before ${what} (${notBefore})`, GrievanceRules.chronology, field, { date, notBefore })
    : undefined;
