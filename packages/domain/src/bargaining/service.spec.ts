import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import type { CommandResult, DomainError, EventStore, StoredEvent } from '@laborcase/core';
import { collect } from '@laborcase/core/adapter-kit';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { createDomainRegistry } from '../domainRegistry.js';
import { eceaFy27Reopener, ecssuImpasseCycle, replay } from '../fixtures/ecps/bargaining.js';
import type { BargainingCommand, BargainingCommandType } from './commands.js';
import { bargainingHistory } from './history.js';
import { createBargainingService, type BargainingCycleRef, type BargainingService } from './service.js';
import type { BargainingState } from './state.js';
import { cost } from './specHelpers.js';

const registry = createDomainRegistry();
const clerk = { actorId: 'ecps.labor-relations', role: 'labor-relations' };
const ecea: BargainingCycleRef = { unitId: 'ecea', cycleId: 'fy27-reopener' };
const ecssu: BargainingCycleRef = { unitId: 'ecssu', cycleId: 'fy27-successor' };

const setup = () => {
  const store = createInMemoryEventStore({ registry, clock: () => new Date('2026-06-05T18:00:00Z') });
  let next = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
  return { store, service: createBargainingService({ store, newId }) };
};

type Operation = (cycle: unknown, input: unknown, actor: unknown, options?: unknown) => Promise<Either<DomainError, CommandResult<BargainingState>>>;
const operationName = (type: BargainingCommandType) => `${type.charAt(0).toLowerCase()}${type.slice(1)}` as keyof BargainingService;
// The operations validate at run time whatever their static types: the specs call them with anything.
const operationOf = (service: BargainingService, type: BargainingCommandType): Operation => service[operationName(type)] as unknown as Operation;

/** A fixture command as a service input: no type, no actor (the caller's), no cycle identity (the reference's). */
const inputOf = (command: BargainingCommand): Record<string, unknown> => {
  const { type: _type, actor: _actor, ...input } = command as BargainingCommand & { cycleId?: string; unitId?: string };
  if (command.type === 'OpenCycle') {
    const { cycleId: _c, unitId: _u, ...rest } = input as Record<string, unknown>;
    return rest;
  }
  return input;
};

const run = async (service: BargainingService, cycle: BargainingCycleRef, commands: readonly BargainingCommand[]) => {
  for (const [index, command] of commands.entries()) {
    const result = await operationOf(service, command.type)(cycle, inputOf(command), clerk, { commandId: `${cycle.cycleId}-${index}` });
    if (isLeft(result)) throw new Error(`${command.type}: ${result.left.code}: ${result.left.message}`);
  }
};

const storeSnapshot = async (store: EventStore): Promise<readonly StoredEvent[]> => collect(store.readAll());

describe('bargaining service: the ECPS cycles end to end (in-memory store)', () => {
  it('the ECEA FY27 reopener: same events as the decider, on bargaining-ecea-fy27-reopener, dated by each command', async () => {
    const { store, service } = setup();
    await run(service, ecea, eceaFy27Reopener);
    const expected = replay(eceaFy27Reopener);
    const stored = await collect(store.readStream('bargaining-ecea-fy27-reopener'));
    expect(stored.map((e) => ({ type: e.type, data: e.data }))).toEqual(expected.events);
    expect(stored.map((e) => e.metadata.effectiveOn)).toEqual(expected.events.map((e) => e.data.occurredOn));
    expect(stored.every((e) => e.metadata.provenance.actorId === clerk.actorId && e.metadata.provenance.role === clerk.role)).toBe(true);
    expect(stored.at(-1)?.metadata.causationId).toBe(`fy27-reopener-${eceaFy27Reopener.length - 1}`);

    expect(await service.get(ecea)).toEqual({ _tag: 'Right', right: expected.state });
    expect(await service.history(ecea)).toEqual({ _tag: 'Right', right: bargainingHistory(expected.events) });
  });

  it('the ECSSU cycle to mediation, beside it on its own stream', async () => {
    const { store, service } = setup();
    await run(service, ecea, eceaFy27Reopener.slice(0, 3));
    await run(service, ecssu, ecssuImpasseCycle);
    const stored = await collect(store.readStream('bargaining-ecssu-fy27-successor'));
    expect(stored.map((e) => ({ type: e.type, data: e.data }))).toEqual(replay(ecssuImpasseCycle).events);
    expect(await store.streamVersion('bargaining-ecea-fy27-reopener')).toBe(2);
  });

  it('returns the decider’s rejections, writing nothing', async () => {
    const { store, service } = setup();
    await run(service, ecea, eceaFy27Reopener.slice(0, 2));
    const before = await storeSnapshot(store);
    const again = await service.tableProposal(ecea, { proposalId: 'ECEA-20-U1', side: 'union', articleKey: 'salaries', text: 'x', tabledBy: 'Dana Whitfield', occurredOn: '2025-09-26' }, clerk);
    expect(isLeft(again) && again.left.code).toBe('DuplicateProposalId');
    const unopened = await service.recordBoardApproval(ecssu, { contingentOnFunding: false, occurredOn: '2026-01-13' }, clerk);
    expect(isLeft(unopened) && unopened.left.code).toBe('CycleNotOpened');
    expect(await storeSnapshot(store)).toEqual(before);
  });

  it('a cycle never opened reads as notOpened with an empty history', async () => {
    const { service } = setup();
    expect(await service.get(ecssu)).toEqual({ _tag: 'Right', right: { status: 'notOpened' } });
    expect(await service.history(ecssu)).toEqual({ _tag: 'Right', right: { articles: {}, milestones: [] } });
  });
});

