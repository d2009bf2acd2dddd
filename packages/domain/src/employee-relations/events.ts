import * as t from 'io-ts';
import { IsoDate, NonEmptyString, defineEventType, type EventOfDefinition } from '@laborcase/core';

export const Channel = t.keyof({ adminComplaint: null, misconductAllegation: null, hotline: null }, 'Channel');
export type Channel = t.TypeOf<typeof Channel>;

export const Route = t.keyof({ investigation: null, informalResolution: null, administrativeReview: null, referred: null, noAction: null }, 'Route');
export type Route = t.TypeOf<typeof Route>;

export const FindingValue = t.keyof({ substantiated: null, unsubstantiated: null, inconclusive: null }, 'FindingValue');
export type FindingValue = t.TypeOf<typeof FindingValue>;

export const DisciplineLevel = t.keyof(
  { verbalWarning: null, writtenReprimand: null, suspensionWithoutPay: null, demotion: null, termination: null },
  'DisciplineLevel',
);
export type DisciplineLevel = t.TypeOf<typeof DisciplineLevel>;

export const Allegation = t.intersection([t.type({ allegationId: NonEmptyString, summary: NonEmptyString }), t.partial({ policyRef: NonEmptyString })], 'Allegation');
export type Allegation = t.TypeOf<typeof Allegation>;

/** The employee the complaint is about; `unitId` is the bargaining unit that represents them, if any. */
export const Respondent = t.intersection([t.type({ employeeId: NonEmptyString }), t.partial({ unitId: NonEmptyString, role: NonEmptyString })], 'Respondent');
export type Respondent = t.TypeOf<typeof Respondent>;

export const Finding = t.intersection([t.type({ allegationId: NonEmptyString, finding: FindingValue }), t.partial({ rationale: NonEmptyString })], 'Finding');
export type Finding = t.TypeOf<typeof Finding>;

const Recorded = { occurredOn: IsoDate, actor: NonEmptyString };

export const ComplaintReceived = defineEventType(
  'ComplaintReceived',
  1,
  t.intersection([
    t.type({ caseId: NonEmptyString, channel: Channel, anonymous: t.boolean, allegations: t.array(Allegation), ...Recorded }),
    t.partial({ complainant: NonEmptyString, respondent: Respondent }),
  ]),
);

export const ComplaintTriaged = defineEventType(
  'ComplaintTriaged',
  1,
  t.intersection([t.type({ route: Route, reason: NonEmptyString, ...Recorded }), t.partial({ referredTo: NonEmptyString })]),
);

export const InvestigationOpened = defineEventType(
  'InvestigationOpened',
  1,
  t.type({
    investigator: NonEmptyString,
    conflictCheck: t.type({ cleared: t.literal(true), checkedOn: IsoDate, disclosures: t.array(NonEmptyString) }),
    ...Recorded,
  }),
);

export const InterimActionTaken = defineEventType(
  'InterimActionTaken',
  1,
  t.type({
    action: t.keyof({ administrativeLeave: null, reassignment: null, noContactDirective: null, other: null }),
    description: NonEmptyString,
    ...Recorded,
  }),
);

export const InterviewRecorded = defineEventType(
  'InterviewRecorded',
  1,
  t.type({
    interviewId: NonEmptyString,
    interviewee: NonEmptyString,
    role: t.keyof({ complainant: null, respondent: null, witness: null }),
    ...Recorded,
  }),
);

export const FindingsIssued = defineEventType('FindingsIssued', 1, t.type({ findings: t.array(Finding), ...Recorded }));

export const DisciplineImposed = defineEventType(
  'DisciplineImposed',
  1,
  t.intersection([
    t.type({
      disciplineId: NonEmptyString,
      level: DisciplineLevel,
      employeeId: NonEmptyString,
      allegationIds: t.array(NonEmptyString),
      effectiveOn: IsoDate,
      ...Recorded,
    }),
    t.partial({ unitId: NonEmptyString }),
  ]),
);

export const FindingsAppealed = defineEventType(
  'FindingsAppealed',
  1,
  t.type({ appellant: t.keyof({ respondent: null, complainant: null }), grounds: NonEmptyString, ...Recorded }),
);

export const FindingsAppealDecided = defineEventType(
  'FindingsAppealDecided',
  1,
  t.type({ outcome: t.keyof({ upheld: null, modified: null, reversed: null }), findings: t.array(Finding), ...Recorded }),
);

export const EmployeeRelationsCaseClosed = defineEventType('EmployeeRelationsCaseClosed', 1, t.type({ disposition: NonEmptyString, ...Recorded }));

export const EmployeeRelationsCaseReopened = defineEventType('EmployeeRelationsCaseReopened', 1, t.type({ reason: NonEmptyString, ...Recorded }));

export const employeeRelationsEventDefinitions = [
  ComplaintReceived,
  ComplaintTriaged,
  InvestigationOpened,
  InterimActionTaken,
  InterviewRecorded,
  FindingsIssued,
  DisciplineImposed,
  FindingsAppealed,
  FindingsAppealDecided,
  EmployeeRelationsCaseClosed,
  EmployeeRelationsCaseReopened,
] as const;

export type EmployeeRelationsEvent =
  | EventOfDefinition<typeof ComplaintReceived>
  | EventOfDefinition<typeof ComplaintTriaged>
  | EventOfDefinition<typeof InvestigationOpened>
  | EventOfDefinition<typeof InterimActionTaken>
  | EventOfDefinition<typeof InterviewRecorded>
  | EventOfDefinition<typeof FindingsIssued>
  | EventOfDefinition<typeof DisciplineImposed>
  | EventOfDefinition<typeof FindingsAppealed>
  | EventOfDefinition<typeof FindingsAppealDecided>
  | EventOfDefinition<typeof EmployeeRelationsCaseClosed>
  | EventOfDefinition<typeof EmployeeRelationsCaseReopened>;

export type EmployeeRelationsEventData<T extends EmployeeRelationsEvent['type']> = Extract<EmployeeRelationsEvent, { type: T }>['data'];
