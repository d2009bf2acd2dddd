/**
 * Agreements and bargaining. The ECPS fixture editions are recorded as the fixture's commands (ECEA 2024-2027,
 * ECSSU 2025-2028, ECAP 2025-2028) and, in SY2025-26, the fixture's ECEA FY27 reopener is bargained. Every later
 * school year each unit bargains what its edition calls for: a successor in the edition's last year, a reopener
 * when the edition has one for the next fiscal year. Cycles go through the bargaining service (proposals, counters
 * with costing, TAs, withdrawals, settlement, ratification, Board approval, funding — sometimes short, then
 * renegotiated — and conclusion), and the bargaining → agreement process manager turns each cycle event into the
 * agreement commands it implies (reopener scope, shortfall, amendments, the successor edition), which the
 * agreement's command handler records.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import { addDays, commandHandler, type CodecRegistry, type CommandResult, type DomainError, type EventStore, type Provenance } from '@laborcase/core';
import { createBargainingService, type BargainingService } from '@laborcase/domain';
import { AgreementCommandCodec, agreementDecider, agreementStreamId, isRegistered, type AgreementCommand, type AgreementState } from '@laborcase/domain/agreement';
import type { BargainingCommand, BargainingEvent, BargainingState } from '@laborcase/domain/bargaining';
import { agreementCommandsForBargainingEvent, editionReference, type OpenedCycle } from '@laborcase/domain/bargaining-to-agreement';
import { costProposal, toCostingAttachment, type CostingAttachment } from '@laborcase/domain/costing';
import { ecapCommands, eceaCommandsBeforeFy27Reopener, eceaFy27Reopener, ecssuCommands } from '@laborcase/domain/fixtures/ecps';
import { dateOf, weekdayOnOrAfter } from './dates.js';
import { UNITS, type KnownWorld, type UnitProfile } from './district.js';
import { must } from './must.js';
import type { Random } from './random.js';

const CLERK: Provenance = { actorId: 'ecps.labor-relations', role: 'labor-relations' };
const PROCESS_MANAGER: Provenance = { actorId: 'bargaining-to-agreement', role: 'process-manager' };

/** A command to run on a business date; the generator's agenda runs them in date order. */
export interface Dated {
  readonly date: string;
  readonly run: () => Promise<void>;
}

export interface BargainingOptions {
  readonly store: EventStore;
  readonly registry: CodecRegistry;
  readonly newId: () => string;
  readonly world: KnownWorld;
  readonly random: Random;
  /** Sets the store's clock to a business date before each command. */
  readonly advanceTo: (date: string) => void;
}

const fiscalYear = (startYear: number): string => `FY${String(startYear % 100).padStart(2, '0')}`;

