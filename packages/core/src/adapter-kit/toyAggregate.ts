/**
 * A deliberately small grievance-like aggregate: the events the store contract suite appends, and a decider for kit tests.
 * The real Grievance aggregate is in @laborcase/domain/grievance.
 */
import * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  IsoDate,
  NonEmptyString,
  createCodecRegistry,
  defineEventType,
  domainError,
  type Decider,
  type DomainError,
  type EventOfDefinition,
} from '../index.js';

export const ToyFiled = defineEventType(
  'ToyGrievanceFiled',
  1,
  t.type({ grievant: NonEmptyString, article: NonEmptyString, occurredOn: IsoDate }),
).next(
  2,
  t.type({ grievant: NonEmptyString, articleKeys: t.array(NonEmptyString), occurredOn: IsoDate }),
  ({ grievant, article, occurredOn }) => ({ grievant, articleKeys: [article], occurredOn }),
);
export const ToyAnswered = defineEventType(
  'ToyStepAnswered',
  1,
  t.type({ step: t.number, disposition: t.union([t.literal('granted'), t.literal('denied')]) }),
);
export const ToyAppealed = defineEventType('ToyGrievanceAppealed', 1, t.type({ toStep: t.number }));
export const ToyClosed = defineEventType('ToyGrievanceClosed', 1, t.type({ resolvedAtStep: t.number }));

export const toyRegistry = createCodecRegistry([ToyFiled, ToyAnswered, ToyAppealed, ToyClosed]);

export type ToyEvent =
  | EventOfDefinition<typeof ToyFiled>
  | EventOfDefinition<typeof ToyAnswered>
  | EventOfDefinition<typeof ToyAppealed>
  | EventOfDefinition<typeof ToyClosed>;

export type ToyCommand =
  | { readonly type: 'File'; readonly grievant: string; readonly articleKeys: readonly string[]; readonly occurredOn: string }
  | { readonly type: 'Answer'; readonly disposition: 'granted' | 'denied' }
  | { readonly type: 'Appeal' };

export type ToyState =
  | { readonly status: 'none' }
  | { readonly status: 'open'; readonly step: number; readonly answered: boolean }
  | { readonly status: 'closed'; readonly resolvedAtStep: number };

const LAST_STEP = 2;

const decide = (command: ToyCommand, state: ToyState): Either<DomainError, readonly ToyEvent[]> => {
  switch (command.type) {
    case 'File': {
      if (state.status !== 'none') return left(domainError('AlreadyFiled', 'grievance already filed'));
      const data = { grievant: command.grievant, articleKeys: [...command.articleKeys], occurredOn: command.occurredOn };
      if (!ToyFiled.codec.is(data)) return left(domainError('InvalidFiling', 'grievant, articles and date are required', { field: 'grievant' }));
      return right([{ type: 'ToyGrievanceFiled', data }]);
    }
    case 'Answer': {
      if (state.status !== 'open') return left(domainError('NotOpen', 'grievance is not open'));
      if (state.answered) return left(domainError('AlreadyAnswered', `step ${state.step} already answered`));
      const answered: ToyEvent = { type: 'ToyStepAnswered', data: { step: state.step, disposition: command.disposition } };
      return right(
        command.disposition === 'granted' ? [answered, { type: 'ToyGrievanceClosed', data: { resolvedAtStep: state.step } }] : [answered],
      );
    }
    case 'Appeal': {
      if (state.status !== 'open') return left(domainError('NotOpen', 'grievance is not open'));
      if (state.step >= LAST_STEP) return left(domainError('NoNextStep', 'no step after the last one', { rule: 'step ladder' }));
      return right([{ type: 'ToyGrievanceAppealed', data: { toStep: state.step + 1 } }]);
    }
  }
};

const evolve = (state: ToyState, event: ToyEvent): ToyState => {
  switch (event.type) {
    case 'ToyGrievanceFiled':
      return { status: 'open', step: 1, answered: false };
    case 'ToyStepAnswered':
      return state.status === 'open' ? { ...state, answered: true } : state;
    case 'ToyGrievanceAppealed':
      return state.status === 'open' ? { status: 'open', step: event.data.toStep, answered: false } : state;
    case 'ToyGrievanceClosed':
      return { status: 'closed', resolvedAtStep: event.data.resolvedAtStep };
  }
};

export const toyDecider: Decider<ToyCommand, ToyState, ToyEvent> = { decide, evolve, initialState: { status: 'none' } };
