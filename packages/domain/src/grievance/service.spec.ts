import { describe, expect, it } from '@jest/globals';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { v4 as uuid } from 'uuid';
import { createDomainRegistry } from '../domainRegistry.js';
import { createGrievanceService } from './service.js';

const actor = { actorId: 'ecea.grievance-chair', role: 'association-rep' };

describe('grievance service', () => {
  it('rejects a filing without a grievant as InvalidCommand naming the field, and writes nothing', async () => {
    const store = createInMemoryEventStore({ registry: createDomainRegistry() });
    const service = createGrievanceService({ store, newId: uuid, districtId: 'ecps' });
    const input = {
      agreement: { unitId: 'ecea', edition: '2024-2027' },
      articleKeys: ['planning-time'],
      occurredOn: '2025-10-06',
      filedOn: '2025-10-21',
      remedySought: 'Restore the planning period',
    };
    const result = await service.file('G-1', input as never, actor);
    expect(result).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'grievant' } });
    expect(await store.headPosition()).toEqual(await createInMemoryEventStore({ registry: createDomainRegistry() }).headPosition());
  });
});
