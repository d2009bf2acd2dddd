import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@laborcase/core/testkit';
import { grievanceDecider } from './decide/index.js';
import type { GrievanceEvent } from './events.js';
import {
  agreement,
  agreementNotInEffect,
  agreementWithoutClasses,
  agreementWithoutExtensions,
  calendarV1,
  deadline,
  file,
  filed,
  met,
  procedure,
  wd,
} from './testData.js';

const spec = deciderSpec(grievanceDecider);

const filedEvent = (overrides: Partial<Extract<GrievanceEvent, { type: 'GrievanceFiled' }>['data']> = {}): GrievanceEvent => ({
  type: 'GrievanceFiled',
  data: {
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
    procedure,
    entryStepId: 'step-1',
    ...overrides,
  },
});

describe('FileGrievance', () => {
  it('files an individual grievance at Step 1, records the edition, article numbers and procedure, and schedules the filing and meeting deadlines', () => {
    spec.given([]).when(file).then([
      filedEvent(),
      deadline('step-1', 'file', 'grievant', '2025-10-06', '2025-11-03', wd(20)),
      met('step-1', 'file', '2025-10-13'),
      deadline('step-1', 'meet', 'management', '2025-10-13', '2025-10-20', wd(5)),
    ]);
  });

  it('accepts a filing on the last allowed day', () => {
    spec.given([]).when({ ...file, filedOn: '2025-11-03' }).then([
      filedEvent({ filedOn: '2025-11-03' }),
      deadline('step-1', 'file', 'grievant', '2025-10-06', '2025-11-03', wd(20)),
      met('step-1', 'file', '2025-11-03'),
      deadline('step-1', 'meet', 'management', '2025-11-03', '2025-11-10', wd(5)),
    ]);
  });

  it('files a class grievance at the class entry step (Step 2, which has no meeting: the answer is due from the filing)', () => {
    const grievant = { kind: 'class' as const, memberCount: 3, description: 'Teachers at Hill MS' };
    spec.given([]).when({ ...file, grievant }).then([
      filedEvent({ grievant, entryStepId: 'step-2' }),
      deadline('step-2', 'file', 'grievant', '2025-10-06', '2025-11-03', wd(20)),
      met('step-2', 'file', '2025-10-13'),
      deadline('step-2', 'answer', 'management', '2025-10-13', '2025-10-27', wd(10)),
    ]);
  });

  it('files an association grievance at the class entry step', () => {
    const grievant = { kind: 'association' as const };
    spec.given([]).when({ ...file, grievant }).then([
      filedEvent({ grievant, entryStepId: 'step-2' }),
      deadline('step-2', 'file', 'grievant', '2025-10-06', '2025-11-03', wd(20)),
      met('step-2', 'file', '2025-10-13'),
      deadline('step-2', 'answer', 'management', '2025-10-13', '2025-10-27', wd(10)),
    ]);
  });

  it('counts the filing limit from discovery when the grievant learned of the violation later', () => {
    spec.given([]).when({ ...file, occurredOn: '2025-09-02', discoveredOn: '2025-10-06' }).then([
      filedEvent({ occurredOn: '2025-09-02', discoveredOn: '2025-10-06' }),
      deadline('step-1', 'file', 'grievant', '2025-10-06', '2025-11-03', wd(20)),
      met('step-1', 'file', '2025-10-13'),
      deadline('step-1', 'meet', 'management', '2025-10-13', '2025-10-20', wd(5)),
    ]);
  });

  it('accepts a late filing as a continuing violation, with no filing deadline to measure it by', () => {
    spec.given([]).when({ ...file, filedOn: '2025-11-10', continuingViolation: true }).then([
      filedEvent({ filedOn: '2025-11-10', continuingViolation: true }),
      deadline('step-1', 'meet', 'management', '2025-11-10', '2025-11-17', wd(5)),
    ]);
  });

  describe('rejects', () => {
    it('a second filing on the stream', () => {
      spec.given(filed).when(file).thenFails('GrievanceAlreadyFiled');
    });

    it('a filing after the entry step limit, naming the due date', () => {
      const error = spec.given([]).when({ ...file, filedOn: '2025-11-04' }).thenFails('FilingOutOfTime');
      expect(error).toMatchObject({ field: 'filedOn', details: { dueOn: '2025-11-03', clockStarts: '2025-10-06' } });
      expect(error.rule).toMatch(/file within/);
    });

    it('an unknown article key, naming it', () => {
      const error = spec.given([]).when({ ...file, articleKeys: ['planning-time', 'recess'] }).thenFails('UnknownArticleKey');
      expect(error).toMatchObject({ field: 'articleKeys.1', details: { articleKey: 'recess' } });
    });

    it('an article not yet in force on the occurrence date', () => {
      const error = spec.given([]).when({ ...file, articleKeys: ['remote-work'] }).thenFails('ArticleNotInForce');
      expect(error).toMatchObject({ field: 'articleKeys.0', details: { articleKey: 'remote-work', date: '2025-10-06' } });
    });

    it('an occurrence outside the edition term', () => {
      spec.given([]).when({ ...file, occurredOn: '2024-06-20', filedOn: '2024-06-21' }).thenFails('DateOutsideTerm');
    });

    it('an edition that never took effect', () => {
      const error = spec.given([]).when({ ...file, agreement: agreementNotInEffect }).thenFails('NoEditionInForce');
      expect(error.field).toBe('occurredOn');
    });

    it('a grievance that cites nothing', () => {
      spec.given([]).when({ ...file, articleKeys: [] }).thenFails('NoArticleCited');
    });

    it('an unregistered agreement', () => {
      spec.given([]).when({ ...file, agreement: { status: 'unregistered' } }).thenFails('AgreementNotRegistered');
    });

    it('a class grievance below the minimum membership', () => {
      const error = spec.given([]).when({ ...file, grievant: { kind: 'class', memberCount: 2, description: 'Two teachers' } }).thenFails('ClassGrievanceTooSmall');
      expect(error).toMatchObject({ field: 'grievant.memberCount', details: { minMembers: 3, memberCount: 2 } });
    });

    it('a class grievance where the edition provides none', () => {
      spec.given([]).when({ ...file, agreement: agreementWithoutClasses, grievant: { kind: 'class', memberCount: 40, description: 'All' } }).thenFails('ClassGrievanceNotProvided');
    });

    it('an individual grievance naming nobody', () => {
      spec.given([]).when({ ...file, grievant: { kind: 'individual', employeeIds: [] } }).thenFails('NoGrievantNamed');
    });

    it('a continuing violation where the edition does not recognise them', () => {
      spec.given([]).when({ ...file, agreement: agreementWithoutExtensions, continuingViolation: true }).thenFails('ContinuingViolationNotRecognized');
    });

    it('a filing dated before the occurrence, or a discovery before the occurrence', () => {
      spec.given([]).when({ ...file, filedOn: '2025-10-01' }).thenFails('DateOutOfOrder');
      spec.given([]).when({ ...file, discoveredOn: '2025-10-01' }).thenFails('DateOutOfOrder');
    });

    it('malformed dates and blank remedies', () => {
      expect(spec.given([]).when({ ...file, filedOn: '2025-13-01' }).thenFails('InvalidCommand').field).toBe('filedOn');
      expect(spec.given([]).when({ ...file, remedySought: '  ' }).thenFails('InvalidCommand').field).toBe('remedySought');
    });

    it('a filing without a grievant (a malformed command) as InvalidCommand naming the field, without throwing', () => {
      const { grievant: _, ...withoutGrievant } = file;
      const malformed = withoutGrievant as unknown as typeof file;
      expect(() => grievanceDecider.decide(malformed, grievanceDecider.initialState)).not.toThrow();
      expect(spec.given([]).when(malformed).thenFails('InvalidCommand').field).toBe('grievant');
    });

    it('a calendar that does not cover the filing window', () => {
      spec.given([]).when({ ...file, occurredOn: '2026-06-20', filedOn: '2026-06-22', agreement, calendar: calendarV1 }).thenFails('CalendarRangeExceeded');
    });

    it('every other command before a filing', () => {
      spec.given([]).when({ type: 'WithdrawGrievance', withdrawnOn: '2025-10-13', reason: 'x' }).thenFails('GrievanceNotFiled');
    });
  });
});
