import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { v4 as uuid } from 'uuid';
import { START, type DomainError, type EventStore } from '@laborcase/core';
import { collect } from '@laborcase/core/adapter-kit';
import { createInMemoryEventStore } from '@laborcase/adapters';
import { createDomainRegistry } from '../domainRegistry.js';
import { agreementDecider } from './decide/index.js';
import { EDITION_DOCUMENT_FORMAT } from './editionDocument.js';
import { articleAsOf, procedureAsOf } from './queries.js';
import { createAgreementService, type AgreementService } from './service.js';
import { isRegistered, type AgreementState } from './state.js';
import { procedure, register } from './testData.js';

const setup = () => {
  const store = createInMemoryEventStore({ registry: createDomainRegistry() });
  return { store, service: createAgreementService({ store, newId: uuid }) };
};

const ecea = { unitId: 'ecea', editionId: '2024-2027' } as const;
const clerk = { actorId: 'lr-clerk-3', role: 'labor-relations' } as const;
const fy27 = { kind: 'reopener', fiscalYear: 'FY27' } as const;
const { type: _type, unitId: _unitId, editionId: _editionId, ...registration } = register;
const { tentativelyAgreedOn: _agreedOn, ...contract } = registration;

/** Everything a rejection must leave untouched. */
const snapshot = async (store: EventStore) => ({ head: await store.headPosition(), log: (await collect(store.readAll({ after: START }))).map((e) => e.eventId) });

const must = <A>(result: Either<DomainError, A>): A => {
  if (isLeft(result)) throw new Error(`rejected: ${result.left.code}: ${result.left.message}`);
  return result.right;
};

const inEffect = async (service: AgreementService) => {
  must(await service.registerEdition(ecea, registration, clerk));
  must(await service.recordMemberRatification(ecea, { ratifiedOn: '2024-04-11' }, clerk));
  must(await service.recordBoardApproval(ecea, { approvedOn: '2024-04-23' }, clerk));
  must(await service.putIntoEffect(ecea, { effectiveOn: '2024-07-01' }, clerk));
};