// A well-formed input per operation (it need not be accepted by the decider: malformed calls never get there).
const commandOf = (commands: readonly BargainingCommand[], type: BargainingCommandType): Record<string, unknown> => {
  const command = commands.find((c) => c.type === type);
  if (command === undefined) throw new Error(`no ${type} in the fixtures`);
  return inputOf(command);
};
const fixtures = [...eceaFy27Reopener, ...ecssuImpasseCycle];
const validInputs: Record<BargainingCommandType, Record<string, unknown>> = {
  OpenCycle: commandOf(fixtures, 'OpenCycle'),
  TableProposal: commandOf(fixtures, 'TableProposal'),
  TableCounter: commandOf(fixtures, 'TableCounter'),
  TablePackage: {
    packageId: 'BP-1',
    side: 'board',
    tabledBy: 'Paul Okafor',
    items: [
      { proposalId: 'B-20-9', articleKey: 'salaries', text: '2.5% + step', costing: cost(250_000) },
      { proposalId: 'B-12-9', articleKey: 'planning-time', text: '225 minutes' },
    ],
    occurredOn: '2025-10-20',
  },
  WithdrawProposal: commandOf(fixtures, 'WithdrawProposal'),
  WithdrawPackage: { packageId: 'BP-1', side: 'board', occurredOn: '2025-10-21' },
  ReachTentativeAgreement: commandOf(fixtures, 'ReachTentativeAgreement'),
  RevokeTentativeAgreement: { articleKey: 'salaries', revokedBy: 'both', reason: 'tied to insurance', occurredOn: '2025-11-01' },
  ReachTentativeSettlement: commandOf(fixtures, 'ReachTentativeSettlement'),
  DeclareImpasse: commandOf(fixtures, 'DeclareImpasse'),
  RecordImpasseDetermination: commandOf(fixtures, 'RecordImpasseDetermination'),
  SubmitLastBestOffer: commandOf(fixtures, 'SubmitLastBestOffer'),
  SelectMediator: commandOf(fixtures, 'SelectMediator'),
  StartMediation: commandOf(fixtures, 'StartMediation'),
  RecordRatificationVote: commandOf(fixtures, 'RecordRatificationVote'),
  RecordBoardApproval: commandOf(fixtures, 'RecordBoardApproval'),
  RecordFundingDecision: commandOf(fixtures, 'RecordFundingDecision'),
  ConcludeCycle: commandOf(fixtures, 'ConcludeCycle'),
};
const types = Object.keys(validInputs) as BargainingCommandType[];

type Case = readonly [what: string, input: unknown, field: string];
const with_ = (type: BargainingCommandType, change: Record<string, unknown>) => ({ ...validInputs[type], ...change });
const without = (type: BargainingCommandType, field: string) => Object.fromEntries(Object.entries(validInputs[type]).filter(([key]) => key !== field));

/** Malformed inputs every operation refuses, and the field each must name. */
const commonCases = (type: BargainingCommandType): readonly Case[] => [
  ['no input', undefined, '(root)'],
  ['an array', [validInputs[type]], '(root)'],
  ['an unknown field', with_(type, { note: 'x' }), 'note'],
  ['the command type in the input', with_(type, { type }), 'type'],
  ['no business date', without(type, 'occurredOn'), 'occurredOn'],
  ['an impossible date', with_(type, { occurredOn: '2025-02-30' }), 'occurredOn'],
];