export const createBargainingPlanner = (options: BargainingOptions) => {
  const { store, registry, newId, world, random, advanceTo } = options;
  const bargaining: BargainingService = createBargainingService({ store, registry, newId });
  const agreementHandler = commandHandler({ store, registry, decider: agreementDecider, newId, commandCodec: AgreementCommandCodec });

  const recordAgreement = async (streamId: string, command: AgreementCommand, effectiveOn: string, provenance: Provenance, commandId?: string): Promise<CommandResult<AgreementState>> => {
    const result = await must(`${streamId} ${command.type}`, agreementHandler(streamId, command, { provenance, effectiveOn, ...(commandId === undefined ? {} : { commandId }) }));
    world.setAgreement(streamId, result.state);
    return result;
  };

  /** The fixture editions, each command on its own business date. */
  const fixtureEditions = (): Dated[] =>
    [eceaCommandsBeforeFy27Reopener, ecssuCommands, ecapCommands].flatMap((commands) => {
      const registration = commands[0];
      if (registration?.type !== 'RegisterAgreementEdition') throw new Error('a fixture edition starts with its registration');
      const streamId = agreementStreamId(registration.unitId, registration.editionId);
      return commands.map((command) => ({ date: businessDateOf(command), run: () => recordAgreement(streamId, command, businessDateOf(command), CLERK).then(() => undefined) }));
    });

  interface CycleContext {
    readonly ref: { readonly unitId: string; readonly cycleId: string };
    readonly fiscalYear: string;
    readonly successorExpiresOn?: string;
    opened?: OpenedCycle;
  }

  /** One bargaining command through the service, then the process manager on each event it recorded. */
  const bargain = async (cycle: CycleContext, command: BargainingCommand): Promise<void> => {
    advanceTo(command.occurredOn);
    const { type, actor: _actor, ...fields } = command;
    const { cycleId: _cycleId, unitId: _unitId, ...input } = fields as Record<string, unknown>;
    const operation = bargaining[`${type.charAt(0).toLowerCase()}${type.slice(1)}` as keyof BargainingService] as (
      ref: unknown,
      input: unknown,
      actor: Provenance,
    ) => Promise<Either<DomainError, CommandResult<BargainingState>>>;
    const result = await must(`${cycle.ref.unitId}/${cycle.ref.cycleId} ${type}`, operation(cycle.ref, input, CLERK));
    for (const stored of result.events) {
      const event = { type: stored.type, data: stored.data } as BargainingEvent;
      if (event.type === 'CycleOpened') cycle.opened = event.data;
      const base = cycle.opened === undefined ? undefined : world.agreement(cycle.ref.unitId, cycle.opened.agreementEdition.slice(cycle.ref.unitId.length + 1));
      if (base === undefined || !isRegistered(base)) throw new Error(`${cycle.ref.unitId}/${cycle.ref.cycleId}: base edition not recorded`);
      const context = { baseEdition: base, fiscalYear: cycle.fiscalYear, ...(cycle.successorExpiresOn === undefined ? {} : { successor: successorTerms(cycle.fiscalYear, cycle.successorExpiresOn) }) };
      const routed = await must(`process manager on ${event.type}`, agreementCommandsForBargainingEvent(event, context, cycle.opened));
      for (const command of routed) await recordAgreement(command.streamId, command.command, command.effectiveOn, PROCESS_MANAGER, command.commandId);
    }
  };

  const scheduleCycle = (cycle: CycleContext, commands: readonly BargainingCommand[]): Dated[] => commands.map((command) => ({ date: command.occurredOn, run: () => bargain(cycle, command) }));

  /** SY2025-26's ECEA FY27 reopener, as the fixture bargains it. */
  const fixtureReopener = (): Dated[] => scheduleCycle({ ref: { unitId: 'ecea', cycleId: 'fy27-reopener' }, fiscalYear: 'FY27' }, eceaFy27Reopener);

  /**
   * The cycles of school year `startYear`–`startYear + 1` (bargaining the fiscal year after it), for each unit whose
   * edition calls for one. Decided when the year starts, from the editions recorded by then.
   */
  const cyclesOfYear = (startYear: number, except: readonly string[] = []): { readonly items: Dated[]; readonly cycles: number } => {
    const fy = fiscalYear(startYear + 2);
    const nextFyStart = dateOf(startYear + 1, 7, 1);
    const perUnit = UNITS.filter((unit) => !except.includes(unit.unitId)).map((unit) => {
      const edition = world.editionOn(unit.unitId, dateOf(startYear + 1, 6, 30));
      if (edition === undefined) return [];
      const state = world.agreement(unit.unitId, edition.editionId);
      if (state === undefined || !isRegistered(state)) return [];
      const successor = edition.expiresOn < nextFyStart;
      const reopener = state.reopeners.find((r) => r.fiscalYear === fy);
      if (!successor && reopener === undefined) return [];
      const cycleId = `${fy.toLowerCase()}-${successor ? 'successor' : 'reopener'}`;
      const resulting = successor ? `${startYear + 1}-${startYear + 4}` : `${edition.editionId}-${fy.toLowerCase()}`;
      const language = reopener !== undefined && reopener.articleKeys.length > 0 ? reopener.articleKeys.filter((k) => k !== unit.salaryArticle) : unit.languageArticles;
      const articles = [unit.salaryArticle, ...pickSome(random, language, successor ? 3 : 2)];
      const cycle: CycleContext = { ref: { unitId: unit.unitId, cycleId }, fiscalYear: fy, ...(successor ? { successorExpiresOn: dateOf(startYear + 4, 6, 30) } : {}) };
      const commands = cycleCommands({ unit, startYear, fy, cycleId, successor, articles, baseEdition: editionReference(unit.unitId, edition.editionId), resultingEdition: editionReference(unit.unitId, resulting), random });
      return scheduleCycle(cycle, commands);
    });
    return { items: perUnit.flat(), cycles: perUnit.filter((items) => items.length > 0).length };
  };

  return { fixtureEditions, fixtureReopener, cyclesOfYear };
};

