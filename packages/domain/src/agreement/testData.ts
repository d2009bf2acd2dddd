/** Small, hand-checkable agreement data shared by this folder's specs (not part of the public API). */
import type { Limit } from '../calendar/limit.js';
import type { RegisterAgreementEdition } from './commands.js';
import type { AgreementEvent } from './events.js';
import type { GrievanceProcedure } from './procedure.js';

const days = (n: number): Limit => ({ n, dayType: 'school', summerDayType: 'working' });

export const procedure: GrievanceProcedure = {
  steps: [
    { id: 'step-1', level: 1, name: 'Step 1', hearer: 'principal', fileWithin: days(20), meetWithin: days(10), answerWithin: days(10), appealWithin: days(10), appealAnchor: 'answerDueIfLate' },
    { id: 'step-2', level: 2, name: 'Step 2', hearer: 'designee', fileWithin: days(20), answerWithin: days(10), appealAnchor: 'answerDueIfLate' },
  ],
  filingClockStarts: 'occurrenceOrDiscovery',
  continuingViolations: true,
  onGrievantLapse: 'settledOnLastAnswer',
  onManagementLapse: 'mayAdvance',
  extensions: 'mutualWritten',
  classGrievance: { minMembers: 3, entryStep: 'step-2' },
  arbitration: {
    invokedBy: 'association',
    binding: true,
    noticeWithin: days(20),
    selection: { source: 'AAA', listSize: 7, method: 'alternateStrike' },
    fees: 'splitEqually',
  },
};

export const register: RegisterAgreementEdition = {
  type: 'RegisterAgreementEdition',
  unitId: 'ecea',
  editionId: '2024-2027',
  title: 'ECEA Agreement',
  term: { effectiveFrom: '2024-07-01', expiresOn: '2027-06-30' },
  tentativelyAgreedOn: '2024-03-14',
  fundingContingent: true,
  articles: [
    { key: 'grievance-procedure', number: '5', title: 'Grievance Procedure' },
    { key: 'planning-time', number: '12', title: 'Plannig Time' },
    { key: 'schedules-workload', number: '17', title: 'Schedules & Workload' },
    { key: 'salaries', number: '20', title: 'Salaries' },
  ],
  grievanceProcedure: procedure,
  reopeners: [{ fiscalYear: 'FY27', articleKeys: ['salaries', 'planning-time'] }],
};

const { type: _type, ...registrationData } = register;

export const registered: AgreementEvent = { type: 'AgreementEditionRegistered', data: registrationData };
export const ratified: AgreementEvent = { type: 'AgreementRatifiedByMembers', data: { ratifiedOn: '2024-04-11' } };
export const approved: AgreementEvent = { type: 'AgreementApprovedByBoard', data: { approvedOn: '2024-04-23' } };
export const tookEffect: AgreementEvent = { type: 'AgreementTookEffect', data: { effectiveOn: '2024-07-01' } };
export const inEffect: readonly AgreementEvent[] = [registered, ratified, approved, tookEffect];
