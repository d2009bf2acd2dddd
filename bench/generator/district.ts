/**
 * The fictional district the generator writes: Example County Public Schools (ECPS, domain notes §7) with its three
 * bargaining units, their schools and what each unit grieves most. Everything here is INVENTED (no real people).
 */
import type { AgreementState } from '@laborcase/domain/agreement';
import { agreementStreamId } from '@laborcase/domain/agreement';
import type { WorkCalendarState } from '@laborcase/domain/calendar';
import type { KnownStreams } from './grievanceDriver.js';

export const DISTRICT_ID = 'ecps';

export type UnitId = 'ecea' | 'ecssu' | 'ecap';

export interface UnitProfile {
  readonly unitId: UnitId;
  /** Share of the district's grievances. */
  readonly share: number;
  /** Articles grieved, most frequent first (stable keys of the unit's editions). */
  readonly grievedArticles: readonly string[];
  /** The article a grievance over discipline cites. */
  readonly disciplineArticle: string;
  /** The salary article bargaining costs. */
  readonly salaryArticle: string;
  /** Articles bargained besides salary. */
  readonly languageArticles: readonly string[];
  readonly class: boolean;
  readonly salaryBaseCents: number;
  readonly fte: number;
  readonly employees: number;
  readonly chiefs: { readonly union: string; readonly board: string };
}

export const UNITS: readonly UnitProfile[] = [
  {
    unitId: 'ecea',
    share: 0.62,
    grievedArticles: ['planning-time', 'schedules-workload', 'evaluations', 'assignments-transfers', 'staffing', 'leaves', 'professional-development', 'school-climate', 'salaries', 'insurance'],
    // ECEA's edition has no discipline article; discipline of a teacher is grieved under evaluations (INVENTED).
    disciplineArticle: 'evaluations',
    salaryArticle: 'salaries',
    languageArticles: ['planning-time', 'schedules-workload', 'staffing', 'leaves', 'professional-development'],
    class: true,
    salaryBaseCents: 74_000_000_000,
    fte: 7_000,
    employees: 7_000,
    chiefs: { union: 'Dana Whitfield', board: 'Paul Okafor' },
  },
  {
    unitId: 'ecssu',
    share: 0.3,
    grievedArticles: ['overtime', 'hours-of-work', 'seniority', 'discipline-discharge', 'health-safety', 'leaves', 'wages', 'benefits'],
    disciplineArticle: 'discipline-discharge',
    salaryArticle: 'wages',
    languageArticles: ['overtime', 'hours-of-work', 'seniority', 'health-safety'],
    class: true,
    salaryBaseCents: 22_000_000_000,
    fte: 4_000,
    employees: 4_000,
    chiefs: { union: 'Marisol Grant', board: 'Henry Adeyemi' },
  },
  {
    unitId: 'ecap',
    share: 0.08,
    grievedArticles: ['evaluation', 'transfers', 'discipline', 'leaves', 'salaries'],
    disciplineArticle: 'discipline',
    salaryArticle: 'salaries',
    languageArticles: ['evaluation', 'transfers', 'leaves'],
    class: false,
    salaryBaseCents: 9_500_000_000,
    fte: 700,
    employees: 700,
    chiefs: { union: 'Grace Liu', board: 'Paul Okafor' },
  },
];

export const unitProfile = (unitId: string): UnitProfile => {
  const unit = UNITS.find((u) => u.unitId === unitId);
  if (unit === undefined) throw new Error(`no unit ${unitId}`);
  return unit;
};

const SCHOOL_NAMES = [
  'northwood', 'lakeview', 'eastfield', 'river', 'summit', 'oakridge', 'maple', 'cedar', 'westbrook', 'hillcrest', 'pinecrest', 'fairview',
  'brookside', 'meadow', 'highland', 'valley', 'kingsley', 'harbor', 'greenway', 'stonegate', 'willow', 'ashford', 'bayside', 'clearwater',
];
/** 24 elementary, 12 middle and 8 high schools. */
export const SCHOOLS: readonly string[] = [
  ...SCHOOL_NAMES.map((n) => `${n}-es`),
  ...SCHOOL_NAMES.slice(0, 12).map((n) => `${n}-ms`),
  ...SCHOOL_NAMES.slice(0, 8).map((n) => `${n}-hs`),
];

export interface EditionInfo {
  readonly unitId: string;
  readonly editionId: string;
  readonly effectiveFrom: string;
  readonly expiresOn: string;
}

/** The generator's memory of the streams it wrote through the services: what they said after each command. */
export class KnownWorld implements KnownStreams {
  private readonly calendars = new Map<string, WorkCalendarState>();
  private readonly agreements = new Map<string, AgreementState>();
  private revision = 0;

  readonly calendar = (schoolYear: string): WorkCalendarState | undefined => this.calendars.get(schoolYear);
  readonly calendarsRevision = (): number => this.revision;
  readonly agreement = (unitId: string, editionId: string): AgreementState | undefined => this.agreements.get(agreementStreamId(unitId, editionId));

  setCalendar(schoolYear: string, state: WorkCalendarState): void {
    this.calendars.set(schoolYear, state);
    this.revision++;
  }

  setAgreement(streamId: string, state: AgreementState): void {
    this.agreements.set(streamId, state);
  }

  /** Registered editions of `unitId`, earliest first. */
  editions(unitId: string): readonly EditionInfo[] {
    const out: EditionInfo[] = [];
    for (const state of this.agreements.values()) {
      if (state.status === 'unregistered' || state.unitId !== unitId) continue;
      out.push({ unitId, editionId: state.editionId, effectiveFrom: state.term.effectiveFrom, expiresOn: state.term.expiresOn });
    }
    return out.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  }

  /** The edition of `unitId` whose term covers `date` (the latest, if terms overlap). */
  editionOn(unitId: string, date: string): EditionInfo | undefined {
    return this.editions(unitId)
      .filter((e) => e.effectiveFrom <= date && date <= e.expiresOn)
      .at(-1);
  }
}
