/**
 * The command routes: one per grievance service operation the case tracker offers, each `POST` with the
 * operation's input as the JSON body. The route table is what the router and the OpenAPI document are built from.
 */
import {
  AgreeExtensionInput,
  AppealToNextStepInput,
  FileGrievanceInput,
  RecordStepAnswerInput,
  ScheduleStepMeetingInput,
  SettleGrievanceInput,
  WithdrawGrievanceInput,
  type GrievanceService,
} from '@laborcase/domain/grievance';
import type * as t from 'io-ts';
import * as S from './schemas.js';

export interface CommandRoute {
  /** The OpenAPI operation id. */
  readonly operationId: string;
  readonly method: 'POST';
  /** Under `/grievances/{grievanceId}`; '' is the case itself (filing). */
  readonly path: string;
  readonly summary: string;
  readonly operation: keyof Omit<GrievanceService, 'get'>;
  /** The codec the service validates the body with (the route passes the body through; the schema describes it). */
  readonly input: t.Decoder<unknown, unknown>;
  readonly body: S.BodySchema;
  /** 201 when the request creates the case. */
  readonly successStatus: 200 | 201;
}

export const COMMAND_ROUTES: readonly CommandRoute[] = [
  { operationId: 'fileGrievance', method: 'POST', path: '', summary: 'File a grievance', operation: 'file', input: FileGrievanceInput, body: S.fileGrievanceBody, successStatus: 201 },
  { operationId: 'scheduleMeeting', method: 'POST', path: '/meetings', summary: 'Schedule the current step’s meeting', operation: 'scheduleMeeting', input: ScheduleStepMeetingInput, body: S.scheduleMeetingBody, successStatus: 200 },
  { operationId: 'answerStep', method: 'POST', path: '/answers', summary: 'Record the answer to a step', operation: 'answer', input: RecordStepAnswerInput, body: S.answerBody, successStatus: 200 },
  { operationId: 'appeal', method: 'POST', path: '/appeals', summary: 'Appeal to the next step', operation: 'appeal', input: AppealToNextStepInput, body: S.appealBody, successStatus: 200 },
  { operationId: 'extendDeadline', method: 'POST', path: '/extensions', summary: 'Record a mutually agreed extension', operation: 'extend', input: AgreeExtensionInput, body: S.extensionBody, successStatus: 200 },
  { operationId: 'withdraw', method: 'POST', path: '/withdrawal', summary: 'Withdraw the grievance', operation: 'withdraw', input: WithdrawGrievanceInput, body: S.withdrawalBody, successStatus: 200 },
  { operationId: 'settle', method: 'POST', path: '/settlement', summary: 'Settle the grievance', operation: 'settle', input: SettleGrievanceInput, body: S.settlementBody, successStatus: 200 },
];
