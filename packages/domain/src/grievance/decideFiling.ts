import { isLeft, right } from 'fp-ts/lib/Either.js';
import { entryStepOf } from '../agreement/procedure.js';
import { citedArticles, editionInForceOn, procedureAsOf } from '../agreement/queries.js';
import { isRegistered } from '../agreement/state.js';
import type { FileGrievance } from './commands.js';
import { entryDeadline, scheduleDeadline } from './deadlines.js';
import type { Decision } from './decision.js';
import type { GrievanceEvent } from './events.js';
import { GrievanceErrors as E, GrievanceRules as R, firstFailure, reject, requireDate, requireNotBefore, requireText } from './rules.js';

/**
 * Filing: the grievant, the articles cited (in force on the occurrence date in the edition that governs it),
 * and the entry step's filing limit counted from the occurrence, or the discovery where the edition says so.
 * A late filing is accepted only as a continuing violation, where the edition recognises them.
 */
export const decideFiling = (command: FileGrievance): Decision => {
  const basic = firstFailure(
    requireText(command.grievanceId, 'grievanceId'),
    requireText(command.remedySought, 'remedySought'),
    requireDate(command.occurredOn, 'occurredOn'),
    requireDate(command.filedOn, 'filedOn'),
    command.discoveredOn !== undefined ? requireDate(command.discoveredOn, 'discoveredOn') : undefined,
  );
  if (basic !== undefined) return basic;
  const { agreement, grievant, occurredOn, filedOn } = command;
  const order = firstFailure(
    command.discoveredOn !== undefined ? requireNotBefore(command.discoveredOn, occurredOn, 'discoveredOn', 'the occurrence') : undefined,
    requireNotBefore(filedOn, occurredOn, 'filedOn', 'the occurrence'),
    command.discoveredOn !== undefined ? requireNotBefore(filedOn, command.discoveredOn, 'filedOn', 'the discovery') : undefined,
  );
  if (order !== undefined) return order;
  if (grievant.kind === 'individual' && grievant.employeeIds.length === 0) {
    return reject(E.noGrievant, 'an individual grievance names at least one employee', R.grievant, 'grievant.employeeIds');
  }
  if (command.articleKeys.length === 0) return reject(E.noArticle, 'a grievance cites at least one article', R.citation, 'articleKeys');
  const articles = citedArticles(agreement, command.articleKeys, occurredOn);
  if (isLeft(articles)) return articles;
  if (!isRegistered(agreement)) return reject('AgreementNotRegistered', 'no agreement edition is registered', R.citation, 'agreement');
  // The edition must govern the occurrence: in effect (not merely agreed), and not superseded by then.
  const governing = editionInForceOn([agreement], agreement.unitId, occurredOn);
  if (isLeft(governing)) return governing;
  const procedure = procedureAsOf(agreement, occurredOn);

  if (grievant.kind === 'class') {
    const rule = procedure.classGrievance;
    if (rule === undefined) return reject(E.classNotProvided, `${agreement.agreementId} has no class grievances`, R.classGrievance, 'grievant.kind');
    if (grievant.memberCount < rule.minMembers) {
      return reject(E.classTooSmall, `a class grievance needs at least ${rule.minMembers} members, got ${grievant.memberCount}`, R.classGrievance, 'grievant.memberCount', {
        minMembers: rule.minMembers,
        memberCount: grievant.memberCount,
      });
    }
  }
  const entry = entryStepOf(procedure, grievant.kind === 'individual' ? 'individual' : 'class');
  if (entry === undefined) return reject('UnknownGrievanceStep', 'the procedure has no entry step', R.classGrievance, 'agreement');

  const continuing = command.continuingViolation === true;
  if (continuing && !procedure.continuingViolations) {
    return reject(E.continuingViolationNotRecognized, `${agreement.agreementId} does not recognise continuing violations`, R.continuingViolation, 'continuingViolation');
  }
  const clockStarts =
    procedure.filingClockStarts === 'occurrenceOrDiscovery' && command.discoveredOn !== undefined && command.discoveredOn > occurredOn ? command.discoveredOn : occurredOn;
  const fileDeadline = scheduleDeadline(command.grievanceId, entry.id, 'file', 'grievant', clockStarts, entry.fileWithin, command.calendar);
  if (isLeft(fileDeadline)) return fileDeadline;
  const timely = filedOn <= fileDeadline.right.data.dueOn;
  if (!timely && !continuing) {
    return reject(E.filingOutOfTime, `filed ${filedOn}, but ${entry.name} had to be filed by ${fileDeadline.right.data.dueOn}`, R.filingLimit, 'filedOn', {
      clockStarts,
      dueOn: fileDeadline.right.data.dueOn,
      stepId: entry.id,
    });
  }
  const firstDue = entryDeadline(command.grievanceId, entry, filedOn, command.calendar);
  if (isLeft(firstDue)) return firstDue;

  const filed: GrievanceEvent = {
    type: 'GrievanceFiled',
    data: {
      grievanceId: command.grievanceId,
      unitId: agreement.unitId,
      agreementId: agreement.agreementId,
      editionId: agreement.editionId,
      grievant,
      articles: articles.right.map((a) => ({ key: a.key, number: a.number, title: a.title })),
      occurredOn,
      ...(command.discoveredOn !== undefined ? { discoveredOn: command.discoveredOn } : {}),
      filedOn,
      remedySought: command.remedySought,
      continuingViolation: continuing,
      ...(command.schoolIds !== undefined ? { schoolIds: command.schoolIds } : {}),
      procedure,
      entryStepId: entry.id,
    },
  };
  // A late filing accepted as a continuing violation is measured by no filing limit, so none is scheduled.
  const filing: GrievanceEvent[] = timely ? [fileDeadline.right, { type: 'DeadlineMet', data: { deadlineId: fileDeadline.right.data.deadlineId, metOn: filedOn } }] : [];
  return right([filed, ...filing, firstDue.right]);
};
