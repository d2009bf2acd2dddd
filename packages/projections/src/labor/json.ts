/**
 * JSON for a whole report (stamp and rows): two-space indented, a final newline, keys in the order the report
 * builds them, so two runs over the same log give the same bytes (`generatedAt` aside).
 */
import { InvalidProjection } from '../errors.js';
import { valueProblem } from '../tables.js';

/** The report as JSON text; `InvalidProjection('report')` for a value JSON cannot carry faithfully. */
export const toJson = (report: object): string => {
  const problem = valueProblem('json', report);
  if (typeof report !== 'object' || report === null || problem !== undefined) throw new InvalidProjection('report', problem ?? 'must be an object');
  return `${JSON.stringify(report, null, 2)}\n`;
};
