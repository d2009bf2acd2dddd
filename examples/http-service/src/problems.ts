/**
 * How the service answers when it does not do what was asked: one JSON body shape for every refusal,
 * `{ code, message, field?, rule?, details? }`, and the status that says whose move it is:
 * 400 the request is malformed (the field is named), 404 no such case or report, 409 the case changed since the
 * version the client read (or a concurrent write won), 422 the request is well formed but a business rule refuses it.
 */
import { CoreErrors, StoreUnavailable, WrongExpectedVersion, type DomainError } from '@laborcase/core';

export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly rule?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ProblemReply {
  readonly status: 400 | 404 | 409 | 422 | 500 | 503;
  readonly body: Problem;
}

/** A request the service refuses before anything reaches a domain service. */
export class RequestRefused extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly problem: Problem,
  ) {
    super(problem.message);
  }
}

export const badRequest = (field: string, message: string): RequestRefused => new RequestRefused(400, { code: 'InvalidRequest', field, message: `${field}: ${message}` });
export const notFound = (code: string, message: string): RequestRefused => new RequestRefused(404, { code, message });

/** Stream states no caller can fix by changing the request: an operator must look (quarantine, broken chain). */
const STORE_PROBLEMS: readonly string[] = [CoreErrors.streamHasQuarantinedEvents, CoreErrors.streamCorrupted];

/** A service's `Left`: malformed input is 400, an unreadable stream 500, anything else a business refusal (422). */
export const fromDomainError = (error: DomainError): ProblemReply => {
  const status = error.code === CoreErrors.invalidCommand ? 400 : STORE_PROBLEMS.includes(error.code) ? 500 : 422;
  return { status, body: error };
};

/** A thrown error: the port's version conflict is 409, an unreachable store 503, the rest 500 without internals. */
export const fromThrown = (error: unknown): ProblemReply => {
  if (error instanceof RequestRefused) return { status: error.status, body: error.problem };
  if (error instanceof WrongExpectedVersion) {
    return {
      status: 409,
      body: { code: error.code, message: `the case changed: ${error.message}; read it again and retry`, details: { streamId: error.streamId, expected: error.expected, actual: error.actual } },
    };
  }
  if (error instanceof StoreUnavailable) return { status: 503, body: { code: error.code, message: 'the event store is unavailable; retry later' } };
  return { status: 500, body: { code: 'InternalError', message: 'the service failed; see its log' } };
};
