import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  IsoDate,
  NonEmptyString,
  decodeCommand,
  loadStream,
  unreadableStream,
  reject,
  strictCommand,
  type CodecRegistry,
  type DomainError,
  type EventStore,
  type LoadedStream,
} from '@laborcase/core';
import { FiscalYear, GrievanceProcedure, Reopener, agreementDecider, agreementStreamId } from '../agreement/index.js';
import { BargainingCycleRef, bargainingStreamId, type BargainingEvent } from '../bargaining/index.js';
import { createDomainRegistry } from '../domainRegistry.js';
import { editionIdOf, namesEditionOfUnit } from './baseEdition.js';
import { CycleToAgreementErrors as Errors } from './errors.js';
import { agreementCommandsForConcludedCycle } from './processManager.js';
import type { CycleAgreementCommand } from './types.js';

/** What the concluded cycle's events do not say: the fiscal year it settles and, for a successor, the new edition's terms. */
export const ConcludedCycleContext = strictCommand(
  'ConcludedCycleContext',
  { fiscalYear: FiscalYear },
  {
    successor: strictCommand(
      'SuccessorEditionTerms',
      { expiresOn: IsoDate },
      { title: NonEmptyString, reopeners: t.readonlyArray(Reopener), grievanceProcedure: GrievanceProcedure },
    ),
  },
);
export type ConcludedCycleContext = t.TypeOf<typeof ConcludedCycleContext>;

export interface BargainingToAgreementServiceOptions {
  readonly store: EventStore;
  /** Defaults to `createDomainRegistry()`. */
  readonly registry?: CodecRegistry;
}

export interface BargainingToAgreementService {
  /**
   * The agreement commands a concluded cycle maps to, against its base edition as its stream stands now. Reads
   * the two streams and writes nothing: the caller dispatches the commands (each carries its stream, business
   * date and a stable command id, so commands already handled can be skipped).
   */
  readonly agreementCommandsForConcludedCycle: (cycle: BargainingCycleRef, context: ConcludedCycleContext) => Promise<Either<DomainError, readonly CycleAgreementCommand[]>>;
}

const readable = <S>(streamId: string, loaded: LoadedStream<S>): Either<DomainError, S> =>
  loaded.quarantined.length === 0 ? right(loaded.state) : left(unreadableStream(streamId, loaded.quarantined));

export const createBargainingToAgreementService = (options: BargainingToAgreementServiceOptions): BargainingToAgreementService => {
  const { store } = options;
  const registry = options.registry ?? createDomainRegistry();
  const name = 'bargainingToAgreement.agreementCommandsForConcludedCycle';

  const concludedEvent = async (ref: BargainingCycleRef) => {
    const streamId = bargainingStreamId(ref.unitId, ref.cycleId);
    const lastConclusion = (found: BargainingEvent | undefined, event: BargainingEvent) => (event.type === 'CycleConcluded' ? event : found);
    return readable(streamId, await loadStream<BargainingEvent | undefined, BargainingEvent>(store, registry, streamId, lastConclusion, undefined));
  };

  return {
    agreementCommandsForConcludedCycle: async (cycle, context) => {
      const ref = decodeCommand(BargainingCycleRef, cycle, name, 'cycle');
      if (isLeft(ref)) return ref;
      const decodedContext = decodeCommand(ConcludedCycleContext, context, name, 'context');
      if (isLeft(decodedContext)) return decodedContext;
      const concluded = await concludedEvent(ref.right);
      if (isLeft(concluded)) return concluded;
      const event = concluded.right;
      if (event?.type !== 'CycleConcluded') {
        return reject(Errors.cycleNotConcluded, `cycle ${ref.right.unitId}/${ref.right.cycleId} has not concluded`, 'a cycle amends its agreement once it concludes', 'cycle');
      }
      const failure = namesEditionOfUnit(event.data.unitId, event.data.baseEdition, 'baseEdition');
      if (failure !== undefined) return failure;
      const editionStream = agreementStreamId(event.data.unitId, editionIdOf(event.data.unitId, event.data.baseEdition));
      const base = readable(editionStream, await loadStream(store, registry, editionStream, agreementDecider.evolve, agreementDecider.initialState));
      if (isLeft(base)) return base;
      return agreementCommandsForConcludedCycle(event.data, { ...decodedContext.right, baseEdition: base.right });
    },
  };
};
