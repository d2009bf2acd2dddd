import { describe, expect, it } from '@jest/globals';
import { createDomainRegistry, domainEventDefinitions } from '@laborcase/domain';

describe('domain registry', () => {
  it('holds every aggregate event type once, without version gaps', () => {
    const registry = createDomainRegistry();
    const names = domainEventDefinitions.map((d) => ('schemas' in d ? d.schemas[0]!.type : d.type));
    expect(new Set(names).size).toBe(names.length);
    expect(registry.types).toEqual([...names].sort());
  });
});
