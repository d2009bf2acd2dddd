import type { GrievanceEvent } from './events.js';
import { isFiled, type FiledGrievance, type GrievanceState, type TrackedDeadline } from './state.js';

const later = (a: string, b: string): string => (a > b ? a : b);

const updateDeadline = (state: FiledGrievance, deadlineId: string, change: (d: TrackedDeadline) => TrackedDeadline): FiledGrievance => ({
  ...state,
  deadlines: state.deadlines.map((d) => (d.deadlineId === deadlineId ? change(d) : d)),
});

const touch = (state: FiledGrievance, date: string): FiledGrievance => ({ ...state, lastActivityOn: later(state.lastActivityOn, date) });

export const evolveGrievance = (state: GrievanceState, event: GrievanceEvent): GrievanceState => {
  if (event.type === 'GrievanceFiled') {
    const d = event.data;
    return {
      status: 'open',
      grievanceId: d.grievanceId,
      unitId: d.unitId,
      agreementId: d.agreementId,
      editionId: d.editionId,
      grievant: d.grievant,
      articles: d.articles,
      occurredOn: d.occurredOn,
      filedOn: d.filedOn,
      remedySought: d.remedySought,
      continuingViolation: d.continuingViolation,
      procedure: d.procedure,
      stage: { kind: 'step', stepId: d.entryStepId, enteredOn: d.filedOn, answerOverdue: false },
      deadlines: [],
      lastActivityOn: d.filedOn,
    };
  }
  if (!isFiled(state)) return state;
  switch (event.type) {
    case 'DeadlineScheduled':
      return { ...state, deadlines: [...state.deadlines, { ...event.data, status: 'open', extended: false }] };
    case 'DeadlineMet':
      // A future fulfilment (a scheduled meeting) must not block what may still happen before it.
      return touch(updateDeadline(state, event.data.deadlineId, (d) => ({ ...d, status: 'met' })), event.data.recordedOn ?? event.data.metOn);
    case 'DeadlineMissed':
      return updateDeadline(state, event.data.deadlineId, (d) => ({ ...d, status: 'missed' }));
    case 'DeadlineExtended':
      return touch(updateDeadline(state, event.data.deadlineId, (d) => ({ ...d, dueOn: event.data.newDueOn, extended: true })), event.data.agreedOn);
    case 'DeadlineRecalculated':
      return updateDeadline(state, event.data.deadlineId, (d) => ({ ...d, dueOn: event.data.newDueOn, rule: event.data.rule }));
    case 'DeadlineTolled':
      return updateDeadline(state, event.data.deadlineId, (d) => ({ ...d, status: 'tolled', tolledOn: event.data.tolledOn }));
    case 'DeadlineResumed':
      return updateDeadline(state, event.data.deadlineId, ({ tolledOn: _, ...d }) => ({
        ...d,
        status: 'open',
        anchor: event.data.anchor,
        dueOn: event.data.dueOn,
        rule: event.data.rule,
        extended: false,
      }));
    case 'StepMeetingScheduled':
      return state.stage.kind === 'step' ? touch({ ...state, stage: { ...state.stage, meetingOn: event.data.meetingOn } }, event.data.scheduledOn) : state;
    case 'StepAnswered': {
      if (state.stage.kind !== 'step') return state;
      const answer = { stepId: event.data.stepId, disposition: event.data.disposition, answeredOn: event.data.answeredOn };
      return touch({ ...state, stage: { ...state.stage, answer }, lastAnswer: answer }, event.data.answeredOn);
    }
    case 'StepAnswerOverdue':
      return state.stage.kind === 'step' ? { ...state, stage: { ...state.stage, answerOverdue: true, overdueAnswerDueOn: event.data.dueOn } } : state;
    case 'GrievanceAppealed':
      return touch(
        { ...state, stage: { kind: 'step', stepId: event.data.toStepId, enteredOn: event.data.appealedOn, answerOverdue: false } },
        event.data.appealedOn,
      );
    case 'GrievancePlacedInAbeyance':
      return touch({ ...state, status: 'inAbeyance', abeyanceSince: event.data.placedOn }, event.data.placedOn);
    case 'GrievanceResumed': {
      const { abeyanceSince: _, ...rest } = state;
      return touch({ ...rest, status: 'open' }, event.data.resumedOn);
    }
    case 'GrievanceWithdrawn':
      return touch(state, event.data.withdrawnOn);
    case 'GrievanceSettled':
      return touch(state, event.data.settledOn);
    case 'GrievanceDeemedWaived':
    case 'GrievanceDeemedSettledOnLastAnswer':
      return state;
    case 'ArbitrationDemanded':
      return touch({ ...state, stage: { kind: 'arbitration', fromStepId: event.data.fromStepId, demandedOn: event.data.demandedOn } }, event.data.demandedOn);
    case 'ArbitratorSelected':
      return state.stage.kind === 'arbitration' ? touch({ ...state, stage: { ...state.stage, arbitrator: event.data.arbitrator } }, event.data.selectedOn) : state;
    case 'ArbitrationHearingClosed':
      return state.stage.kind === 'arbitration' ? touch({ ...state, stage: { ...state.stage, hearingClosedOn: event.data.closedOn } }, event.data.closedOn) : state;
    case 'ArbitrationAwardIssued':
      return touch(state, event.data.issuedOn);
    case 'GrievanceClosed': {
      const { abeyanceSince: _, ...rest } = state;
      return touch(
        {
          ...rest,
          status: 'closed',
          closure: { ...event.data },
          deadlines: state.deadlines.map((d) => (d.status === 'open' || d.status === 'tolled' ? { ...d, status: 'moot' } : d)),
        },
        event.data.closedOn,
      );
    }
  }
};
