import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import { firstFailure, reject, type Check, type DomainError } from '@laborcase/core';
import { citedArticles, editionInForceOn, isRegistered, procedureAsOf, type RegisteredAgreement } from '../../agreement/index.js';
import type { FileGrievance } from '../commands.js';
import { entryDeadline, scheduleDeadline } from '../deadlines.js';
import { GrievanceErrors as E, GrievanceRules as R } from '../errors.js';
import type { CitedArticle, GrievanceEvent, Grievant } from '../events.js';
import { entryStepOf } from '../ladder.js';
import { toProcedureSnapshot, type ProcedureSnapshot } from '../procedureSnapshot.js';
import { requireNotBefore } from './checks.js';
import type { Decision } from './decision.js';

interface Edition {
  readonly agreement: RegisteredAgreement;
  readonly articles: readonly CitedArticle[];
  readonly procedure: ProcedureSnapshot;
}

/** The edition governing the occurrence (in effect, not superseded by then), the articles cited in it, its procedure then. */
const governingEdition = (command: FileGrievance): Either<DomainError, Edition> => {
  const { agreement, occurredOn } = command;
  if (!isRegistered(agreement)) return reject(E.agreementNotRegistered, 'no agreement edition is registered', R.citation, 'agreement');
  const articles = citedArticles(agreement, command.articleKeys, occurredOn);
  if (isLeft(articles)) return articles;
  const governing = editionInForceOn([agreement], agreement.unitId, occurredOn);
  if (isLeft(governing)) return governing;
  const procedure = toProcedureSnapshot(procedureAsOf(agreement, occurredOn));
  if (isLeft(procedure)) return procedure;
  return right({ agreement, procedure: procedure.right, articles: articles.right.map((a) => ({ key: a.key, number: a.number, title: a.title })) });
};

const classRule = (grievant: Grievant, procedure: ProcedureSnapshot, agreementId: string): Check => {
  if (grievant.kind !== 'class') return undefined;
  const rule = procedure.classGrievance;
  if (rule === undefined) return reject(E.classNotProvided, `${agreementId} has no class grievances`, R.classGrievance, 'grievant.kind');
  return grievant.memberCount < rule.minMembers
    ? reject(E.classTooSmall, `a class grievance needs at least ${rule.minMembers} members, got ${grievant.memberCount}`, R.classGrievance, 'grievant.memberCount', {
        minMembers: rule.minMembers,
        memberCount: grievant.memberCount,
      })
    : undefined;
};

/**
 * Filing: the grievant, the articles cited (in force on the occurrence date in the edition that governs it),
 * and the entry step's filing limit counted from the occurrence, or the discovery where the edition says so.
 * A late filing is accepted only as a continuing violation, where the edition recognises them.
 */
export const decideFiling = (command: FileGrievance): Decision => {
  const { grievant, occurredOn, discoveredOn, filedOn } = command;
  const continuing = command.continuingViolation === true;
  const basics = firstFailure(
    discoveredOn !== undefined ? requireNotBefore(discoveredOn, occurredOn, 'discoveredOn', 'the occurrence') : undefined,
    requireNotBefore(filedOn, occurredOn, 'filedOn', 'the occurrence'),
    discoveredOn !== undefined ? requireNotBefore(filedOn, discoveredOn, 'filedOn', 'the discovery') : undefined,
    grievant.kind === 'individual' && grievant.employeeIds.length === 0
      ? reject(E.noGrievant, 'an individual grievance names at least one employee', R.grievant, 'grievant.employeeIds')
      : undefined,
    command.articleKeys.length === 0 ? reject(E.noArticle, 'a grievance cites at least one article', R.citation, 'articleKeys') : undefined,
  );
  if (basics !== undefined) return basics;
  const edition = governingEdition(command);
  if (isLeft(edition)) return edition;
  const { agreement, articles, procedure } = edition.right;
  const entry = entryStepOf(procedure, grievant.kind === 'individual' ? 'individual' : 'class');
  const procedural = firstFailure(
    classRule(grievant, procedure, agreement.agreementId),
    continuing && !procedure.continuingViolations
      ? reject(E.continuingViolationNotRecognized, `${agreement.agreementId} does not recognise continuing violations`, R.continuingViolation, 'continuingViolation')
      : undefined,
  );
  if (procedural !== undefined) return procedural;
  if (entry === undefined) return reject(E.unknownStep, 'the procedure has no entry step', R.classGrievance, 'agreement');

  const clockStarts = procedure.filingClockStarts === 'occurrenceOrDiscovery' && discoveredOn !== undefined && discoveredOn > occurredOn ? discoveredOn : occurredOn;
  const fileDeadline = scheduleDeadline(command.grievanceId, entry.id, 'file', 'grievant', clockStarts, entry.fileWithin, command.calendar);
  if (isLeft(fileDeadline)) return fileDeadline;
  const dueOn = fileDeadline.right.data.dueOn;
  const timely = filedOn <= dueOn;
  if (!timely && !continuing) {
    return reject(E.filingOutOfTime, `filed ${filedOn}, but ${entry.name} had to be filed by ${dueOn}`, R.filingLimit, 'filedOn', { clockStarts, dueOn, stepId: entry.id });
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
      articles,
      occurredOn,
      ...(discoveredOn !== undefined ? { discoveredOn } : {}),
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