const specificCases: Record<BargainingCommandType, readonly Case[]> = {
  OpenCycle: [
    ['an unknown kind', with_('OpenCycle', { kind: 'midterm' }), 'kind'],
    ['a scope article that is not text', with_('OpenCycle', { scope: { kind: 'articles', articleKeys: ['salaries', 7] } }), 'scope.articleKeys.1'],
    ['an impasse limit over a year', with_('OpenCycle', { groundRules: { taRevocation: 'never', impasseTimeline: { lastBestOffersWithinDays: 1e9 } } }), 'groundRules.impasseTimeline.lastBestOffersWithinDays'],
    ['a cycle id in the input (the reference gives it)', with_('OpenCycle', { cycleId: 'other' }), 'cycleId'],
  ],
  TableProposal: [
    ['a side that is not a party', with_('TableProposal', { side: 'management' }), 'side'],
    ['fractional cents', with_('TableProposal', { costing: { ...cost(1), delta: 0.5 } }), 'costing.delta'],
    ['text no store can hold', with_('TableProposal', { text: 'COLA\u0000' }), 'text'],
  ],
  TableCounter: [['no proposal answered', without('TableCounter', 'respondsTo'), 'respondsTo']],
  TablePackage: [
    ['items that are not a list', with_('TablePackage', { items: { proposalId: 'x' } }), 'items'],
    ['an item without text', with_('TablePackage', { items: [{ proposalId: 'a', articleKey: 'salaries' }] }), 'items.0.text'],
  ],
  WithdrawProposal: [['a blank proposal id', with_('WithdrawProposal', { proposalId: '  ' }), 'proposalId']],
  WithdrawPackage: [['no side', without('WithdrawPackage', 'side'), 'side']],
  ReachTentativeAgreement: [
    ['an initial with an impossible date', with_('ReachTentativeAgreement', { initialedBy: { union: { name: 'Dana Whitfield', on: '2025-13-01' } } }), 'initialedBy.union.on'],
    ['an unknown initialling party', with_('ReachTentativeAgreement', { initialedBy: { mediator: { name: 'x', on: '2025-11-13' } } }), 'initialedBy.mediator'],
  ],
  RevokeTentativeAgreement: [['an unknown revoking party', with_('RevokeTentativeAgreement', { revokedBy: 'mediator' }), 'revokedBy']],
  ReachTentativeSettlement: [['a settlement with terms', with_('ReachTentativeSettlement', { articleKeys: [] }), 'articleKeys']],
  DeclareImpasse: [['items that are not text', with_('DeclareImpasse', { articleKeys: [null] }), 'articleKeys.0']],
  RecordImpasseDetermination: [['a finding that is not yes or no', with_('RecordImpasseDetermination', { reached: 'partly' }), 'reached']],
  SubmitLastBestOffer: [['an item with an unknown field', with_('SubmitLastBestOffer', { items: [{ articleKey: 'wages', text: 'x', rank: 1 }] }), 'items.0.rank']],
  SelectMediator: [['an unknown method', with_('SelectMediator', { method: 'lottery' }), 'method']],
  StartMediation: [['a mediator named again', with_('StartMediation', { mediator: 'x' }), 'mediator']],
  RecordRatificationVote: [
    ['a negative count', with_('RecordRatificationVote', { yes: -1 }), 'yes'],
    ['a fractional count', with_('RecordRatificationVote', { no: 1.5 }), 'no'],
  ],
  RecordBoardApproval: [['a contingency that is not yes or no', with_('RecordBoardApproval', { contingentOnFunding: 'maybe' }), 'contingentOnFunding']],
  RecordFundingDecision: [
    ['fractional cents', with_('RecordFundingDecision', { fundedCents: 1.5 }), 'fundedCents'],
    ['negative cents', with_('RecordFundingDecision', { fundedCents: -1 }), 'fundedCents'],
  ],
  ConcludeCycle: [['no effective date', without('ConcludeCycle', 'effectiveOn'), 'effectiveOn']],
};

