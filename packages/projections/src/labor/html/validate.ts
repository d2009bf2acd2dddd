/** Checks on the board report's input: every problem is an `InvalidProjection` naming the field. */
import { isStorableText } from '@laborcase/core';
import { InvalidProjection } from '../../errors.js';
import { checkStamp } from '../stamp.js';
import type { BoardReportInput } from './input.js';

const list = (value: unknown, field: string): readonly unknown[] => {
  if (!Array.isArray(value)) throw new InvalidProjection(field, 'must be an array');
  return value;
};

const record = (value: unknown, field: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidProjection(field, 'must be an object');
  return value as Record<string, unknown>;
};

const text = (value: unknown, field: string): void => {
  if (typeof value !== 'string' || value.length === 0 || !isStorableText(value)) throw new InvalidProjection(field, 'must be a non-empty string without NUL or lone surrogates');
};

const count = (value: unknown, field: string): void => {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new InvalidProjection(field, `must be a non-negative integer, got ${JSON.stringify(value)}`);
};

const days = (value: unknown, field: string): void => {
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) throw new InvalidProjection(field, `must be a non-negative number or null, got ${JSON.stringify(value)}`);
};

/** Validate what `renderBoardReport` was given (the report tables it prints as given, so only their shape is checked). */
export const checkBoardReportInput = (input: BoardReportInput): void => {
  const root = record(input, 'input');
  text(root['title'], 'title');
  checkStamp(root['stamp'] as BoardReportInput['stamp']);
  list(root['openCasesByArticle'], 'openCasesByArticle').forEach((item, i) => {
    const datum = record(item, `openCasesByArticle.${i}`);
    text(datum['articleLabel'], `openCasesByArticle.${i}.articleLabel`);
    count(datum['count'], `openCasesByArticle.${i}.count`);
  });
  list(root['resolutionTrend'], 'resolutionTrend').forEach((item, i) => {
    const datum = record(item, `resolutionTrend.${i}`);
    text(datum['period'], `resolutionTrend.${i}.period`);
    days(datum['medianCalendarDays'], `resolutionTrend.${i}.medianCalendarDays`);
    days(datum['medianContractDays'], `resolutionTrend.${i}.medianContractDays`);
  });
  list(root['complianceByParty'], 'complianceByParty').forEach((item, i) => {
    const datum = record(item, `complianceByParty.${i}`);
    text(datum['party'], `complianceByParty.${i}.party`);
    for (const outcome of ['met', 'missed', 'extended', 'tolled']) count(datum[outcome], `complianceByParty.${i}.${outcome}`);
  });
  list(root['bargaining'], 'bargaining').forEach((item, i) => {
    const cycle = record(item, `bargaining.${i}`);
    text(cycle['unitId'], `bargaining.${i}.unitId`);
    text(cycle['cycleId'], `bargaining.${i}.cycleId`);
    list(cycle['articles'], `bargaining.${i}.articles`).forEach((article, j) => text(record(article, `bargaining.${i}.articles.${j}`)['articleKey'], `bargaining.${i}.articles.${j}.articleKey`));
    record(cycle['packageTotals'], `bargaining.${i}.packageTotals`);
    record(cycle['milestones'], `bargaining.${i}.milestones`);
  });
  if (root['arbitration'] !== undefined) list(root['arbitration'], 'arbitration').forEach((row, i) => record(row, `arbitration.${i}`));
  if (root['erFunnel'] !== undefined) list(root['erFunnel'], 'erFunnel').forEach((row, i) => record(row, `erFunnel.${i}`));
};
