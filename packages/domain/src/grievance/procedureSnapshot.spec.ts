import { describe, expect, it } from '@jest/globals';
import { isRight } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { createCodecRegistry } from '@laborcase/core';
import * as agreement from '../agreement/index.js';
import * as calendar from '../calendar/index.js';
import { grievanceEventDefinitions } from './events.js';
import { DeadlineRuleSnapshot, ProcedureSnapshot, toDeadlineRuleSnapshot, toProcedureSnapshot, type ProcedureSnapshot as Snapshot } from './procedureSnapshot.js';

const known: Snapshot = {
  steps: [
    {
      id: 'step-1',
      level: 1,
      name: 'Step 1',
      hearer: 'principal',
      fileWithin: { n: 20, dayType: 'school', summerDayType: 'working' },
      answerWithin: { n: 10, dayType: 'school' },
      appealAnchor: 'answerDueIfLate',
      meetWithin: { n: 10, dayType: 'school' },
      appealWithin: { n: 10, dayType: 'school' },
    },
    { id: 'step-2', level: 2, name: 'Step 2', hearer: 'designee', fileWithin: { n: 20, dayType: 'working' }, answerWithin: { n: 10, dayType: 'working' }, appealAnchor: 'answerReceived' },
  ],
  filingClockStarts: 'occurrenceOrDiscovery',
  continuingViolations: true,
  onGrievantLapse: 'settledOnLastAnswer',
  onManagementLapse: 'mayAdvance',
  extensions: 'mutualWritten',
  informal: { hearer: 'principal', raiseWithin: { n: 5, dayType: 'school' }, required: false },
  classGrievance: { minMembers: 3, entryStep: 'step-2' },
  arbitration: {
    invokedBy: 'association',
    binding: true,
    noticeWithin: { n: 20, dayType: 'school' },
    selection: { source: 'AAA', listSize: 7, method: 'alternateStrike' },
    fees: 'splitEqually',
    awardWithin: { n: 30, dayType: 'calendar' },
    includesDischarge: false,
  },
};

// The v1 stored form, written out by hand: a change here is a change of every stored GrievanceFiled.
const KNOWN_JSON =
  '{"steps":[{"id":"step-1","level":1,"name":"Step 1","hearer":"principal","fileWithin":{"n":20,"dayType":"school","summerDayType":"working"},' +
  '"answerWithin":{"n":10,"dayType":"school"},"appealAnchor":"answerDueIfLate","meetWithin":{"n":10,"dayType":"school"},"appealWithin":{"n":10,"dayType":"school"}},' +
  '{"id":"step-2","level":2,"name":"Step 2","hearer":"designee","fileWithin":{"n":20,"dayType":"working"},"answerWithin":{"n":10,"dayType":"working"},"appealAnchor":"answerReceived"}],' +
  '"filingClockStarts":"occurrenceOrDiscovery","continuingViolations":true,"onGrievantLapse":"settledOnLastAnswer","onManagementLapse":"mayAdvance","extensions":"mutualWritten",' +
  '"informal":{"hearer":"principal","raiseWithin":{"n":5,"dayType":"school"},"required":false},"classGrievance":{"minMembers":3,"entryStep":"step-2"},' +
  '"arbitration":{"invokedBy":"association","binding":true,"noticeWithin":{"n":20,"dayType":"school"},"selection":{"source":"AAA","listSize":7,"method":"alternateStrike"},' +
  '"fees":"splitEqually","awardWithin":{"n":30,"dayType":"calendar"},"includesDischarge":false}}';

/** Every codec reachable from `codec` (io-ts combinators keep their parts in `type`, `types` and `props`; ours in `fields`). */
const codecsIn = (codec: t.Mixed, seen = new Set<unknown>()): Set<unknown> => {
  if (seen.has(codec)) return seen;
  seen.add(codec);
  const parts = codec as unknown as { type?: t.Mixed; types?: readonly t.Mixed[]; props?: Record<string, t.Mixed>; fields?: Record<string, t.Mixed> };
  const children = [
    ...(parts.type !== undefined && typeof parts.type === 'object' ? [parts.type] : []),
    ...(parts.types ?? []),
    ...Object.values(parts.props ?? {}),
    ...Object.values(parts.fields ?? {}),
  ];
  for (const child of children) if (typeof child === 'object' && child !== null && 'decode' in child) codecsIn(child, seen);
  return seen;
};

const foreignCodecs = [...Object.values(agreement), ...Object.values(calendar)].filter((v) => typeof v === 'object' && v !== null && 'decode' in v && 'encode' in v);