/** Malformed references, actors and options, refused by every operation. */
const callCases: readonly (readonly [what: string, cycle: unknown, actor: unknown, options: unknown, field: string])[] = [
  ['a reference that is a string', 'ecea-fy27-reopener', clerk, undefined, 'cycle'],
  ['a unit id with "-" (streams would collide)', { unitId: 'ec-ea', cycleId: 'fy27' }, clerk, undefined, 'cycle.unitId'],
  ['no cycle id', { unitId: 'ecea' }, clerk, undefined, 'cycle.cycleId'],
  ['a cycle id over 128 characters', { unitId: 'ecea', cycleId: 'x'.repeat(129) }, clerk, undefined, 'cycle.cycleId'],
  ['an unknown reference field', { ...ecea, editionId: '2024-2027' }, clerk, undefined, 'cycle.editionId'],
  ['no actor', ecea, undefined, undefined, 'actor'],
  ['an actor without a role', ecea, { actorId: 'x' }, undefined, 'actor.role'],
  ['an actor id no store can hold', ecea, { actorId: 'x\u0000', role: 'r' }, undefined, 'actor.actorId'],
  ['a blank command id', ecea, clerk, { commandId: '' }, 'options.commandId'],
  ['a correlation id no store can hold', ecea, clerk, { correlationId: '\udc00' }, 'options.correlationId'],
];

const expectInvalid = async (store: EventStore, call: Promise<Either<DomainError, unknown>>, field: string) => {
  const before = await storeSnapshot(store);
  const result = await call;
  expect(isLeft(result) && { code: result.left.code, field: result.left.field }).toEqual({ code: 'InvalidCommand', field });
  expect(isLeft(result) && (result.left.details?.['issues'] as unknown[]).length).toBeGreaterThan(0);
  expect(await storeSnapshot(store)).toEqual(before);
};

describe('bargaining service: malformed calls are Left InvalidCommand naming the field, and write nothing', () => {
  const seeded = async () => {
    const { store, service } = setup();
    await run(service, ecea, eceaFy27Reopener.slice(0, 5));
    return { store, service };
  };

  describe.each(types)('%s', (type) => {
    it.each([...commonCases(type), ...specificCases[type]])('refuses %s', async (_what, input, field) => {
      const { store, service } = await seeded();
      await expectInvalid(store, operationOf(service, type)(ecea, input, clerk), field);
    });
    it.each(callCases)('refuses %s', async (_what, cycle, actor, options, field) => {
      const { store, service } = await seeded();
      await expectInvalid(store, operationOf(service, type)(cycle, validInputs[type], actor, options), field);
    });
  });

  it('get and history refuse a malformed reference', async () => {
    const { store, service } = await seeded();
    await expectInvalid(store, service.get({ unitId: 'ecea', cycleId: '' }), 'cycle.cycleId');
    await expectInvalid(store, service.history(null as unknown as BargainingCycleRef), 'cycle');
  });
});

describe('bargaining service: any JSON value never makes an operation throw', () => {
  const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\u0000', '\ud800', '', ' ', '2025-10-01', 'ecea'));
  const anyValue = fc.oneof(fc.jsonValue(), fc.dictionary(anyText, fc.jsonValue()), anyText);
  const position = fc.constantFrom('cycle' as const, 'input' as const, 'actor' as const);

  it('id, input or actor replaced by any JSON value: a Left (store unchanged) or a success', async () => {
    const { store, service } = setup();
    await run(service, ecea, eceaFy27Reopener.slice(0, 5));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...types), position, anyValue, async (type, at, value) => {
        const before = await storeSnapshot(store);
        const args = { cycle: ecea as unknown, input: validInputs[type] as unknown, actor: clerk as unknown, [at]: value };
        const result = await operationOf(service, type)(args.cycle, args.input, args.actor);
        if (isLeft(result)) expect(await storeSnapshot(store)).toEqual(before);
        else expect(isRight(result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a well-formed input with any text in one of its fields: a Left (store unchanged) or a success', async () => {
    const { store, service } = setup();
    await run(service, ecea, eceaFy27Reopener.slice(0, 5));
    const textFields = (value: unknown, path: readonly string[] = []): (readonly string[])[] =>
      typeof value === 'string'
        ? [path]
        : typeof value === 'object' && value !== null
          ? Object.entries(value).flatMap(([key, child]) => textFields(child, [...path, key]))
          : [];
    const replaced = (value: unknown, path: readonly string[], text: string): unknown => {
      const [head, ...rest] = path;
      if (head === undefined) return text;
      const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
      copy[head] = replaced(copy[head], rest, text);
      return copy;
    };
    const call = fc.constantFrom(...types).chain((type) => fc.tuple(fc.constant(type), fc.constantFrom(...textFields(validInputs[type])), anyText));
    await fc.assert(
      fc.asyncProperty(call, async ([type, path, text]) => {
        const before = await storeSnapshot(store);
        const result = await operationOf(service, type)(ecea, replaced(validInputs[type], path, text), clerk);
        if (isLeft(result)) expect(await storeSnapshot(store)).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
