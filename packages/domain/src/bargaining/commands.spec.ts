import { describe, expect, it } from '@jest/globals';
import { isRight } from 'fp-ts/lib/Either.js';
import { commandHandler, decodeCommand, type DomainError } from '@laborcase/core';
import { collect } from '@laborcase/core/adapter-kit';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { createDomainRegistry } from '../domainRegistry.js';
import { bargainingCycleDecider } from './decide/index.js';
import { eceaFy27Reopener, ecssuImpasseCycle } from '../fixtures/ecps/bargaining.js';
import { BargainingCommandCodec, bargainingCommandCodecs, bargainingCommandInputs, type BargainingCommandType } from './commands.js';
import { cost } from './specHelpers.js';

const issuesOf = (codec: Parameters<typeof decodeCommand>[0], value: unknown): DomainError => {
  const result = decodeCommand(codec, value, 'test');
  if (isRight(result)) throw new Error('expected a rejection');
  return result.left;
};
const fieldOf = (codec: Parameters<typeof decodeCommand>[0], value: unknown): string | undefined => issuesOf(codec, value).field;

const proposal = { proposalId: 'P', side: 'union', articleKey: 'salaries', text: 't', tabledBy: 'chief', occurredOn: '2025-10-01' };

describe('bargaining command codecs', () => {
  it('accept every command of the ECPS fixtures, and keep them as they are', () => {
    for (const command of [...eceaFy27Reopener, ...ecssuImpasseCycle]) {
      expect(decodeCommand(BargainingCommandCodec, command)).toEqual({ _tag: 'Right', right: command });
      expect(bargainingCommandCodecs[command.type].is(command)).toBe(true);
    }
  });

  it('have one input codec per command, without type or actor', () => {
    const types = Object.keys(bargainingCommandCodecs) as BargainingCommandType[];
    expect(Object.keys(bargainingCommandInputs)).toEqual(types);
    expect(types).toHaveLength(18);
    expect(fieldOf(bargainingCommandInputs.TableProposal, { ...proposal, type: 'TableProposal' })).toBe('type');
    expect(fieldOf(bargainingCommandInputs.TableProposal, { ...proposal, actor: 'x' })).toBe('actor');
  });

  it('name nested fields as callers write them, optional ones included', () => {
    expect(fieldOf(bargainingCommandInputs.TableProposal, { ...proposal, text: '' })).toBe('text');
    expect(fieldOf(bargainingCommandInputs.TableProposal, { ...proposal, costing: { ...cost(5), delta: 0.5 } })).toBe('costing.delta');
    expect(fieldOf(bargainingCommandInputs.TableProposal, { ...proposal, costing: { ...cost(5), deltaByYear: [1, 'x'] } })).toBe('costing.deltaByYear.1');
    const open = { kind: 'reopener', agreementEdition: 'e', scope: { kind: 'articles', articleKeys: ['a'] }, groundRules: { taRevocation: 'never' }, chiefSpokespersons: { union: 'u', board: 'b' }, occurredOn: '2025-09-15' };
    expect(fieldOf(bargainingCommandInputs.OpenCycle, { ...open, scope: { kind: 'articles', articleKeys: ['a', 1] } })).toBe('scope.articleKeys.1');
    expect(fieldOf(bargainingCommandInputs.OpenCycle, { ...open, scope: { kind: 'some' } })).toBe('scope.kind');
    expect(fieldOf(bargainingCommandInputs.OpenCycle, { ...open, groundRules: { taRevocation: 'never', notes: [''] } })).toBe('groundRules.notes.0');
    expect(fieldOf(bargainingCommandInputs.OpenCycle, { ...open, groundRules: { taRevocation: 'never', impasseTimeline: { mediationStartWithinDays: 366 } } })).toBe(
      'groundRules.impasseTimeline.mediationStartWithinDays',
    );
    const ta = { articleKey: 'a', text: 't', initialedBy: { union: { name: 'u', on: '2025-10-30' } }, occurredOn: '2025-10-30' };
    expect(isRight(decodeCommand(bargainingCommandInputs.ReachTentativeAgreement, ta))).toBe(true);
    expect(fieldOf(bargainingCommandInputs.ReachTentativeAgreement, { ...ta, initialedBy: { union: { name: 'u', on: '2025-10-32' } } })).toBe('initialedBy.union.on');
    const pkg = { packageId: 'K', side: 'board', tabledBy: 'b', items: [{ proposalId: 'a', articleKey: 'a', text: 'a' }, { proposalId: 'b', articleKey: 'b', text: '' }], occurredOn: '2025-10-10' };
    expect(fieldOf(bargainingCommandInputs.TablePackage, pkg)).toBe('items.1.text');
  });

  it('reject unknown fields at every level, naming them', () => {
    expect(fieldOf(bargainingCommandInputs.TableProposal, { ...proposal, costs: 1 })).toBe('costs');
    expect(fieldOf(bargainingCommandInputs.TableProposal, { ...proposal, costing: { ...cost(5), currency: 'USD' } })).toBe('costing.currency');
    expect(fieldOf(bargainingCommandInputs.StartMediation, { occurredOn: '2026-03-16', mediator: 'x' })).toBe('mediator');
  });

  it('reject text that no event store can hold, at its path', () => {
    expect(fieldOf(bargainingCommandInputs.TableProposal, { ...proposal, text: 'a\u0000b' })).toBe('text');
    expect(fieldOf(bargainingCommandInputs.TableProposal, { ...proposal, costing: { ...cost(5), assumptions: ['ok', '\ud800'] } })).toBe('costing.assumptions.1');
    expect(isRight(decodeCommand(bargainingCommandInputs.TableProposal, { ...proposal, text: 'a 😀 b' }))).toBe(true);
  });

  it('tell the union apart by type, and name `type` when it is unknown', () => {
    expect(fieldOf(BargainingCommandCodec, { type: 'TableProposals', ...proposal })).toBe('type');
    expect(fieldOf(BargainingCommandCodec, { type: 'TableProposal', ...proposal })).toBe('actor');
    expect(fieldOf(BargainingCommandCodec, { type: 'constructor' })).toBe('type');
    expect(issuesOf(BargainingCommandCodec, null).field).toBe('(root)');
  });
});

describe('BargainingCommandCodec as a command handler’s commandCodec', () => {
  it('lets well-formed commands through and refuses malformed ones before anything is read or written', async () => {
    const registry = createDomainRegistry();
    const store = createInMemoryEventStore({ registry, clock: () => new Date('2025-09-15T12:00:00Z') });
    let next = 0;
    const newId = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
    const handle = commandHandler({ store, registry, decider: bargainingCycleDecider, newId, commandCodec: BargainingCommandCodec });
    const context = { provenance: { actorId: 'clerk', role: 'labor-relations' }, effectiveOn: '2025-09-15' };
    const [open] = eceaFy27Reopener;
    if (open === undefined) throw new Error('no fixture');
    expect(isRight(await handle('bargaining-ecea-fy27-reopener', open, context))).toBe(true);
    const malformed = await handle('bargaining-ecea-fy27-reopener', { ...proposal, type: 'TableProposal', actor: 'clerk', side: 'management' } as never, context);
    expect(malformed).toMatchObject({ _tag: 'Left', left: { code: 'InvalidCommand', field: 'side' } });
    expect((await collect(store.readAll())).map((e) => e.type)).toEqual(['CycleOpened']);
  });
});