describe('the grievance procedure snapshot (GrievanceFiled.procedure, v1)', () => {
  it('encodes a known procedure to the pinned JSON', () => {
    const decoded = ProcedureSnapshot.decode(JSON.parse(KNOWN_JSON));
    expect(isRight(decoded) && JSON.stringify(ProcedureSnapshot.encode(decoded.right))).toBe(KNOWN_JSON);
    expect(JSON.stringify(ProcedureSnapshot.encode(known))).toBe(KNOWN_JSON);
  });

  it('is stored byte for byte as written in a GrievanceFiled event', () => {
    const registry = createCodecRegistry(grievanceEventDefinitions);
    const filed = {
      grievanceId: 'G-1',
      unitId: 'tea',
      agreementId: 'agreement-tea-2024-2027',
      editionId: '2024-2027',
      grievant: { kind: 'individual', employeeIds: ['E-1'] },
      articles: [{ key: 'planning-time', number: '12', title: 'Planning Time' }],
      occurredOn: '2025-10-06',
      filedOn: '2025-10-13',
      remedySought: 'Restore planning time',
      continuingViolation: false,
      procedure: JSON.parse(KNOWN_JSON) as unknown,
      entryStepId: 'step-1',
    };
    const validated = registry.validate('GrievanceFiled', 1, filed);
    expect(validated.ok && JSON.stringify(validated.value)).toBe(JSON.stringify(filed));
    expect(registry.currentVersion('GrievanceFiled')).toBe(1);
  });

  it('is the grievance\'s own codec: no part of it is a codec of the agreement or the calendar', () => {
    expect(ProcedureSnapshot).not.toBe(agreement.GrievanceProcedure);
    expect(DeadlineRuleSnapshot).not.toBe(calendar.DeadlineRule);
    expect(foreignCodecs.length).toBeGreaterThan(5);
    const own = new Set([...codecsIn(ProcedureSnapshot), ...codecsIn(DeadlineRuleSnapshot)]);
    expect(own.size).toBeGreaterThan(20); // the walk reaches the steps, limits and arbitration rule
    expect(foreignCodecs.filter((codec) => own.has(codec)).map((codec) => (codec as t.Mixed).name)).toEqual([]);
  });

  it('keeps only the fields v1 knows when the agreement adds one', () => {
    const grown = { ...known, mediation: { required: true }, steps: known.steps.map((s) => ({ ...s, virtualMeetingAllowed: true })) };
    const snapshot = toProcedureSnapshot(grown);
    expect(isRight(snapshot) && JSON.stringify(snapshot.right)).toBe(KNOWN_JSON);
  });

  it('rejects, with a typed error, a procedure that no longer fits v1', () => {
    expect(toProcedureSnapshot({ ...known, onManagementLapse: 'deemedGranted' })).toMatchObject({
      _tag: 'Left',
      left: { code: 'SnapshotNotStorable', field: 'agreement.onManagementLapse' },
    });
  });
});

describe('the deadline rule snapshot (DeadlineScheduled/Recalculated/Resumed.rule, v1)', () => {
  const json = '{"limit":{"n":10,"dayType":"school","summerDayType":"working"},"calendarId":"calendar-ecps-2025-26","calendarVersion":2}';

  it('encodes a known rule to the pinned JSON and drops fields v1 does not know', () => {
    const rule = toDeadlineRuleSnapshot({ ...(JSON.parse(json) as object), countedDays: ['2026-01-22'] });
    expect(isRight(rule) && JSON.stringify(DeadlineRuleSnapshot.encode(rule.right))).toBe(json);
  });

  it('accepts what the calendar\'s deadline engine computes', () => {
    const v1 = calendar.currentCalendar(
      calendar.workCalendarDecider.evolve(calendar.workCalendarDecider.initialState, {
        type: 'CalendarAdopted',
        data: {
          calendarId: 'calendar-t-2025-26',
          districtId: 't',
          schoolYear: '2025-26',
          calendarVersion: 1,
          firstStudentDay: '2025-09-02',
          lastStudentDay: '2026-06-12',
          holidays: [],
          breaks: [],
          noStudentDays: [],
          adoptedOn: '2025-05-01',
        },
      }),
    )!;
    const computed = calendar.dueDate('2025-10-06', { n: 5, dayType: 'working' }, v1);
    expect(isRight(computed) && toDeadlineRuleSnapshot(computed.right.rule)).toEqual({
      _tag: 'Right',
      right: { limit: { n: 5, dayType: 'working' }, calendarId: 'calendar-t-2025-26', calendarVersion: 1 },
    });
  });
});
