import { describe, expect, it } from '@jest/globals';
import { createCodecRegistry } from '@laborcase/core';
import { domainEventDefinitions } from '../domainRegistry.js';
import { grievanceEventDefinitions, type GrievanceEvent } from './events.js';
import { arbitratorChosen, calendarV1, historyOf, meetingHeld } from './testData.js';

describe('grievance event codecs', () => {
  const registry = createCodecRegistry(grievanceEventDefinitions);

  it('register without version problems, with type names no other aggregate uses', () => {
    expect(registry.types).toHaveLength(grievanceEventDefinitions.length);
    const domain = createCodecRegistry(domainEventDefinitions);
    for (const definition of grievanceEventDefinitions) expect(domain.currentVersion(definition.type)).toBe(definition.currentVersion);
  });

  it('accept every event the decider produces, unchanged', () => {
    const events: readonly GrievanceEvent[] = [
      ...historyOf([{ type: 'RecordAward', issuedOn: '2026-01-15', decision: 'sustained', remedy: 'Pay' }], arbitratorChosen),
      ...historyOf(
        [
          { type: 'RecordDeadlineLapse', deadlineId: 'G-1/step-1/answer', asOf: '2025-10-27', calendar: calendarV1 },
          { type: 'AgreeExtension', deadlineId: 'G-1/step-1/appeal', newDueOn: '2025-11-14', agreedOn: '2025-10-27', signedBy: { association: 'a', management: 'm' } },
          { type: 'PlaceInAbeyance', placedOn: '2025-10-28', reason: 'Related case' },
          { type: 'ResumeGrievance', resumedOn: '2025-11-03', calendar: calendarV1 },
          { type: 'SettleGrievance', settledOn: '2025-11-04', settlementType: 'training', terms: 'Training for principals' },
        ],
        meetingHeld,
      ),
    ];
    const seen = new Set(events.map((e) => e.type));
    expect(seen.size).toBeGreaterThanOrEqual(17);
    for (const event of events) expect(registry.validate(event.type, 1, event.data)).toEqual({ ok: true, value: event.data });
  });

  it('reject malformed payloads with the field path', () => {
    expect(registry.validate('DeadlineScheduled', 1, { deadlineId: 'x', kind: 'lunch', party: 'grievant', stepId: 's', anchor: '2025-10-01', dueOn: '2025-10-02', rule: {} })).toMatchObject({
      ok: false,
    });
    expect(registry.validate('GrievanceClosed', 1, { closedOn: '2025-13-01', outcome: 'granted', resolvedAt: 'step-1' })).toMatchObject({ ok: false, issues: [{ path: 'data.closedOn' }] });
  });
});