const businessDateOf = (command: AgreementCommand): string => {
  switch (command.type) {
    case 'RegisterAgreementEdition':
      return command.tentativelyAgreedOn;
    case 'RecordMemberRatification':
      return command.ratifiedOn;
    case 'RecordBoardApproval':
      return command.approvedOn;
    case 'ConfirmFunding':
      return command.confirmedOn;
    case 'PutAgreementIntoEffect':
      return command.effectiveOn;
    default:
      throw new Error(`the fixture editions do not use ${command.type} before their first cycle`);
  }
};

/** A successor edition keeps its base's procedure and title; two reopeners in its later fiscal years, scope set when they open. */
const successorTerms = (fy: string, expiresOn: string) => {
  const first = Number(fy.slice(2));
  return { expiresOn, reopeners: [1, 2].map((k) => ({ fiscalYear: `FY${String((first + k) % 100).padStart(2, '0')}`, articleKeys: [] as string[] })) };
};

const pickSome = <T>(random: Random, items: readonly T[], count: number): T[] => {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!);
  return chosen;
};

interface CyclePlan {
  readonly unit: UnitProfile;
  readonly startYear: number;
  readonly fy: string;
  readonly cycleId: string;
  readonly successor: boolean;
  readonly articles: readonly string[];
  readonly baseEdition: string;
  readonly resultingEdition: string;
  readonly random: Random;
}

/** The commands of one cycle, in business-date order: every TA initialled by both chiefs, salary positions costed. */
const cycleCommands = (plan: CyclePlan): BargainingCommand[] => {
  const { unit, startYear, fy, successor, articles, random } = plan;
  const code = unit.unitId.toUpperCase();
  const actor = 'ecps.labor-relations';
  let day = weekdayOnOrAfter(dateOf(startYear, 9, random.int(8, 22)));
  const after = (min: number, max: number): string => (day = weekdayOnOrAfter(addDays(day, random.int(min, max))));
  const on = (occurredOn: string) => ({ occurredOn, actor });
  const initials = (date: string) => ({ union: { name: unit.chiefs.union, on: date }, board: { name: unit.chiefs.board, on: date } });
  const cost = (colaBp: number): CostingAttachment =>
    toCostingAttachment(
      costProposal({
        baseSalaryCents: unit.salaryBaseCents,
        baseFte: unit.fte,
        years: [{ fiscalYear: fy, colaBp, stepBp: 150 }],
        assumptions: [`COLA ${colaBp / 100}%`, 'step movement 1.5% of base', `salary base $${unit.salaryBaseCents / 100_000_000}M, ${unit.fte} FTE`],
      }),
    );
  const unionCola = random.int(8, 12) * 50;
  const boardCola = random.int(2, 5) * 50;
  const taCola = Math.round((unionCola + boardCola) / 100) * 50;

  const commands: BargainingCommand[] = [
    {
      type: 'OpenCycle',
      cycleId: plan.cycleId,
      unitId: unit.unitId,
      kind: successor ? 'successor' : 'reopener',
      agreementEdition: plan.baseEdition,
      scope: successor ? { kind: 'all' } : { kind: 'articles', articleKeys: [...articles] },
      groundRules: { taRevocation: 'mutualAgreementOnly', observerSessions: random.int(0, 6), notes: ['sessions alternate between the central office and the association hall'] },
      chiefSpokespersons: { union: unit.chiefs.union, board: unit.chiefs.board },
      ...on(day),
    },
  ];
  // The union drops some language proposals before the board counters them (as the fixture's Art. 17).
  const proposals = articles.map((articleKey, i) => {
    const salary = articleKey === unit.salaryArticle;
    return { articleKey, union: `${code}-${i + 1}-U1`, board: `${code}-${i + 1}-B1`, salary, dropped: !salary && random.chance(0.25) };
  });
  for (const p of proposals) {
    commands.push({
      type: 'TableProposal',
      proposalId: p.union,
      side: 'union',
      articleKey: p.articleKey,
      text: p.salary ? `${unionCola / 100}% COLA plus step` : `Union language on ${p.articleKey}`,
      ...(p.salary ? { costing: cost(unionCola) } : {}),
      tabledBy: unit.chiefs.union,
      ...on(after(2, 7)),
    });
  }
  for (const p of proposals.filter((p) => !p.dropped)) {
    commands.push({
      type: 'TableCounter',
      proposalId: p.board,
      respondsTo: p.union,
      side: 'board',
      articleKey: p.articleKey,
      text: p.salary ? `${boardCola / 100}% COLA plus step` : `Board counter on ${p.articleKey}`,
      ...(p.salary ? { costing: cost(boardCola) } : {}),
      tabledBy: unit.chiefs.board,
      ...on(after(4, 10)),
    });
  }
  // Some reopeners deadlock: impasse, PERB's determination, mediator, last best offers, mediation (COMAR timings,
  // as the fixture's ECSSU cycle); such a cycle is still in mediation when the year ends.
  if (!successor && random.chance(0.2)) return [...commands, ...impasse(proposals.filter((p) => !p.dropped).map((p) => p.articleKey), unionCola, boardCola, after, on)];
  for (const p of proposals) {
    if (p.dropped) {
      commands.push({ type: 'WithdrawProposal', proposalId: p.union, side: 'union', ...on(after(5, 20)) });
      continue;
    }
    const date = after(5, 18);
    commands.push({
      type: 'ReachTentativeAgreement',
      articleKey: p.articleKey,
      text: p.salary ? `${taCola / 100}% COLA effective ${dateOf(startYear + 1, 7, 1)} plus step` : `Agreed language on ${p.articleKey}`,
      ...(p.salary ? { costing: cost(taCola) } : { basedOnProposalId: p.board }),
      initialedBy: initials(date),
      ...on(date),
    });
  }
  commands.push({ type: 'ReachTentativeSettlement', ...on(after(1, 7)) });
  const members = unit.employees;
  const yes = random.int(Math.floor(members * 0.4), Math.floor(members * 0.7));
  commands.push({ type: 'RecordRatificationVote', yes, no: random.int(Math.floor(members * 0.01), Math.floor(members * 0.1)), ...on(after(10, 21)) });
  commands.push({ type: 'RecordBoardApproval', contingentOnFunding: true, ...on(after(14, 28)) });
  const required = cost(taCola).delta;
  const shortfall = random.chance(0.15) && taCola > 100;
  const fundedCola = shortfall ? taCola - 50 : taCola;
  const funded = shortfall ? cost(fundedCola).delta : required;
  commands.push({ type: 'RecordFundingDecision', fundingAuthority: 'Example County Council', fundedCents: funded, ...on(weekdayOnOrAfter(dateOf(startYear + 1, 5, random.int(18, 26)))) });
  day = commands.at(-1)!.occurredOn;
  if (shortfall) {
    const renegotiated = `${code}-${proposals.length + 1}-B2`;
    commands.push({
      type: 'TableProposal',
      proposalId: renegotiated,
      side: 'board',
      articleKey: unit.salaryArticle,
      text: `${fundedCola / 100}% COLA plus step, as funded`,
      costing: cost(fundedCola),
      tabledBy: unit.chiefs.board,
      ...on(after(3, 7)),
    });
    const date = after(3, 7);
    commands.push({
      type: 'ReachTentativeAgreement',
      articleKey: unit.salaryArticle,
      text: `${fundedCola / 100}% COLA plus step (renegotiated under §6-407)`,
      costing: cost(fundedCola),
      basedOnProposalId: renegotiated,
      initialedBy: initials(date),
      ...on(date),
    });
  }
  commands.push({ type: 'ConcludeCycle', resultingEdition: plan.resultingEdition, effectiveOn: dateOf(startYear + 1, 7, 1), ...on(after(1, 5)) });
  return commands;
};