describe('agreement service: one operation per command', () => {
  it('records an edition from registration to supersession, each event dated by its command', async () => {
    const { store, service } = setup();
    const waived = { ...procedure, onGrievantLapse: 'waived' as const };
    const calls: readonly (() => Promise<Either<DomainError, unknown>>)[] = [
      () => service.registerEdition(ecea, registration, clerk, { correlationId: 'ecea-2024' }),
      () => service.recordMemberRatification(ecea, { ratifiedOn: '2024-04-11', votesFor: 4812, votesAgainst: 301 }, clerk),
      () => service.recordBoardApproval(ecea, { approvedOn: '2024-04-23' }, clerk),
      () => service.confirmFunding(ecea, { confirmedOn: '2024-05-30', fiscalYear: 'FY25' }, clerk),
      () => service.putIntoEffect(ecea, { effectiveOn: '2024-07-01' }, clerk),
      () => service.attachMou(ecea, { mouId: 'mou-virtual-academy', title: 'Virtual Academy', effectiveFrom: '2024-09-01', articleKeys: ['schedules-workload'] }, clerk),
      () => service.amendArticle(ecea, { articleKey: 'planning-time', effectiveOn: '2025-01-15', summary: 'title fixed', title: 'Planning Time' }, clerk),
      () => service.addArticle(ecea, { articleKey: 'equity-access', number: '8', title: 'Equity & Access', effectiveOn: '2025-07-01' }, clerk),
      () => service.setReopenerScope(ecea, { fiscalYear: 'FY27', articleKeys: ['salaries', 'planning-time'], setOn: '2025-09-15' }, clerk),
      () => service.recordFundingShortfall(ecea, { recordedOn: '2026-05-21', fiscalYear: 'FY27', detail: 'funded 2.5% of 3.25%' }, clerk),
      () => service.confirmFunding(ecea, { confirmedOn: '2026-06-05', fiscalYear: 'FY27' }, clerk),
      () => service.renumberArticle(ecea, { articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '13', basis: fy27 }, clerk),
      () => service.removeArticle(ecea, { articleKey: 'salaries', effectiveOn: '2026-07-01' }, clerk),
      () => service.amendGrievanceProcedure(ecea, { effectiveOn: '2026-07-01', procedure: waived, basis: fy27 }, clerk),
      () => service.supersede(ecea, { supersededOn: '2026-07-01', successorEditionId: '2026-2029' }, clerk),
    ];
    for (const call of calls) must(await call());

    const log = await collect(store.readAll({ after: START }));
    expect(new Set(log.map((e) => e.streamId))).toEqual(new Set(['agreement-ecea-2024-2027']));
    expect(log.map((e) => [e.type, e.metadata.effectiveOn])).toEqual([
      ['AgreementEditionRegistered', '2024-03-14'],
      ['AgreementRatifiedByMembers', '2024-04-11'],
      ['AgreementApprovedByBoard', '2024-04-23'],
      ['FundingConfirmed', '2024-05-30'],
      ['AgreementTookEffect', '2024-07-01'],
      ['MouAttached', '2024-09-01'],
      ['ArticleAmended', '2025-01-15'],
      ['ArticleAdded', '2025-07-01'],
      ['ReopenerScopeSet', '2025-09-15'],
      ['FundingShortfallRecorded', '2026-05-21'],
      ['FundingConfirmed', '2026-06-05'],
      ['ArticleRenumbered', '2026-07-01'],
      ['ArticleRemoved', '2026-07-01'],
      ['GrievanceProcedureAmended', '2026-07-01'],
      ['AgreementSuperseded', '2026-07-01'],
    ]);
    expect(log[0]?.metadata).toMatchObject({ provenance: clerk, correlationId: 'ecea-2024' });
    // The scope's date is the event's business date, not part of its data.
    expect(log[8]?.data).toEqual({ fiscalYear: 'FY27', articleKeys: ['salaries', 'planning-time'] });

    const state = must(await service.get(ecea));
    expect(state).toEqual(log.reduce<AgreementState>((s, e) => agreementDecider.evolve(s, { type: e.type, data: e.data } as never), agreementDecider.initialState));
    expect(state.status).toBe('superseded');
    expect(articleAsOf(state, 'planning-time', '2026-07-01')?.number).toBe('13');
    expect(isRegistered(state) && procedureAsOf(state, '2026-07-01')).toEqual(waived);
  });

  it('expires an edition and answers which edition governs a date', async () => {
    const { service } = setup();
    const previous = { unitId: 'ecea', editionId: '2021-2024' };
    must(await service.registerEdition(previous, { ...registration, term: { effectiveFrom: '2021-07-01', expiresOn: '2024-06-30' }, tentativelyAgreedOn: '2021-03-11' }, clerk));
    must(await service.recordMemberRatification(previous, { ratifiedOn: '2021-04-08' }, clerk));
    must(await service.recordBoardApproval(previous, { approvedOn: '2021-04-27' }, clerk));
    must(await service.putIntoEffect(previous, { effectiveOn: '2021-07-01' }, clerk));
    const expired = must(await service.expire(previous, { expiredOn: '2024-07-01' }, clerk));
    expect(expired.events.map((e) => e.metadata.effectiveOn)).toEqual(['2024-07-01']);
    await inEffect(service);

    const governing = async (date: string) => {
      const result = await service.editionInForceOn('ecea', ['2021-2024', '2024-2027', '2027-2030'], date);
      return isRight(result) ? result.right.editionId : result.left.code;
    };
    expect(await governing('2024-03-01')).toBe('2021-2024');
    expect(await governing('2025-01-01')).toBe('2024-2027');
    expect(await governing('2027-07-01')).toBe('NoEditionInForce');
    expect(await service.editionInForceOn('ecea', ['2024-2027'], '2025-02-30')).toMatchObject({ left: { code: 'InvalidCommand', field: 'date' } });
    expect(await service.editionInForceOn('ecea', ['2024-2027', 'Next'], '2025-01-01')).toMatchObject({ left: { code: 'InvalidCommand', field: 'editionIds.1' } });
  });

  it('returns the decider’s rejection and writes nothing', async () => {
    const { store, service } = setup();
    must(await service.registerEdition(ecea, registration, clerk));
    const before = await snapshot(store);
    expect(await service.recordBoardApproval(ecea, { approvedOn: '2024-04-23' }, clerk)).toMatchObject({ left: { code: 'RatificationRequired' } });
    expect(await service.registerEdition(ecea, registration, clerk)).toMatchObject({ left: { code: 'AgreementAlreadyRegistered' } });
    expect(await service.setReopenerScope(ecea, { fiscalYear: 'FY26', articleKeys: [], setOn: '2025-09-15' }, clerk)).toMatchObject({
      left: { code: 'UnknownReopener', field: 'fiscalYear' },
    });
    expect(await snapshot(store)).toEqual(before);
    expect(await service.get({ unitId: 'ecea', editionId: '2027-2030' })).toEqual({ _tag: 'Right', right: { status: 'unregistered' } });
  });
});

