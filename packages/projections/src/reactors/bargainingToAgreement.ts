/**
 * Bargaining cycle → agreement commands: the domain's bargaining → agreement process manager as a reactor. On a
 * cycle's opening, funding shortfall or conclusion it reads the cycle up to that event and the base edition as
 * it stands, maps the event (`agreementCommandsForBargainingEvent`) and sends the agreement handler each command
 * not yet in its target stream. The process manager's command ids are stable (built from the cycle and the
 * command's purpose) and become the events' causation ids, so a redelivered event, or a crash between two
 * commands, never applies one twice: what the target stream already caused is skipped.
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import { loadReadableStream, readDecoded, type Actor, type CodecRegistry, type CommandHandler, type EventStore } from '@laborcase/core';
import { agreementDecider, agreementStreamId, type AgreementCommand, type AgreementState } from '@laborcase/domain/agreement';
import type { BargainingEvent } from '@laborcase/domain/bargaining';
import {
  agreementCommandsForBargainingEvent,
  editionIdOf,
  undeliveredCommands,
  type CycleAgreementCommand,
  type CycleToAgreementContext,
  type OpenedCycle,
} from '@laborcase/domain/bargaining-to-agreement';
import { InvalidProjection, ReactorCommandRejected } from '../errors.js';
import type { Reactor, ReactorEvent } from '../reactor.js';
import { accepted, requireOptions } from './shared.js';

export const BARGAINING_TO_AGREEMENT_TYPES = ['CycleOpened', 'SettlementFundingShortfallRecorded', 'CycleConcluded'] as const;

export type MapCycleEventToAgreement = {
  readonly type: 'MapCycleEventToAgreement';
  readonly cycleEventId: string;
};

/** What a cycle's events do not say: the fiscal year it settles and, for a successor, the new edition's terms. */
export type CycleContext = Omit<CycleToAgreementContext, 'baseEdition'>;

export interface BargainingToAgreementOptions {
  readonly eventStore: EventStore;
  /** Must decode the bargaining and agreement events (`createDomainRegistry()`). */
  readonly registry: CodecRegistry;
  /** The agreement's command handler: `commandHandler({ store, registry, decider: agreementDecider, newId, commandCodec: AgreementCommandCodec })`. */
  readonly agreement: CommandHandler<AgreementCommand, AgreementState>;
  /** Recorded as the provenance of every agreement command. */
  readonly actor: Actor;
  /** The context of a cycle, from its `CycleOpened` (e.g. its fiscal year from the application's records). */
  readonly cycleContext: (cycle: OpenedCycle) => CycleContext | Promise<CycleContext>;
  /** Names the reactor's checkpoint and command ids (default `bargain_to_agree`). */
  readonly name?: string;
}

/** The cycle's `CycleOpened` and the event `event` is, read from the cycle's stream. */
const cycleUpTo = async (eventStore: EventStore, registry: CodecRegistry, event: ReactorEvent): Promise<{ opened: OpenedCycle; current: BargainingEvent }> => {
  let opened: OpenedCycle | undefined;
  for await (const decoded of readDecoded(eventStore, registry, event.streamId)) {
    if (decoded.kind !== 'event') throw new InvalidProjection('cycle', `${event.streamId} v${decoded.record.streamVersion} is unreadable: ${decoded.reason}`);
    const current = { type: decoded.type, data: decoded.data } as BargainingEvent;
    if (current.type === 'CycleOpened') opened = current.data;
    if (decoded.record.eventId !== event.eventId) continue;
    if (opened === undefined) throw new InvalidProjection('cycle', `${event.streamId} has no CycleOpened before ${event.type}`);
    return { opened, current };
  }
  throw new InvalidProjection('cycleEventId', `${event.eventId} is not in ${event.streamId}`);
};

/** The causation ids already recorded on the commands' target streams. */
const handledIn = async (eventStore: EventStore, commands: readonly CycleAgreementCommand[]): Promise<Set<string>> => {
  const handled = new Set<string>();
  for (const streamId of new Set(commands.map((c) => c.streamId))) {
    for await (const stored of eventStore.readStream(streamId)) handled.add(stored.metadata.causationId);
  }
  return handled;
};

export const bargainingToAgreementReactor = (options: BargainingToAgreementOptions): Reactor<MapCycleEventToAgreement> => {
  requireOptions(options, ['eventStore', 'registry', 'actor'], []);
  for (const field of ['agreement', 'cycleContext'] as const) if (typeof options[field] !== 'function') throw new InvalidProjection(field, 'must be a function');
  const { eventStore, registry, agreement, actor, cycleContext } = options;
  const name = options.name ?? 'bargain_to_agree';
  return {
    name,
    eventTypes: BARGAINING_TO_AGREEMENT_TYPES,
    react: (event) => [{ type: 'MapCycleEventToAgreement', cycleEventId: event.eventId }],
    async dispatch(_command, { commandId, event }) {
      const { opened, current } = await cycleUpTo(eventStore, registry, event);
      const reference = current.type === 'CycleConcluded' ? current.data.baseEdition : opened.agreementEdition;
      const editionStream = agreementStreamId(opened.unitId, editionIdOf(opened.unitId, reference));
      const base = await accepted(name, commandId, loadReadableStream(eventStore, registry, editionStream, agreementDecider.evolve, agreementDecider.initialState));
      const mapped = agreementCommandsForBargainingEvent(current, { ...(await cycleContext(opened)), baseEdition: base.state }, opened);
      if (isLeft(mapped)) throw new ReactorCommandRejected(name, commandId, mapped.left);
      for (const routed of undeliveredCommands(mapped.right, await handledIn(eventStore, mapped.right))) {
        const context = { provenance: actor, effectiveOn: routed.effectiveOn, commandId: routed.commandId, correlationId: event.eventId };
        await accepted(name, routed.commandId, agreement(routed.streamId, routed.command, context));
      }
    },
  };
};
