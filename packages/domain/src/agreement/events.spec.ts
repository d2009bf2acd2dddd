import { describe, expect, it } from '@jest/globals';
import { createCodecRegistry, correctionEventDefinitions } from '@laborcase/core';
import { agreementEventDefinitions, type AgreementEvent } from './events.js';
import { inEffect } from './testData.js';

describe('agreement event codecs', () => {
  const registry = createCodecRegistry([...agreementEventDefinitions, ...correctionEventDefinitions]);

  it('register without version problems, one definition per event type', () => {
    expect(registry.types).toHaveLength(agreementEventDefinitions.length + 2);
    expect(registry.has('AgreementEditionRegistered') && registry.has('EventCorrected') && registry.has('EventRetracted')).toBe(true);
  });

  it('accept the events the decider produces, unchanged', () => {
    const events: readonly AgreementEvent[] = [
      ...inEffect,
      { type: 'ArticleRenumbered', data: { articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '13', basis: { kind: 'reopener', fiscalYear: 'FY27' } } },
      { type: 'MouAttached', data: { mouId: 'mou-a', title: 'MOU', effectiveFrom: '2024-09-01', effectiveUntil: '2025-06-30', articleKeys: [] } },
    ];
    for (const event of events) expect(registry.validate(event.type, 1, event.data)).toEqual({ ok: true, value: event.data });
    const correction = { correctedEventId: '1', reason: 'typo', replacement: { type: 'ArticleAmended', data: { any: 'json' }, schemaVersion: 1 } };
    expect(registry.validate('EventCorrected', 1, correction)).toEqual({ ok: true, value: correction });
  });

  it('reject malformed payloads with the field path', () => {
    expect(registry.validate('ArticleRenumbered', 1, { articleKey: 'Planning Time', effectiveOn: '2026-07-01', number: '13' })).toEqual({
      ok: false,
      issues: [{ path: 'data.articleKey', message: expect.any(String) }],
    });
    expect(registry.validate('EventRetracted', 1, { eventId: 'e1', reason: ' ' })).toMatchObject({ ok: false, issues: [{ path: 'data.reason' }] });
    expect(registry.validate('FundingConfirmed', 1, { confirmedOn: '2026-06-05', fiscalYear: '2027' })).toMatchObject({ ok: false, issues: [{ path: 'data.fiscalYear' }] });
  });
});