/** Per operation: an input that is malformed at `field` (everything else about the call is fine). */
const malformed = {
  registerEdition: [{ ...registration, term: { effectiveFrom: '2024-07-01', expiresOn: 'soon' } }, 'term.expiresOn'],
  recordMemberRatification: [{ ratifiedOn: '2024-04-11', votesFor: -1 }, 'votesFor'],
  recordBoardApproval: [{ approvedOn: '23/04/2024' }, 'approvedOn'],
  putIntoEffect: [{}, 'effectiveOn'],
  expire: [{ expiredOn: 20270701 }, 'expiredOn'],
  supersede: [{ supersededOn: '2026-07-01', successorEditionId: 'Next Edition' }, 'successorEditionId'],
  recordFundingShortfall: [{ recordedOn: '2026-05-21', fiscalYear: 'FY27', detail: ' ' }, 'detail'],
  confirmFunding: [{ confirmedOn: '2024-05-30', fiscalYear: '2025' }, 'fiscalYear'],
  amendArticle: [{ articleKey: 'salaries', effectiveOn: '2025-07-01', summary: 'COLA', title: '' }, 'title'],
  renumberArticle: [{ articleKey: 'planning-time', effectiveOn: '2026-07-01' }, 'number'],
  addArticle: [{ articleKey: 'Equity Access', number: '8', title: 'Equity', effectiveOn: '2025-07-01' }, 'articleKey'],
  removeArticle: [{ articleKey: 'salaries', effectiveOn: '2025-07-01', reason: 'obsolete' }, 'reason'],
  attachMou: [{ mouId: 'mou-a', title: 'MOU', effectiveFrom: '2024-09-01', articleKeys: ['salaries', 7] }, 'articleKeys.1'],
  setReopenerScope: [{ fiscalYear: 'FY27', articleKeys: ['salaries'] }, 'setOn'],
  amendGrievanceProcedure: [{ effectiveOn: '2026-07-01', procedure: { ...procedure, steps: [{ ...procedure.steps[0], meetWithn: 10 }] } }, 'procedure.steps.0.meetWithn'],
} as const;
type CommandOperation = keyof typeof malformed;
const operations = Object.keys(malformed) as CommandOperation[];

/** Call any command operation with whatever arguments (the static types are what a malformed call breaks). */
const call = (service: AgreementService, name: CommandOperation, id: unknown, input: unknown, actor: unknown, options?: unknown) =>
  service[name](id as never, input as never, actor as never, options as never);

