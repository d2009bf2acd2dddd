/** Rule checks several decide modules use. */
import { reject, type Check } from '@laborcase/core';
import { GrievanceErrors as E, GrievanceRules as R } from '../errors.js';

/** `date` may not precede `notBefore` (what the stream already recorded, or an earlier act). */
export const requireNotBefore = (date: string, notBefore: string, field: string, what: string): Check =>
  date < notBefore ? reject(E.dateOutOfOrder, `${field} ${date} is before ${what} (${notBefore})`, R.chronology, field, { date, notBefore }) : undefined;

/** Acting on an overdue answer (no answer came): `date` must be after the answer's due date. */
export const requireAfterOverdueAnswer = (
  stage: { readonly answer?: unknown; readonly answerOverdue: boolean; readonly overdueAnswerDueOn?: string },
  date: string,
  field: string,
): Check =>
  stage.answer === undefined && stage.answerOverdue && stage.overdueAnswerDueOn !== undefined && date <= stage.overdueAnswerDueOn
    ? reject(E.dateOutOfOrder, `${field} ${date} is not after the overdue answer's due date (${stage.overdueAnswerDueOn})`, R.overdueAnswer, field, {
        date,
        answerDueOn: stage.overdueAnswerDueOn,
      })
    : undefined;

/** Nothing is recorded as of a date before the last recorded activity. */
export const requireNotBeforeLastActivity = (date: string, lastActivityOn: string, field: string): Check =>
  requireNotBefore(date, lastActivityOn, field, 'the last recorded activity');
