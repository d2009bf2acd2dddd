import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  checkedString,
  commandHandler,
  decodeCommand,
  loadReadableStream,
  serviceOperation,
  strictCommand,
  type CodecRegistry,
  type DomainError,
  type EventStore,
  handlerSettings,
  type ServiceHandlerOptions,
  type ServiceOperation,
} from '@laborcase/core';
import { createDomainRegistry } from '../domainRegistry.js';
import { BargainingCommandCodec, bargainingCommandInputs, type BargainingCommand, type BargainingCommandInput, type BargainingCommandType } from './commands.js';
import { bargainingCycleDecider } from './decide/index.js';
import type { BargainingEvent } from './events.js';
import { bargainingHistory, type BargainingHistory } from './history.js';
import type { BargainingState } from './state.js';
import { bargainingStreamId } from './streamId.js';

// The stream id joins unit and cycle with '-', so a unit id has none: two references never share a stream.
const BargainingUnitId = checkedString('BargainingUnitId (letters, digits, "_" or ".", up to 64)', (s) => /^[A-Za-z0-9][A-Za-z0-9_.]{0,63}$/.test(s));
const BargainingCycleId = checkedString('BargainingCycleId (letters, digits, "_", "." or "-", up to 128)', (s) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(s));

/** Which cycle a call is about: the bargaining unit and the cycle within it (stream `bargaining-{unitId}-{cycleId}`). */
export const BargainingCycleRef = strictCommand('BargainingCycleRef', { unitId: BargainingUnitId, cycleId: BargainingCycleId });
export type BargainingCycleRef = t.TypeOf<typeof BargainingCycleRef>;


export interface BargainingServiceOptions extends ServiceHandlerOptions {
  readonly store: EventStore;
  /** Defaults to `createDomainRegistry()`. */
  readonly registry?: CodecRegistry;
  readonly newId: () => string;
}

/** One operation per bargaining command, named after it: `TableProposal` → `tableProposal`. */
export type BargainingOperations = {
  readonly [T in BargainingCommandType as Uncapitalize<T>]: ServiceOperation<BargainingCycleRef, BargainingCommandInput<T>, BargainingState>;
};

export interface BargainingService extends BargainingOperations {
  /** The cycle's state (`notOpened` for a cycle never opened). */
  readonly get: (cycle: BargainingCycleRef) => Promise<Either<DomainError, BargainingState>>;
  /** Per-article history and milestones, as an arbitrator reading the bargaining record needs them. */
  readonly history: (cycle: BargainingCycleRef) => Promise<Either<DomainError, BargainingHistory>>;
}

const operationName = (type: BargainingCommandType): string => `${type.charAt(0).toLowerCase()}${type.slice(1)}`;

/**
 * The BargainingCycle application service. Each operation validates the cycle reference, the actor and the
 * input (a malformed call is `Left InvalidCommand` naming the field and writes nothing), builds the decider's
 * command (the input, its `type`, the actor's id as the recording actor and, to open a cycle, the reference),
 * and appends on `bargaining-{unitId}-{cycleId}` with the command's `occurredOn` as the events' `effectiveOn`.
 */
export const createBargainingService = (options: BargainingServiceOptions): BargainingService => {
  const { store, newId } = options;
  const registry = options.registry ?? createDomainRegistry();
  const handler = commandHandler({ store, registry, decider: bargainingCycleDecider, newId, ...handlerSettings(options) });

  const operation = <T extends BargainingCommandType>(type: T): ServiceOperation<BargainingCycleRef, BargainingCommandInput<T>, BargainingState> => {
    const name = `bargaining.${operationName(type)}`;
    return serviceOperation<BargainingCycleRef, BargainingCommandInput<T>, BargainingCommand, BargainingState>({
      name,
      id: BargainingCycleRef,
      idField: 'cycle',
      input: bargainingCommandInputs[type],
      handler,
      plan: ({ unitId, cycleId }, decoded, actor) => {
        const identity = type === 'OpenCycle' ? { unitId, cycleId } : {};
        const command = decodeCommand(BargainingCommandCodec, { ...decoded, ...identity, type, actor: actor.actorId }, name);
        return isLeft(command) ? command : right({ streamId: bargainingStreamId(unitId, cycleId), command: command.right, effectiveOn: command.right.occurredOn });
      },
    });
  };

  const load = async <S>(cycle: unknown, what: string, evolve: (state: S, event: BargainingEvent) => S, initial: S): Promise<Either<DomainError, S>> => {
    const ref = decodeCommand(BargainingCycleRef, cycle, `bargaining.${what}`, 'cycle');
    if (isLeft(ref)) return ref;
    const streamId = bargainingStreamId(ref.right.unitId, ref.right.cycleId);
    const loaded = await loadReadableStream(store, registry, streamId, evolve, initial);
    return isLeft(loaded) ? loaded : right(loaded.right.state);
  };

  return {
    openCycle: operation('OpenCycle'),
    tableProposal: operation('TableProposal'),
    tableCounter: operation('TableCounter'),
    tablePackage: operation('TablePackage'),
    withdrawProposal: operation('WithdrawProposal'),
    withdrawPackage: operation('WithdrawPackage'),
    reachTentativeAgreement: operation('ReachTentativeAgreement'),
    revokeTentativeAgreement: operation('RevokeTentativeAgreement'),
    reachTentativeSettlement: operation('ReachTentativeSettlement'),
    declareImpasse: operation('DeclareImpasse'),
    recordImpasseDetermination: operation('RecordImpasseDetermination'),
    submitLastBestOffer: operation('SubmitLastBestOffer'),
    selectMediator: operation('SelectMediator'),
    startMediation: operation('StartMediation'),
    recordRatificationVote: operation('RecordRatificationVote'),
    recordBoardApproval: operation('RecordBoardApproval'),
    recordFundingDecision: operation('RecordFundingDecision'),
    concludeCycle: operation('ConcludeCycle'),
    get: (cycle) => load(cycle, 'get', bargainingCycleDecider.evolve, bargainingCycleDecider.initialState),
    history: async (cycle) => {
      const collect = (all: BargainingEvent[], event: BargainingEvent): BargainingEvent[] => {
        all.push(event);
        return all;
      };
      const events = await load(cycle, 'history', collect, []);
      return isLeft(events) ? events : right(bargainingHistory(events.right));
    },
  };
};
