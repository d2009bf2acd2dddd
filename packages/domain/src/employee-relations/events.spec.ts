import { describe, it, expect } from '@jest/globals';
import { createCodecRegistry } from '@laborcase/core';
import { employeeRelationsEventDefinitions } from './events.js';

describe('employee-relations event codecs', () => {
  const registry = createCodecRegistry([...employeeRelationsEventDefinitions]);

  it('registers every event type at version 1', () => {
    expect(registry.types).toHaveLength(11);
    employeeRelationsEventDefinitions.forEach((d) => expect(registry.currentVersion(d.type)).toBe(1));
  });

  it('accepts an anonymous hotline intake and rejects a finding outside the three values', () => {
    const intake = { caseId: 'ER-1', channel: 'hotline', anonymous: true, allegations: [{ allegationId: 'A1', summary: 's' }], occurredOn: '2026-01-05', actor: 'a' };
    expect(registry.validate('ComplaintReceived', 1, intake).ok).toBe(true);
    expect(registry.validate('FindingsIssued', 1, { findings: [{ allegationId: 'A1', finding: 'probable' }], occurredOn: '2026-01-05', actor: 'a' }).ok).toBe(false);
    expect(registry.validate('InvestigationOpened', 1, { investigator: 'I', conflictCheck: { cleared: false, checkedOn: '2026-01-05', disclosures: [] }, occurredOn: '2026-01-05', actor: 'a' }).ok).toBe(false);
  });
});
