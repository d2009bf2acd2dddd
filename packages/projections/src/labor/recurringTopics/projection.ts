/**
 * Read model 6, recurring topics: one row per grievance filed, with its unit, edition, article (stable key, and
 * the number and title the filing recorded) and the school year of filing (July 1 – June 30). Counting per
 * article and year, and the change from year to year, happen in the report.
 */
import { schoolYearOf, type GrievanceEvent } from '@laborcase/domain/grievance';
import { defineProjection } from '../../definition.js';
import { filingColumnTypes, filingColumns, type GrievanceEventFor } from '../grievances/facts.js';

export const recurringTopicsProjection = defineProjection<GrievanceEvent, 'filings'>({
  name: 'recurring_topics',
  version: 1,
  tables: [
    {
      name: 'filings',
      columns: { ...filingColumnTypes, filed_school_year: 'text' },
      primaryKey: ['grievance_id'],
      indexes: [['unit_id', 'article_key', 'filed_school_year'], ['stream_id']],
    },
  ],
  streamColumn: { filings: 'stream_id' },
  handlers: {
    async GrievanceFiled(event: GrievanceEventFor<'GrievanceFiled'>, rows) {
      await rows.upsert('filings', { ...filingColumns(event), filed_school_year: schoolYearOf(event.data.filedOn) });
    },
  },
});
