/**
 * The employee-relations application service: one operation per case command, `(caseId, input, actor, options?)`,
 * and `get(caseId)`. The service names the stream (`ercase-{caseId}`) and dates each event by the command's
 * `occurredOn`. It reads and writes through the `EventStore` port only.
 */
import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import {
  commandHandler,
  correctionEventDefinitions,
  createCodecRegistry,
  decodeCommand,
  loadReadableStream,
  serviceOperation,
  type CodecRegistry,
  type DomainError,
  type EventStore,
  handlerSettings,
  type ServiceHandlerOptions,
  type ServiceOperation,
} from '@laborcase/core';
import {
  AppealFindingsInput,
  CaseId,
  CloseCaseInput,
  DecideFindingsAppealInput,
  EmployeeRelationsCommand,
  ImposeDisciplineInput,
  IssueFindingsInput,
  OpenInvestigationInput,
  ReceiveComplaintInput,
  RecordInterviewInput,
  ReopenCaseInput,
  TakeInterimActionInput,
  TriageComplaintInput,
} from './commands.js';
import { employeeRelationsCaseDecider } from './decide/index.js';
import { employeeRelationsEventDefinitions, type EmployeeRelationsEvent } from './events.js';
import type { EmployeeRelationsState } from './state.js';
import { employeeRelationsStreamId } from './streamId.js';

export interface EmployeeRelationsServiceOptions extends ServiceHandlerOptions {
  readonly store: EventStore;
  /** Decodes the stream's records; defaults to the case's event types and corrections. */
  readonly registry?: CodecRegistry;
  /** Event ids and default command ids; they must be UUIDs. */
  readonly newId: () => string;
}

type Operation<Input> = ServiceOperation<string, Input, EmployeeRelationsState>;

export interface EmployeeRelationsService {
  readonly receiveComplaint: Operation<ReceiveComplaintInput>;
  readonly triageComplaint: Operation<TriageComplaintInput>;
  readonly openInvestigation: Operation<OpenInvestigationInput>;
  readonly takeInterimAction: Operation<TakeInterimActionInput>;
  readonly recordInterview: Operation<RecordInterviewInput>;
  readonly issueFindings: Operation<IssueFindingsInput>;
  readonly imposeDiscipline: Operation<ImposeDisciplineInput>;
  readonly appealFindings: Operation<AppealFindingsInput>;
  readonly decideFindingsAppeal: Operation<DecideFindingsAppealInput>;
  readonly closeCase: Operation<CloseCaseInput>;
  readonly reopenCase: Operation<ReopenCaseInput>;
  /** The case's state, corrections applied (`{ status: 'none' }` when no complaint was received). */
  readonly get: (caseId: string) => Promise<Either<DomainError, EmployeeRelationsState>>;
}

export const createEmployeeRelationsService = (options: EmployeeRelationsServiceOptions): EmployeeRelationsService => {
  const { store, newId } = options;
  const registry = options.registry ?? createCodecRegistry([...correctionEventDefinitions, ...employeeRelationsEventDefinitions]);
  const handler = commandHandler({
    store,
    registry,
    decider: employeeRelationsCaseDecider,
    newId,
    commandCodec: EmployeeRelationsCommand,
    ...handlerSettings(options),
  });

  const operation = <Input extends { readonly occurredOn: string }>(
    name: string,
    input: t.Decoder<unknown, Input>,
    toCommand: (caseId: string, input: Input) => EmployeeRelationsCommand,
  ): Operation<Input> => {
    return serviceOperation<string, Input, EmployeeRelationsCommand, EmployeeRelationsState>({
      name: `employeeRelations.${name}`,
      id: CaseId,
      idField: 'caseId',
      input,
      handler,
      plan: (caseId, decoded) => right({ streamId: employeeRelationsStreamId(caseId), command: toCommand(caseId, decoded), effectiveOn: decoded.occurredOn }),
    });
  };

  return {
    receiveComplaint: operation('receiveComplaint', ReceiveComplaintInput, (caseId, input) => ({ type: 'ReceiveComplaint', caseId, ...input })),
    triageComplaint: operation('triageComplaint', TriageComplaintInput, (_caseId, input) => ({ type: 'TriageComplaint', ...input })),
    openInvestigation: operation('openInvestigation', OpenInvestigationInput, (_caseId, input) => ({ type: 'OpenInvestigation', ...input })),
    takeInterimAction: operation('takeInterimAction', TakeInterimActionInput, (_caseId, input) => ({ type: 'TakeInterimAction', ...input })),
    recordInterview: operation('recordInterview', RecordInterviewInput, (_caseId, input) => ({ type: 'RecordInterview', ...input })),
    issueFindings: operation('issueFindings', IssueFindingsInput, (_caseId, input) => ({ type: 'IssueFindings', ...input })),
    imposeDiscipline: operation('imposeDiscipline', ImposeDisciplineInput, (_caseId, input) => ({ type: 'ImposeDiscipline', ...input })),
    appealFindings: operation('appealFindings', AppealFindingsInput, (_caseId, input) => ({ type: 'AppealFindings', ...input })),
    decideFindingsAppeal: operation('decideFindingsAppeal', DecideFindingsAppealInput, (_caseId, input) => ({ type: 'DecideFindingsAppeal', ...input })),
    closeCase: operation('closeCase', CloseCaseInput, (_caseId, input) => ({ type: 'CloseCase', ...input })),
    reopenCase: operation('reopenCase', ReopenCaseInput, (_caseId, input) => ({ type: 'ReopenCase', ...input })),
    get: async (caseId) => {
      const decoded = decodeCommand(CaseId, caseId, 'employeeRelations.get', 'caseId');
      if (isLeft(decoded)) return decoded;
      const streamId = employeeRelationsStreamId(decoded.right);
      const loaded = await loadReadableStream<EmployeeRelationsState, EmployeeRelationsEvent>(
        store,
        registry,
        streamId,
        employeeRelationsCaseDecider.evolve,
        employeeRelationsCaseDecider.initialState,
      );
      return isLeft(loaded) ? loaded : right(loaded.right.state);
    },
  };
};
