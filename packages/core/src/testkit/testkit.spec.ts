import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { toyDecider, type ToyCommand, type ToyEvent } from '../adapter-kit/toyAggregate.js';
import { deciderSpec } from './deciderSpec.js';
import { decideIsDeterministic, decidedHistory, foldIsIncremental, replayIsDeterministic } from './properties.js';

const filed: ToyEvent = { type: 'ToyGrievanceFiled', data: { grievant: 'A', articleKeys: ['k'], occurredOn: '2025-10-06' } };
const spec = deciderSpec(toyDecider);

const command: fc.Arbitrary<ToyCommand> = fc.oneof(
  fc.constant<ToyCommand>({ type: 'File', grievant: 'A', articleKeys: ['k'], occurredOn: '2025-10-06' }),
  fc.constantFrom<ToyCommand>({ type: 'Answer', disposition: 'granted' }, { type: 'Answer', disposition: 'denied' }, { type: 'Appeal' }),
);
const history = decidedHistory(toyDecider, fc.array(command, { maxLength: 12 }));

describe('test kit', () => {
  it('fails a then() whose events differ', () => {
    expect(() => spec.given([filed]).when({ type: 'Appeal' }).then([])).toThrow();
  });
  it('fails a then() when the command was rejected, naming the code', () => {
    expect(() => spec.given([]).when({ type: 'Appeal' }).then([])).toThrow(/rejected: NotOpen/);
  });
  it('fails a thenFails() on success or on another code', () => {
    expect(() => spec.given([]).when({ type: 'File', grievant: 'A', articleKeys: ['k'], occurredOn: '2025-10-06' }).thenFails('NotOpen')).toThrow(/produced events/);
    expect(() => spec.given([]).when({ type: 'Appeal' }).thenFails('AlreadyFiled')).toThrow(/got NotOpen/);
  });
  it('refuses to be awaited by mistake', () => {
    const step = spec.given([]).when({ type: 'Appeal' }) as unknown as { then: (resolve: () => void) => void };
    expect(() => step.then(() => undefined)).toThrow(/awaited/);
  });
  it('generates histories the decider accepts', () => {
    fc.assert(fc.property(history, (events) => events.length === 0 || events[0]!.type === 'ToyGrievanceFiled'));
  });
  it('checks replay determinism, incremental folds and deterministic decisions', () => {
    fc.assert(replayIsDeterministic(toyDecider, history));
    fc.assert(foldIsIncremental(toyDecider, history));
    fc.assert(decideIsDeterministic(toyDecider, history, command));
  });
  it('catches an evolve that depends on hidden state', () => {
    let calls = 0;
    const leaky = { ...toyDecider, evolve: (state: ReturnType<typeof toyDecider.evolve>, event: ToyEvent) => (calls++ % 2 === 0 ? toyDecider.evolve(state, event) : state) };
    expect(() => fc.assert(replayIsDeterministic(leaky, history.filter((h) => h.length > 0)))).toThrow();
  });
});
