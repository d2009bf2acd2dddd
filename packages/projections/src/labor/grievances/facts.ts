/** What several grievance read models take from a `GrievanceFiled` event, and how a report joins a case's facts. */
import type { GrievanceEvent, GrievanceEventOf, ProcedureStep } from '@laborcase/domain/grievance';
import { ARBITRATION_STAGE } from '@laborcase/domain/grievance';
import type { ProjectedEvent } from '../../definition.js';
import type { Row, RowValue, TableSpec } from '../../tables.js';

/** A projected grievance event of type `T`. */
export type GrievanceEventFor<T extends GrievanceEvent['type']> = ProjectedEvent<T, GrievanceEventOf<T>['data']>;

export type FiledData = GrievanceEventOf<'GrievanceFiled'>['data'];

/**
 * The article a grievance is counted under: the first it cites, with the number and title it carried in the
 * edition in force on the occurrence date (as the filing recorded them). Every report counts a grievance once.
 */
export const primaryArticle = (data: FiledData): { readonly key: string; readonly number: string; readonly title: string } => {
  const first = data.articles[0];
  return first === undefined ? { key: 'none', number: '-', title: '(no article cited)' } : first;
};

/** The columns every grievance row starts with: who, under which unit, edition and article. */
export const filingColumns = (event: GrievanceEventFor<'GrievanceFiled'>) => {
  const data = event.data;
  const article = primaryArticle(data);
  return {
    grievance_id: data.grievanceId,
    stream_id: event.streamId,
    unit_id: data.unitId,
    edition_id: data.editionId,
    article_key: article.key,
    article_number: article.number,
    article_title: article.title,
    grievant_kind: data.grievant.kind,
    occurred_on: data.occurredOn,
    filed_on: data.filedOn,
  };
};

/** Column declarations matching `filingColumns`. */
export const filingColumnTypes = {
  grievance_id: 'text',
  stream_id: 'text',
  unit_id: 'text',
  edition_id: 'text',
  article_key: 'text',
  article_number: 'text',
  article_title: 'text',
  grievant_kind: 'text',
  occurred_on: 'date',
  filed_on: 'date',
} as const;

/** Who hears a step (the procedure's `hearer`), `arbitrator` for the arbitration stage. */
export const hearerOf = (steps: readonly Pick<ProcedureStep, 'id' | 'hearer'>[], stepId: string): string =>
  stepId === ARBITRATION_STAGE ? 'arbitrator' : (steps.find((s) => s.id === stepId)?.hearer ?? stepId);

/** The step's level in the ladder (1 for the first written step), 99 for arbitration, 0 when unknown. */
export const levelOf = (steps: readonly Pick<ProcedureStep, 'id' | 'level'>[], stepId: string): number =>
  stepId === ARBITRATION_STAGE ? 99 : (steps.find((s) => s.id === stepId)?.level ?? 0);

/** A row's text column (throws on a row of another shape: read models are written by their own handlers). */
export const text = (row: Row, column: string): string => {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`column ${column} is not text: ${JSON.stringify(value)}`);
  return value;
};

export const optionalText = (row: Row, column: string): string | null => {
  const value = row[column];
  return typeof value === 'string' ? value : null;
};

export const integer = (row: Row, column: string): number => {
  const value = row[column];
  if (typeof value !== 'number') throw new TypeError(`column ${column} is not a number: ${JSON.stringify(value)}`);
  return value;
};

export const flag = (row: Row, column: string): boolean => row[column] === true;

/** The ids a JSON list column holds (an empty list for anything else). */
export const idsOf = (value: RowValue | undefined): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);

/** Rows of a table keyed by `stream_id`, with the declaration of its columns: facts a later event added to a case. */
export interface StreamFacts {
  readonly spec: TableSpec;
  readonly rows: readonly Row[];
}

/**
 * Each row of `cases` with the columns of the row that every table of `facts` holds for the same `stream_id`
 * (null where it holds none); a later table's fact wins over an earlier one's for a column both declare. A fact
 * whose stream has no case row is left out, as a handler updating the case row would have skipped it.
 */
export const withStreamFacts = (cases: readonly Row[], facts: readonly StreamFacts[]): Row[] => {
  const byStream = facts.map(({ spec, rows }) => ({
    columns: Object.keys(spec.columns).filter((column) => column !== 'stream_id'),
    rows: new Map(rows.map((row) => [text(row, 'stream_id'), row])),
  }));
  return cases.map((row) => {
    const out: Record<string, RowValue> = { ...row };
    const streamId = text(row, 'stream_id');
    for (const { columns, rows } of byStream) {
      const fact = rows.get(streamId);
      for (const column of columns) {
        if (fact !== undefined) out[column] = fact[column] ?? null;
        else if (!(column in out)) out[column] = null;
      }
    }
    return out;
  });
};