describe('agreement service: malformed calls are InvalidCommand naming the field, and write nothing', () => {
  it('covers every command operation of the service', () => {
    const { service } = setup();
    const others = ['importEdition', 'get', 'editionInForceOn'];
    expect(Object.keys(service).filter((name) => !others.includes(name)).sort()).toEqual([...operations].sort());
  });

  it.each(operations)('%s: malformed input, id, actor and options', async (name) => {
    const { store, service } = setup();
    await inEffect(service);
    const before = await snapshot(store);
    const [input, field] = malformed[name];
    expect(await call(service, name, ecea, input, clerk)).toMatchObject({ left: { code: 'InvalidCommand', field } });
    expect(await call(service, name, { unitId: 'ECEA', editionId: '2024-2027' }, input, clerk)).toMatchObject({ left: { code: 'InvalidCommand', field: 'agreement.unitId' } });
    expect(await call(service, name, 'agreement-ecea-2024-2027', input, clerk)).toMatchObject({ left: { code: 'InvalidCommand', field: 'agreement' } });
    expect(await call(service, name, ecea, input, { actorId: 'lr-clerk-3' })).toMatchObject({ left: { code: 'InvalidCommand', field: 'actor.role' } });
    expect(await call(service, name, ecea, input, clerk, { commandId: '' })).toMatchObject({ left: { code: 'InvalidCommand' } });
    expect(await snapshot(store)).toEqual(before);
  });

  it('get names a malformed id', async () => {
    const { service } = setup();
    expect(await service.get({ unitId: 'ecea' } as never)).toMatchObject({ left: { code: 'InvalidCommand', field: 'agreement.editionId' } });
  });
});

