import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeActor, decodeCommand, strictCommand, type Actor } from '../codecs/commandCodec.js';
import { NonEmptyString } from '../codecs/primitives.js';
import type { DomainError } from '../kernel/domainError.js';
import type { CommandHandler, CommandResult, RetryPolicy } from './commandHandler.js';
import type { StateCacheOption } from './stateCache.js';

/** Per-call options of a service operation. */
export interface CallOptions {
  /** Identifies this command; every resulting event's `causationId`. Defaults to a new id. */
  readonly commandId?: string;
  /** Ties together everything done for one request or workflow. Defaults to the command id. */
  readonly correlationId?: string;
}

/** What a service operation resolved a call into: the stream, the decider's command and its business date. */
export interface PlannedCommand<Command> {
  readonly streamId: string;
  readonly command: Command;
  /** The business date the resulting events are about (derived from the input, never passed by callers). */
  readonly effectiveOn: string;
}

export interface OperationSpec<Id, Input, Command, State> {
  /** How the call is named in `InvalidCommand` messages, e.g. `grievance.file`. */
  readonly name: string;
  /** Codec of the aggregate id argument; issues are reported under `idField`. */
  readonly id: t.Decoder<unknown, Id>;
  readonly idField: string;
  /** Codec of the business input; issues are reported at their own paths (`grievant.kind`). */
  readonly input: t.Decoder<unknown, Input>;
  readonly handler: CommandHandler<Command, State>;
  /** Loads what the command needs (other aggregates' state, calendars) and builds it; may reject. */
  readonly plan: (id: Id, input: Input, actor: Actor) => Promise<Either<DomainError, PlannedCommand<Command>>> | Either<DomainError, PlannedCommand<Command>>;
}

/** A service operation as callers see it. Arguments are validated at run time whatever their static types. */
export type ServiceOperation<Id, Input, State> = (
  id: Id,
  input: Input,
  actor: Actor,
  options?: CallOptions,
) => Promise<Either<DomainError, CommandResult<State>>>;

/**
 * Build one service operation: validate the id, the actor and the input (a malformed call is `Left
 * InvalidCommand` naming the field, and writes nothing), let the plan load what the command needs, then run the
 * command handler. Store failures are thrown as the port's typed errors, as `commandHandler` does.
 */
export const serviceOperation =
  <Id, Input, Command, State>(spec: OperationSpec<Id, Input, Command, State>): ServiceOperation<Id, Input, State> =>
  async (id, input, actor, options) => {
    const decodedId = decodeCommand(spec.id, id, spec.name, spec.idField);
    if (isLeft(decodedId)) return decodedId;
    const decodedActor = decodeActor(actor);
    if (isLeft(decodedActor)) return decodedActor;
    const decodedInput = decodeCommand(spec.input, input, spec.name);
    if (isLeft(decodedInput)) return decodedInput;
    const callOptions = decodeCallOptions(options);
    if (isLeft(callOptions)) return callOptions;
    const planned = await spec.plan(decodedId.right, decodedInput.right, decodedActor.right);
    if (isLeft(planned)) return planned;
    return spec.handler(planned.right.streamId, planned.right.command, {
      provenance: decodedActor.right,
      effectiveOn: planned.right.effectiveOn,
      ...callOptions.right,
    });
  };

/** The codec of a service call's options. */
export const CallOptionsCodec = strictCommand('CallOptions', {}, { commandId: NonEmptyString, correlationId: NonEmptyString });

const decodeCallOptions = (options: unknown): Either<DomainError, CallOptions> =>
  options === undefined ? right({}) : decodeCommand(CallOptionsCodec, options, 'options', 'options');

/** The command-handler settings every domain service factory takes, passed on to its handler as they are. */
export interface ServiceHandlerOptions {
  /** Retries on a concurrent write to the aggregate's stream (default: one attempt). */
  readonly retry?: RetryPolicy;
  /** Keep folded states between commands (off by default): a `createStateCache(...)` or `{ maxEntries }`; see `HandlerOptions.cache`. */
  readonly cache?: StateCacheOption;
}

/** The `retry` and `cache` a service was given, to spread into its `commandHandler` options (absent ones left out). */
export const handlerSettings = (options: ServiceHandlerOptions): ServiceHandlerOptions => ({
  ...(options.retry === undefined ? {} : { retry: options.retry }),
  ...(options.cache === undefined ? {} : { cache: options.cache }),
});
