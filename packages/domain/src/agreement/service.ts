/**
 * The Agreement application service: one operation per agreement command, `importEdition` for an edition kept as
 * a JSON document, and the reads other services need. Every call is validated first (a malformed one is `Left
 * InvalidCommand` naming the field, and nothing is read or written); the service owns the stream ids.
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  IsoDate,
  WrongExpectedVersion,
  commandHandler,
  correctionEventDefinitions,
  createCodecRegistry,
  decodeCommand,
  loadReadableStream,
  loadStream,
  unreadableStream,
  serviceOperation,
  strictCommand,
  type CallOptions,
  type CodecRegistry,
  type CommandHandler,
  type CommandResult,
  type DomainError,
  type EventStore,
  type NewEvent,
  handlerSettings,
  type RetryPolicy,
  type ServiceHandlerOptions,
  type ServiceOperation,
} from '@laborcase/core';
import * as C from './commands.js';
import { decideAgreement, agreementDecider } from './decide/index.js';
import { AgreementEditionDocument, editionCommands, type EditionStep } from './editionDocument.js';
import { Slug, agreementEventDefinitions } from './events.js';
import { editionInForceOn } from './queries.js';
import { evolveAgreement, initialAgreementState, type AgreementState, type RegisteredAgreement } from './state.js';
import { agreementStreamId } from './streamId.js';

/** Which agreement a call is about: one edition of one bargaining unit's agreement. */
export const AgreementRef = strictCommand('AgreementRef', { unitId: Slug, editionId: Slug });
export type AgreementRef = t.TypeOf<typeof AgreementRef>;

export interface AgreementServiceOptions extends ServiceHandlerOptions {
  readonly store: EventStore;
  /** Decodes agreement streams. Defaults to the agreement and correction event definitions. */
  readonly registry?: CodecRegistry;
  readonly newId: () => string;
}

type Operation<Input> = ServiceOperation<AgreementRef, Input, AgreementState>;
type Actor = Parameters<Operation<unknown>>[2];

export interface AgreementService {
  readonly registerEdition: Operation<C.RegisterAgreementEditionInput>;
  readonly recordMemberRatification: Operation<C.RecordMemberRatificationInput>;
  readonly recordBoardApproval: Operation<C.RecordBoardApprovalInput>;
  readonly putIntoEffect: Operation<C.PutAgreementIntoEffectInput>;
  readonly expire: Operation<C.ExpireAgreementInput>;
  readonly supersede: Operation<C.SupersedeAgreementInput>;
  readonly recordFundingShortfall: Operation<C.RecordFundingShortfallInput>;
  readonly confirmFunding: Operation<C.ConfirmFundingInput>;
  readonly amendArticle: Operation<C.AmendArticleInput>;
  readonly renumberArticle: Operation<C.RenumberArticleInput>;
  readonly addArticle: Operation<C.AddArticleInput>;
  readonly removeArticle: Operation<C.RemoveArticleInput>;
  readonly attachMou: Operation<C.AttachMouInput>;
  readonly setReopenerScope: Operation<C.SetReopenerScopeInput>;
  readonly amendGrievanceProcedure: Operation<C.AmendGrievanceProcedureInput>;
  /**
   * Record an edition document (see the README): validated as a whole, then every command decided before
   * anything is written, and all events appended at once, each with its own business date. A document the
   * decider rejects names the document field (`lifecycle.approvedOn`), and writes nothing.
   */
  readonly importEdition: (document: unknown, actor: Actor, options?: CallOptions) => Promise<Either<DomainError, CommandResult<AgreementState>>>;
  /** The edition's state, corrections applied (`unregistered` for an edition never recorded). */
  readonly get: (agreement: AgreementRef) => Promise<Either<DomainError, AgreementState>>;
  /** Of the named editions of `unitId`, the one that governs `date` (see the `editionInForceOn` query). */
  readonly editionInForceOn: (unitId: string, editionIds: readonly string[], date: string) => Promise<Either<DomainError, RegisteredAgreement>>;
}

