/**
 * The workload both libraries run: a grievance climbing a five-step ladder (filed, answered, appealed, answered…).
 * Library-neutral on purpose: the same `decide` and `evolve` are wrapped by each contender, so the figures
 * differ only by what the libraries do around them. Each event's `data` serialises to ~250 bytes.
 */

export type Actor = { readonly actorId: string; readonly role: string };

export type GrievanceFiled = {
  readonly type: 'GrievanceFiled';
  readonly data: {
    readonly grievanceId: string;
    readonly grievant: { readonly kind: 'individual'; readonly employeeIds: readonly string[] };
    readonly unitId: string;
    readonly editionId: string;
    readonly articleKeys: readonly string[];
    readonly occurredOn: string;
    readonly filedOn: string;
    readonly remedySought: string;
  };
};

export type StepAnswered = {
  readonly type: 'StepAnswered';
  readonly data: {
    readonly grievanceId: string;
    readonly step: number;
    readonly disposition: 'granted' | 'denied';
    readonly heardOn: string;
    readonly answeredOn: string;
    readonly answeredBy: Actor;
    readonly reason: string;
  };
};

export type GrievanceAppealed = {
  readonly type: 'GrievanceAppealed';
  readonly data: {
    readonly grievanceId: string;
    readonly fromStep: number;
    readonly toStep: number;
    readonly appealedOn: string;
    readonly appealedBy: Actor;
    readonly reason: string;
  };
};

export type GrievanceEvent = GrievanceFiled | StepAnswered | GrievanceAppealed;

export type GrievanceCommand =
  | { readonly type: 'File'; readonly grievanceId: string }
  | { readonly type: 'Answer'; readonly disposition: 'granted' | 'denied' }
  | { readonly type: 'Appeal' };

export type GrievanceState =
  | { readonly status: 'none'; readonly events: 0 }
  | { readonly status: 'open'; readonly grievanceId: string; readonly step: number; readonly answered: boolean; readonly events: number };

export type Decision = { readonly ok: true; readonly events: readonly GrievanceEvent[] } | { readonly ok: false; readonly code: string; readonly message: string };

export const LAST_STEP = 5;

/** Who acts and why, carried by every event as metadata by both libraries. */
export const eventContext = {
  actor: { actorId: 'lr-specialist-7', role: 'labor-relations' },
  correlationId: 'peer-bench',
  causationId: 'peer-bench',
  effectiveOn: '2025-11-14',
} as const;

const principal: Actor = { actorId: 'principal-17', role: 'principal' };
const rep: Actor = { actorId: 'rep-4', role: 'association-rep' };

const filedEvent = (grievanceId: string): GrievanceFiled => ({
  type: 'GrievanceFiled',
  data: {
    grievanceId,
    grievant: { kind: 'individual', employeeIds: ['E-10233'] },
    unitId: 'ecea',
    editionId: '2024-2027',
    articleKeys: ['planning-time', 'class-size'],
    occurredOn: '2025-10-06',
    filedOn: '2025-10-21',
    remedySought: 'Restore the contractual planning period; make the grievant whole',
  },
});

const answeredEvent = (grievanceId: string, step: number, disposition: 'granted' | 'denied'): StepAnswered => ({
  type: 'StepAnswered',
  data: {
    grievanceId,
    step,
    disposition,
    heardOn: '2025-11-04',
    answeredOn: '2025-11-14',
    answeredBy: principal,
    reason: 'Planning time was reduced for an assessment day the agreement permits',
  },
});

const appealedEvent = (grievanceId: string, fromStep: number): GrievanceAppealed => ({
  type: 'GrievanceAppealed',
  data: {
    grievanceId,
    fromStep,
    toStep: fromStep + 1,
    appealedOn: '2025-11-21',
    appealedBy: rep,
    reason: 'The answer does not address the make-whole remedy; the association appeals',
  },
});

export const initialState: GrievanceState = { status: 'none', events: 0 };

const reject = (code: string, message: string): Decision => ({ ok: false, code, message });

export const decide = (command: GrievanceCommand, state: GrievanceState): Decision => {
  switch (command.type) {
    case 'File':
      if (state.status !== 'none') return reject('AlreadyFiled', 'grievance already filed');
      return { ok: true, events: [filedEvent(command.grievanceId)] };
    case 'Answer':
      if (state.status !== 'open') return reject('NotFiled', 'no grievance to answer');
      if (state.answered) return reject('AlreadyAnswered', `step ${state.step} is already answered`);
      return { ok: true, events: [answeredEvent(state.grievanceId, state.step, command.disposition)] };
    case 'Appeal':
      if (state.status !== 'open') return reject('NotFiled', 'no grievance to appeal');
      if (!state.answered) return reject('NotAnswered', `step ${state.step} has no answer to appeal`);
      if (state.step >= LAST_STEP) return reject('NoNextStep', 'no step after the last one');
      return { ok: true, events: [appealedEvent(state.grievanceId, state.step)] };
  }
};

export const evolve = (state: GrievanceState, event: GrievanceEvent): GrievanceState => {
  switch (event.type) {
    case 'GrievanceFiled':
      return { status: 'open', grievanceId: event.data.grievanceId, step: 1, answered: false, events: state.events + 1 };
    case 'StepAnswered':
      return state.status === 'open' ? { ...state, answered: true, events: state.events + 1 } : state;
    case 'GrievanceAppealed':
      return state.status === 'open' ? { ...state, step: event.data.toStep, answered: false, events: state.events + 1 } : state;
  }
};

/** The k-th command (from 0) of a stream's script: file, then answer and appeal in turn, one event each. */
export const commandAt = (grievanceId: string, k: number): GrievanceCommand =>
  k === 0 ? { type: 'File', grievanceId } : k % 2 === 1 ? { type: 'Answer', disposition: 'denied' } : { type: 'Appeal' };

/** The longest script `commandAt` can run before the ladder ends. */
export const MAX_COMMANDS_PER_STREAM = 2 * LAST_STEP;

/** The i-th event (from 0) of a long history, for batch appends and the long stream: steps keep rising. */
export const historyEventAt = (grievanceId: string, i: number): GrievanceEvent =>
  i === 0 ? filedEvent(grievanceId) : i % 2 === 1 ? answeredEvent(grievanceId, (i + 1) / 2, 'denied') : appealedEvent(grievanceId, i / 2);

export const historyEvents = (grievanceId: string, from: number, count: number): GrievanceEvent[] =>
  Array.from({ length: count }, (_, n) => historyEventAt(grievanceId, from + n));

/** Mean serialised size of a stream's `data`, for the report. */
export const meanDataBytes = (events: readonly GrievanceEvent[]): number =>
  Math.round(events.reduce((sum, event) => sum + Buffer.byteLength(JSON.stringify(event.data)), 0) / Math.max(1, events.length));