describe('agreement service: importEdition', () => {
  const document = {
    format: EDITION_DOCUMENT_FORMAT,
    ...ecea,
    ...contract,
    lifecycle: { tentativelyAgreedOn: '2024-03-14', ratification: { ratifiedOn: '2024-04-11' }, approvedOn: '2024-04-23', tookEffectOn: '2024-07-01' },
    fundingConfirmations: [{ fiscalYear: 'FY25', confirmedOn: '2024-05-30' }],
  };

  it('records the document as its commands in one append, each event dated by its milestone', async () => {
    const { store, service } = setup();
    const result = must(await service.importEdition(document, clerk, { commandId: 'import-ecea-2024' }));
    const log = await collect(store.readAll({ after: START }));
    expect(log.map((e) => [e.type, e.metadata.effectiveOn])).toEqual([
      ['AgreementEditionRegistered', '2024-03-14'],
      ['AgreementRatifiedByMembers', '2024-04-11'],
      ['AgreementApprovedByBoard', '2024-04-23'],
      ['FundingConfirmed', '2024-05-30'],
      ['AgreementTookEffect', '2024-07-01'],
    ]);
    expect(new Set(log.map((e) => e.metadata.causationId))).toEqual(new Set(['import-ecea-2024']));
    expect(result.events).toHaveLength(5);

    const byCommands = setup();
    await inEffect(byCommands.service);
    must(await byCommands.service.confirmFunding(ecea, { confirmedOn: '2024-05-30', fiscalYear: 'FY25' }, clerk));
    expect(must(await service.get(ecea))).toEqual(must(await byCommands.service.get(ecea)));
    expect(result.state).toEqual(must(await service.get(ecea)));
  });

  it('rejects a malformed file as InvalidCommand naming the field, writing nothing', async () => {
    const { store, service } = setup();
    const before = await snapshot(store);
    const field = async (doc: unknown) => {
      const result = await service.importEdition(doc, clerk);
      return isLeft(result) ? [result.left.code, result.left.field] : ['imported'];
    };
    expect(await field({ ...document, format: 'agreement-edition@2' })).toEqual(['InvalidCommand', 'format']);
    expect(await field({ ...document, lifecycle: { approvedOn: '2024-04-23' } })).toEqual(['InvalidCommand', 'lifecycle.tentativelyAgreedOn']);
    expect(await field({ ...document, lifecycle: { ...document.lifecycle, ratification: { ratifiedOn: '2024-04-11', votes: 3 } } })).toEqual(['InvalidCommand', 'lifecycle.ratification.votes']);
    expect(await field({ ...document, fundingConfirmations: [{ fiscalYear: 'FY25', on: '2024-05-30' }] })).toEqual(['InvalidCommand', 'fundingConfirmations.0.confirmedOn']);
    expect(await field({ ...document, articles: [{ key: 'salaries', number: 20, title: 'Salaries' }] })).toEqual(['InvalidCommand', 'articles.0.number']);
    expect(await field({ ...document, reopeners: [{ fiscalYear: 'FY27', articleKeys: [], scope: 'salary' }] })).toEqual(['InvalidCommand', 'reopeners.0.scope']);
    expect(await field('{"format": "laborcase/agreement-edition@1"}')).toEqual(['InvalidCommand', '(root)']);
    expect(await field({ ...document, tentativelyAgreedOn: '2024-03-14' })).toEqual(['InvalidCommand', 'tentativelyAgreedOn']);
    expect(await service.importEdition(document, { role: 'labor-relations' } as never)).toMatchObject({ left: { code: 'InvalidCommand', field: 'actor.actorId' } });
    expect(await snapshot(store)).toEqual(before);
  });

  it('rejects a document the decider rejects at any step, naming the document field, and writes nothing', async () => {
    const { store, service } = setup();
    const before = await snapshot(store);
    const rejected = async (doc: unknown) => {
      const result = await service.importEdition(doc, clerk);
      return isLeft(result) ? [result.left.code, result.left.field] : ['imported'];
    };
    expect(await rejected({ ...document, lifecycle: { ...document.lifecycle, approvedOn: '2024-04-10' } })).toEqual(['MilestoneOutOfOrder', 'lifecycle.approvedOn']);
    expect(await rejected({ ...document, lifecycle: { ...document.lifecycle, ratification: { ratifiedOn: '2024-03-01' } } })).toEqual([
      'MilestoneOutOfOrder',
      'lifecycle.ratification.ratifiedOn',
    ]);
    expect(await rejected({ ...document, fundingConfirmations: [{ fiscalYear: 'FY25', confirmedOn: '2024-04-01' }] })).toEqual([
      'MilestoneOutOfOrder',
      'fundingConfirmations.0.confirmedOn',
    ]);
    const unapproved = { tentativelyAgreedOn: '2024-03-14', ratification: { ratifiedOn: '2024-04-11' } };
    expect(await rejected({ ...document, lifecycle: unapproved })).toEqual(['BoardApprovalRequired', 'fundingConfirmations.0']);
    expect(await rejected({ ...document, fundingConfirmations: [...document.fundingConfirmations, ...document.fundingConfirmations] })).toEqual([
      'AlreadyFunded',
      'fundingConfirmations.1.fiscalYear',
    ]);
    expect(await rejected({ ...document, lifecycle: { ...document.lifecycle, expiredOn: '2027-06-30' } })).toEqual(['ExpiryBeforeTermEnd', 'lifecycle.expiredOn']);
    const unratified = { ...document, fundingConfirmations: [], lifecycle: { tentativelyAgreedOn: '2024-03-14', tookEffectOn: '2024-07-01' } };
    expect(await rejected(unratified)).toEqual(['RatificationRequired', 'lifecycle.tookEffectOn']);
    expect(await rejected({ ...document, articles: [...registration.articles, registration.articles[0]] })).toEqual(['DuplicateArticleKey', 'articles']);
    expect(await snapshot(store)).toEqual(before);

    must(await service.importEdition(document, clerk));
    const imported = await snapshot(store);
    expect(await rejected(document)).toEqual(['AgreementAlreadyRegistered']);
    expect(await snapshot(store)).toEqual(imported);
  });
});

