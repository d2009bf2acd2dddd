import { describe, it, expect } from '@jest/globals';
import { createCodecRegistry } from '@laborcase/core';
import { bargainingEventDefinitions } from './events.js';
import { cost, opened, tabled, taReached } from './specHelpers.js';

describe('bargaining event codecs', () => {
  const registry = createCodecRegistry([...bargainingEventDefinitions]);

  it('registers every event type at version 1', () => {
    expect(registry.types).toHaveLength(21);
    bargainingEventDefinitions.forEach((d) => expect(registry.currentVersion(d.type)).toBe(1));
  });

  it('accepts well-formed events and rejects malformed ones, naming the field', () => {
    for (const event of [opened(), tabled('P', 'union', 'salaries', '2025-10-01', { costing: cost(5) }), taReached('salaries')]) {
      expect(registry.validate(event.type, 1, event.data).ok).toBe(true);
    }
    const bad = registry.validate('ProposalTabled', 1, { ...tabled('P', 'union', 'salaries').data, side: 'mediator' });
    expect(bad.ok).toBe(false);
    const badMoney = registry.validate('SettlementFunded', 1, { fundingAuthority: 'C', fundedCents: 1.5, requiredCents: 1, occurredOn: '2026-01-01', actor: 'a' });
    expect(badMoney.ok).toBe(false);
  });
});