const impasse = (
  articleKeys: readonly string[],
  unionCola: number,
  boardCola: number,
  after: (min: number, max: number) => string,
  on: (date: string) => { readonly occurredOn: string; readonly actor: string },
): BargainingCommand[] => {
  const position = (cola: number) => (articleKey: string) => ({ articleKey, text: articleKey.includes('salar') || articleKey === 'wages' ? `${cola / 100}% COLA plus step` : `${articleKey}: position as tabled` });
  return [
    { type: 'DeclareImpasse', requestedBy: 'union', articleKeys: [...articleKeys], ...on(after(10, 30)) },
    { type: 'RecordImpasseDetermination', reached: true, articleKeys: [...articleKeys], ...on(after(14, 21)) },
    { type: 'SelectMediator', mediator: 'FMCS mediator (alternate strike)', method: 'alternateStrike', panelSource: 'FMCS list of 7', ...on(after(2, 4)) },
    { type: 'SubmitLastBestOffer', side: 'union', items: articleKeys.map(position(unionCola)), ...on(after(1, 3)) },
    { type: 'SubmitLastBestOffer', side: 'board', items: articleKeys.map(position(boardCola)), ...on(after(0, 1)) },
    { type: 'StartMediation', ...on(after(2, 4)) },
  ];
};