describe('agreement service: importEdition under a concurrent writer', () => {
  const document = {
    format: EDITION_DOCUMENT_FORMAT,
    ...ecea,
    ...contract,
    lifecycle: { tentativelyAgreedOn: '2024-03-14', ratification: { ratifiedOn: '2024-04-11' } },
  };
  /** A store where someone else registers the edition just before the import's first append. */
  const racing = () => {
    const { store } = setup();
    const rival = createAgreementService({ store, newId: uuid });
    let raced = false;
    const racingStore: EventStore = Object.assign(Object.create(store) as EventStore, {
      append: async (...args: Parameters<EventStore['append']>) => {
        if (!raced) {
          raced = true;
          must(await rival.registerEdition(ecea, registration, { actorId: 'other-clerk', role: 'labor-relations' }));
        }
        return store.append(...args);
      },
    });
    return { store, racingStore };
  };

  it('reloads and decides again within the retry policy', async () => {
    const { store, racingStore } = racing();
    const service = createAgreementService({ store: racingStore, newId: uuid, retry: { maxAttempts: 2 } });
    expect(await service.importEdition(document, clerk)).toMatchObject({ left: { code: 'AgreementAlreadyRegistered' } });
    expect((await collect(store.readAll({ after: START }))).map((e) => e.metadata.provenance.actorId)).toEqual(['other-clerk']);
  });

  it('throws the store conflict once the retry policy is spent, having written none of its events', async () => {
    const { store, racingStore } = racing();
    const service = createAgreementService({ store: racingStore, newId: uuid });
    await expect(service.importEdition(document, clerk)).rejects.toMatchObject({ code: 'WrongExpectedVersion' });
    expect(await collect(store.readAll({ after: START }))).toHaveLength(1);
  });
});

describe('agreement service: robustness', () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  const valid = <A>(value: A) => fc.oneof(fc.constant(value), json);
  const validInputs: Record<CommandOperation, unknown> = {
    registerEdition: registration,
    recordMemberRatification: { ratifiedOn: '2024-04-11' },
    recordBoardApproval: { approvedOn: '2024-04-23' },
    putIntoEffect: { effectiveOn: '2024-07-01' },
    expire: { expiredOn: '2027-07-01' },
    supersede: { supersededOn: '2026-07-01', successorEditionId: '2026-2029' },
    recordFundingShortfall: { recordedOn: '2026-05-21', fiscalYear: 'FY27', detail: 'cut' },
    confirmFunding: { confirmedOn: '2024-05-30', fiscalYear: 'FY25' },
    amendArticle: { articleKey: 'salaries', effectiveOn: '2025-07-01', summary: 'COLA' },
    renumberArticle: { articleKey: 'planning-time', effectiveOn: '2026-07-01', number: '13' },
    addArticle: { articleKey: 'equity-access', number: '8', title: 'Equity', effectiveOn: '2025-07-01' },
    removeArticle: { articleKey: 'salaries', effectiveOn: '2025-07-01' },
    attachMou: { mouId: 'mou-a', title: 'MOU', effectiveFrom: '2024-09-01', articleKeys: ['salaries'] },
    setReopenerScope: { fiscalYear: 'FY27', articleKeys: ['salaries'], setOn: '2025-09-15' },
    amendGrievanceProcedure: { effectiveOn: '2026-07-01', procedure },
  };
  const operation = fc.constantFrom(...operations).chain((name) => fc.tuple(fc.constant(name), valid(validInputs[name])));

  it('any JSON value as id, input, actor or options gives Left or Right, never a throw; a Left writes nothing', async () => {
    const { store, service } = setup();
    await fc.assert(
      fc.asyncProperty(operation, valid(ecea), valid(clerk), fc.option(json, { nil: undefined }), async ([name, input], id, actor, options) => {
        const before = await snapshot(store);
        const result = await call(service, name, id, input, actor, options);
        expect(['Left', 'Right']).toContain(result._tag);
        if (isLeft(result)) expect(await snapshot(store)).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('the same holds for importEdition, get and editionInForceOn', async () => {
    const { store, service } = setup();
    await fc.assert(
      fc.asyncProperty(json, valid(clerk), json, json, json, async (document, actor, a, b, c) => {
        const before = await snapshot(store);
        const results = [
          await service.importEdition(document, actor as never),
          await service.get(a as never),
          await service.editionInForceOn(a as never, b as never, c as never),
        ];
        for (const result of results) expect(['Left', 'Right']).toContain(result._tag);
        if (isLeft(results[0]!)) expect(await snapshot(store)).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });
});
