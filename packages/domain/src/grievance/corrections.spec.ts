import { describe, expect, it } from '@jest/globals';
import { asPositionalDecider, type CorrectionEvent, type StreamRecord } from '@laborcase/core';
import { deciderSpec } from '@laborcase/core/testkit';
import { correctableGrievance, verifyGrievanceHistory } from './corrections.js';
import type { GrievanceEvent, GrievanceEventOf } from './events.js';
import { arbitratorChosen, filed, historyOf, meetingHeld } from './testData.js';

const spec = deciderSpec(asPositionalDecider(correctableGrievance));
const records = (events: readonly (GrievanceEvent | CorrectionEvent)[]): StreamRecord[] => events.map((e, i) => ({ eventId: String(i + 1), type: e.type, data: e.data }));

const awarded = historyOf([{ type: 'RecordAward', issuedOn: '2026-01-15', decision: 'sustained', remedy: 'Two hours of pya' }], arbitratorChosen);
const awardIndex = awarded.findIndex((e) => e.type === 'ArbitrationAwardIssued');
const awardId = String(awardIndex + 1);
const awardData = (awarded[awardIndex] as GrievanceEventOf<'ArbitrationAwardIssued'>).data;
const filedData = (filed[0] as GrievanceEventOf<'GrievanceFiled'>).data;

describe('Grievance corrections', () => {
  it('corrects a mistyped remedy in an award; the fold sees the corrected remedy', () => {
    const fixed = { ...awardData, remedy: 'Two hours of pay' };
    const correction: CorrectionEvent = {
      type: 'EventCorrected',
      data: { correctedEventId: awardId, reason: 'remedy mistyped', replacement: { type: 'ArbitrationAwardIssued', data: fixed, schemaVersion: 1 } },
    };
    spec.given(awarded).when({ type: 'CorrectEvent', eventId: awardId, reason: 'remedy mistyped', replacement: { type: 'ArbitrationAwardIssued', data: fixed } }).then([correction]);
    const { problems } = correctableGrievance.load(records([...awarded, correction]));
    expect(problems).toEqual([]);
  });

  it('corrects the remedy sought at filing and decides later commands on the corrected state', () => {
    const correction: CorrectionEvent = {
      type: 'EventCorrected',
      data: { correctedEventId: '1', reason: 'typo', replacement: { type: 'GrievanceFiled', data: { ...filedData, remedySought: 'Restore daily planning time' }, schemaVersion: 1 } },
    };
    const { state } = correctableGrievance.load(records([...meetingHeld, correction]));
    expect(state.status !== 'notFiled' && state.remedySought).toBe('Restore daily planning time');
    spec.given([...meetingHeld, correction]).when({ type: 'WithdrawGrievance', withdrawnOn: '2025-10-20', reason: 'Resolved' }).then([
      { type: 'GrievanceWithdrawn', data: { withdrawnOn: '2025-10-20', reason: 'Resolved' } },
      { type: 'GrievanceClosed', data: { closedOn: '2025-10-20', outcome: 'withdrawn', resolvedAt: 'step-1' } },
    ]);
  });

  it('rejects a correction that removes the remedy of a sustained award', () => {
    const { remedy: _, ...withoutRemedy } = awardData;
    const error = spec.given(awarded).when({ type: 'CorrectEvent', eventId: awardId, reason: 'x', replacement: { type: 'ArbitrationAwardIssued', data: withoutRemedy } }).thenFails('GrievanceCorrectionBreaksInvariant');
    expect(error.rule).toBe('an award that sustains states its remedy');
  });

  it('rejects retracting the filing, and a replacement that fails its schema', () => {
    spec.given(meetingHeld).when({ type: 'RetractEvent', eventId: '1', reason: 'wrong stream' }).thenFails('GrievanceCorrectionBreaksInvariant');
    spec.given(awarded).when({ type: 'CorrectEvent', eventId: awardId, reason: 'x', replacement: { type: 'ArbitrationAwardIssued', data: { ...awardData, decision: 'won' } } }).thenFails('InvalidReplacement');
  });

  it('verifies whole histories: nothing after the closure, one filing', () => {
    expect(verifyGrievanceHistory(awarded)._tag).toBe('Right');
    expect(verifyGrievanceHistory([...awarded, { type: 'DeadlineMet', data: { deadlineId: 'G-1/step-1/meet', metOn: '2026-02-01' } }])).toMatchObject({
      _tag: 'Left',
      left: { rule: 'no event after closure' },
    });
    expect(verifyGrievanceHistory([...filed, filed[0]!])).toMatchObject({ _tag: 'Left', left: { rule: 'a grievance is filed once' } });
  });
});
