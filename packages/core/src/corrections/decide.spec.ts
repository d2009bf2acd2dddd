import { describe, expect, it } from '@jest/globals';
import * as t from 'io-ts';
import { right } from 'fp-ts/lib/Either.js';
import { defineEventType } from '../codecs/eventType.js';
import { NonNegativeInteger } from '../codecs/primitives.js';
import type { Decider } from '../kernel/decider.js';
import { deciderSpec } from '../testkit/index.js';
import { correctable, decideCorrection, foldWithCorrections } from './decide.js';
import { asPositionalDecider } from './positional.js';

// A minimal counter aggregate: the corrections machinery knows nothing about agreements.
const Added = defineEventType('Added', 1, t.type({ amount: NonNegativeInteger }));
const Reset = defineEventType('Reset', 1, t.type({}));
type CounterEvent = { type: 'Added'; data: { amount: number } } | { type: 'Reset'; data: Record<string, never> };
const counter: Decider<{ type: 'Add'; amount: number }, number, CounterEvent> = {
  decide: (command) => right([{ type: 'Added', data: { amount: command.amount } }]),
  evolve: (total, event) => (event.type === 'Added' ? total + event.data.amount : 0),
  initialState: 0,
};
const added = (amount: number): CounterEvent => ({ type: 'Added', data: { amount } });

describe('decideCorrection (generic)', () => {
  const strict = correctable(counter, { definitions: [Added, Reset] });
  const spec = deciderSpec(asPositionalDecider(strict));

  it('corrects and retracts events of any aggregate', () => {
    spec.given([added(5)]).when({ type: 'CorrectEvent', eventId: '1', reason: 'was 3', replacement: { type: 'Added', data: { amount: 3 } } }).then([
      { type: 'EventCorrected', data: { correctedEventId: '1', reason: 'was 3', replacement: { type: 'Added', data: { amount: 3 }, schemaVersion: 1 } } },
    ]);
    spec.given([added(5)]).when({ type: 'RetractEvent', eventId: '1', reason: 'duplicate' }).then([{ type: 'EventRetracted', data: { eventId: '1', reason: 'duplicate' } }]);
  });
  it('passes domain commands to the wrapped decider on the corrected state', () => {
    spec.given([added(5)]).when({ type: 'Add', amount: 2 }).then([added(2)]);
  });
  it('keeps the event type unless the policy allows changing it', () => {
    spec.given([added(5)]).when({ type: 'CorrectEvent', eventId: '1', reason: 'was a reset', replacement: { type: 'Reset', data: {} } }).thenFails('ReplacementChangesEventType');
    const lenient = deciderSpec(asPositionalDecider(correctable(counter, { definitions: [Added, Reset], allowTypeChange: true })));
    lenient.given([added(5)]).when({ type: 'CorrectEvent', eventId: '1', reason: 'was a reset', replacement: { type: 'Reset', data: {} } }).then([
      { type: 'EventCorrected', data: { correctedEventId: '1', reason: 'was a reset', replacement: { type: 'Reset', data: {}, schemaVersion: 1 } } },
    ]);
  });
  it('validates the replacement with its codec', () => {
    const error = spec.given([added(5)]).when({ type: 'CorrectEvent', eventId: '1', reason: 'x', replacement: { type: 'Added', data: { amount: -1 } } }).thenFails('InvalidReplacement');
    expect(error.field).toBe('replacement.data.amount');
  });
  it('folds records with corrections applied', () => {
    const records = [
      { eventId: 'a', type: 'Added', data: { amount: 5 } },
      { eventId: 'b', type: 'Added', data: { amount: 7 } },
      { eventId: 'c', type: 'EventCorrected', data: { correctedEventId: 'a', reason: 'was 1', replacement: { type: 'Added', data: { amount: 1 } } } },
      { eventId: 'd', type: 'EventRetracted', data: { eventId: 'b', reason: 'duplicate' } },
    ];
    expect(foldWithCorrections(counter.evolve, counter.initialState, records)).toEqual({ state: 1, problems: [] });
    expect(decideCorrection({ type: 'RetractEvent', eventId: 'b', reason: 'again' }, records, { definitions: [Added] })).toMatchObject({
      _tag: 'Left',
      left: { code: 'EventAlreadyRetracted', field: 'eventId' },
    });
  });
  it('refuses a retraction that would bring back an earlier one and leave a later one redundant (property counterexample)', () => {
    const retract = (eventId: string) => ({ type: 'EventRetracted', data: { eventId, reason: 'error' } });
    // a added; b retracts a; c retracts b (a is back); d retracts a again. Retracting c would revive b, so d and b
    // would both retract a: the stream would carry a problem nobody chose.
    const records = [
      { eventId: 'a', type: 'Added', data: { amount: 5 } },
      { eventId: 'b', ...retract('a') },
      { eventId: 'c', ...retract('b') },
      { eventId: 'd', ...retract('a') },
    ];
    expect(foldWithCorrections(counter.evolve, counter.initialState, records)).toEqual({ state: 0, problems: [] });
    expect(decideCorrection({ type: 'RetractEvent', eventId: 'c', reason: 'error' }, records, { definitions: [Added] })).toMatchObject({
      _tag: 'Left',
      left: { code: 'CorrectionUnsettlesOthers', field: 'eventId', details: { problem: { kind: 'alreadyRetracted', eventId: 'd' } } },
    });
  });
});
