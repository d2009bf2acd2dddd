import { describe, it } from '@jest/globals';
import { deciderSpec } from '../testkit/index.js';
import { toyDecider, type ToyEvent } from './toyAggregate.js';

const filed: ToyEvent = { type: 'ToyGrievanceFiled', data: { grievant: 'T. Lee', articleKeys: ['planning-time'], occurredOn: '2025-10-06' } };
const spec = deciderSpec(toyDecider);

describe('toy grievance decider', () => {
  it('files a grievance', () => {
    spec.given([]).when({ type: 'File', grievant: 'T. Lee', articleKeys: ['planning-time'], occurredOn: '2025-10-06' }).then([filed]);
  });
  it('rejects an appeal before filing', () => {
    spec.given([]).when({ type: 'Appeal' }).thenFails('NotOpen');
  });
  it('closes on a granted answer', () => {
    spec.given([filed]).when({ type: 'Answer', disposition: 'granted' }).thenState({ status: 'closed', resolvedAtStep: 1 });
  });
});