export const createAgreementService = (options: AgreementServiceOptions): AgreementService => {
  const { store, newId, retry } = options;
  const registry = options.registry ?? createCodecRegistry([...correctionEventDefinitions, ...agreementEventDefinitions]);
  const handler = commandHandler({ store, registry, decider: agreementDecider, newId, commandCodec: C.AgreementCommandCodec, ...handlerSettings(options) });

  const operation = <Input>(
    name: string,
    input: t.Decoder<unknown, Input>,
    command: (input: Input, agreement: AgreementRef) => C.AgreementCommand,
    businessDate: (input: Input) => string,
  ): Operation<Input> =>
    serviceOperation({
      name: `agreement.${name}`,
      id: AgreementRef,
      idField: 'agreement',
      input,
      handler,
      plan: (agreement, decoded) =>
        right({ streamId: agreementStreamId(agreement.unitId, agreement.editionId), command: command(decoded, agreement), effectiveOn: businessDate(decoded) }),
    });

  const load = async (agreement: AgreementRef): Promise<Either<DomainError, AgreementState>> => {
    const streamId = agreementStreamId(agreement.unitId, agreement.editionId);
    const loaded = await loadReadableStream(store, registry, streamId, evolveAgreement, initialAgreementState);
    return isLeft(loaded) ? loaded : right(loaded.right.state);
  };

  const importEdition = serviceOperation({
    name: 'agreement.importEdition',
    id: AgreementEditionDocument,
    idField: '',
    input: t.undefined,
    handler: recordSteps(store, registry, newId, retry),
    plan: (document) =>
      right({
        streamId: agreementStreamId(document.unitId, document.editionId),
        command: editionCommands(document),
        effectiveOn: document.lifecycle.tentativelyAgreedOn,
      }),
  });

  return {
    registerEdition: operation('registerEdition', C.RegisterAgreementEditionInput, (input, { unitId, editionId }) => ({ type: 'RegisterAgreementEdition', unitId, editionId, ...input }), (i) => i.tentativelyAgreedOn),
    recordMemberRatification: operation('recordMemberRatification', C.RecordMemberRatificationInput, (i) => ({ type: 'RecordMemberRatification', ...i }), (i) => i.ratifiedOn),
    recordBoardApproval: operation('recordBoardApproval', C.RecordBoardApprovalInput, (i) => ({ type: 'RecordBoardApproval', ...i }), (i) => i.approvedOn),
    putIntoEffect: operation('putIntoEffect', C.PutAgreementIntoEffectInput, (i) => ({ type: 'PutAgreementIntoEffect', ...i }), (i) => i.effectiveOn),
    expire: operation('expire', C.ExpireAgreementInput, (i) => ({ type: 'ExpireAgreement', ...i }), (i) => i.expiredOn),
    supersede: operation('supersede', C.SupersedeAgreementInput, (i) => ({ type: 'SupersedeAgreement', ...i }), (i) => i.supersededOn),
    recordFundingShortfall: operation('recordFundingShortfall', C.RecordFundingShortfallInput, (i) => ({ type: 'RecordFundingShortfall', ...i }), (i) => i.recordedOn),
    confirmFunding: operation('confirmFunding', C.ConfirmFundingInput, (i) => ({ type: 'ConfirmFunding', ...i }), (i) => i.confirmedOn),
    amendArticle: operation('amendArticle', C.AmendArticleInput, (i) => ({ type: 'AmendArticle', ...i }), (i) => i.effectiveOn),
    renumberArticle: operation('renumberArticle', C.RenumberArticleInput, (i) => ({ type: 'RenumberArticle', ...i }), (i) => i.effectiveOn),
    addArticle: operation('addArticle', C.AddArticleInput, (i) => ({ type: 'AddArticle', ...i }), (i) => i.effectiveOn),
    removeArticle: operation('removeArticle', C.RemoveArticleInput, (i) => ({ type: 'RemoveArticle', ...i }), (i) => i.effectiveOn),
    attachMou: operation('attachMou', C.AttachMouInput, (i) => ({ type: 'AttachMou', ...i }), (i) => i.effectiveFrom),
    setReopenerScope: operation('setReopenerScope', C.SetReopenerScopeInput, ({ fiscalYear, articleKeys }) => ({ type: 'SetReopenerScope', fiscalYear, articleKeys }), (i) => i.setOn),
    amendGrievanceProcedure: operation('amendGrievanceProcedure', C.AmendGrievanceProcedureInput, (i) => ({ type: 'AmendGrievanceProcedure', ...i }), (i) => i.effectiveOn),
    // The operation decodes the document before anything else, whatever its static type.
    importEdition: (document, actor, callOptions) => importEdition(document as AgreementEditionDocument, undefined, actor, callOptions),
    get: async (agreement) => {
      const ref = decodeCommand(AgreementRef, agreement, 'agreement.get', 'agreement');
      return isLeft(ref) ? ref : load(ref.right);
    },
    editionInForceOn: async (unitId, editionIds, date) => {
      const query = decodeCommand(EditionQuery, { unitId, editionIds, date }, 'agreement.editionInForceOn');
      if (isLeft(query)) return query;
      const editions: AgreementState[] = [];
      for (const editionId of query.right.editionIds) {
        const loaded = await load({ unitId: query.right.unitId, editionId });
        if (isLeft(loaded)) return loaded;
        editions.push(loaded.right);
      }
      return editionInForceOn(editions, query.right.unitId, query.right.date);
    },
  };
};

const EditionQuery = strictCommand('EditionQuery', { unitId: Slug, editionIds: t.readonlyArray(Slug), date: IsoDate });

/**
 * The import's handler: decide every step on the state the previous ones leave, then append all their events in
 * one batch (all or nothing) with the loaded version as the expected version; each event keeps its step's date.
 */
const recordSteps =
  (store: EventStore, registry: CodecRegistry, newId: () => string, retry: RetryPolicy | undefined): CommandHandler<readonly EditionStep[], AgreementState> =>
  async (streamId, steps, context) => {
    const commandId = context.commandId ?? newId();
    const correlationId = context.correlationId ?? commandId;
    const maxAttempts = Math.max(1, Math.floor(retry?.maxAttempts ?? 1));
    for (let attempt = 1; ; attempt++) {
      const loaded = await loadStream(store, registry, streamId, evolveAgreement, initialAgreementState);
      if (loaded.quarantined.length > 0) return left(unreadableStream(streamId, loaded.quarantined));
      let state = loaded.state;
      const events: NewEvent[] = [];
      for (const step of steps) {
        const decision = decideAgreement(step.command, state);
        if (isLeft(decision)) {
          const field = step.documentField(decision.left.field);
          return left({ ...decision.left, ...(field === undefined ? {} : { field }) });
        }
        for (const event of decision.right) {
          state = evolveAgreement(state, event);
          const metadata = { provenance: context.provenance, correlationId, causationId: commandId, effectiveOn: step.effectiveOn };
          events.push({ eventId: newId(), type: event.type, data: event.data, metadata });
        }
      }
      try {
        const appended = await store.append(streamId, events, { expectedVersion: loaded.version });
        return right({ state, version: appended.nextExpectedVersion, events: appended.events, attempts: attempt });
      } catch (error) {
        if (error instanceof WrongExpectedVersion && attempt < maxAttempts) continue;
        throw error;
      }
    }
  };
