/**
 * JSON Schemas of the request bodies, for the OpenAPI document. The service's codecs (`…Input` in
 * `@laborcase/domain`) are what validates a request; these describe the same shapes to API clients. The core
 * codecs are opaque io-ts types (`strictCommand`, `taggedUnion`, `checkedString` keep their structure in
 * closures), so no converter can read them; the enumerations are taken from the codecs themselves, and
 * `openapi.test.ts` checks each schema against its codec (its example is accepted; each required field, missing,
 * is refused under its own name; an unknown field is refused).
 */
import { ClosureScope } from '@laborcase/domain/calendar';
import { SettlementType, StepDisposition } from '@laborcase/domain/grievance';

export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

const enumOf = (codec: { readonly keys: object }, description: string): JsonSchema => ({ type: 'string', enum: Object.keys(codec.keys), description });
const date = (description: string): JsonSchema => ({ type: 'string', format: 'date', description });
const text = (maxLength: number, description: string): JsonSchema => ({ type: 'string', minLength: 1, maxLength, description });
const identifier = (description: string): JsonSchema => text(120, description);
const list = (items: JsonSchema, maxItems: number, description: string): JsonSchema => ({ type: 'array', items, maxItems, description });

/** An object schema: no field outside `required` and `optional`, as the codecs refuse unknown fields. */
const object = (required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}, example?: unknown): JsonSchema => ({
  type: 'object',
  required: Object.keys(required),
  properties: { ...required, ...optional },
  additionalProperties: false,
  ...(example === undefined ? {} : { example }),
});

const grievant: JsonSchema = {
  description: 'Who grieves, told apart by `kind`',
  oneOf: [
    object({ kind: { const: 'individual' }, employeeIds: list(identifier('an employee id'), 200, 'the grievants') }),
    object({ kind: { const: 'class' }, memberCount: { type: 'integer', minimum: 0 }, description: text(4000, 'who the class is') }),
    object({ kind: { const: 'association' } }),
  ],
};

export interface BodySchema {
  readonly schema: JsonSchema;
  /** A body the codec accepts (the tests send it). */
  readonly example: Record<string, unknown>;
}

const body = (required: Record<string, JsonSchema>, optional: Record<string, JsonSchema>, example: Record<string, unknown>): BodySchema => ({
  schema: object(required, optional, example),
  example,
});

export const fileGrievanceBody = body(
  {
    grievant,
    agreement: object({ unitId: identifier('the bargaining unit, e.g. ecea'), editionId: identifier('the edition, e.g. 2024-2027') }),
    articleKeys: list(identifier('a stable article key'), 50, 'the articles the grievance cites'),
    occurredOn: date('when the act grieved occurred'),
    filedOn: date('when the grievance was filed'),
    remedySought: text(4000, 'the remedy asked for'),
  },
  {
    discoveredOn: date('when the grievant knew or should have known'),
    continuingViolation: { type: 'boolean' },
    schoolIds: list(identifier('a school id'), 100, 'the schools concerned'),
  },
  {
    grievant: { kind: 'individual', employeeIds: ['E-10233'] },
    agreement: { unitId: 'ecea', editionId: '2024-2027' },
    articleKeys: ['planning-time'],
    occurredOn: '2025-10-06',
    filedOn: '2025-10-21',
    remedySought: 'Restore the contractual planning period',
  },
);

export const scheduleMeetingBody = body(
  { stepId: identifier('the step, e.g. step-1'), meetingOn: date('the meeting date'), scheduledOn: date('when it was scheduled') },
  {},
  { stepId: 'step-1', meetingOn: '2025-10-28', scheduledOn: '2025-10-22' },
);

export const answerBody = body(
  { stepId: identifier('the step answered'), disposition: enumOf(StepDisposition, 'the answer'), answeredOn: date('the answer date'), reason: text(4000, 'why') },
  {},
  { stepId: 'step-1', disposition: 'denied', answeredOn: '2025-11-03', reason: 'Planning time was provided' },
);

export const appealBody = body({ fromStepId: identifier('the step appealed from'), appealedOn: date('the appeal date') }, {}, { fromStepId: 'step-1', appealedOn: '2025-11-07' });

export const extensionBody = body(
  {
    deadlineId: text(400, 'the deadline, `{grievanceId}/{stepId}/{kind}`'),
    newDueOn: date('the agreed due date'),
    agreedOn: date('when both sides agreed'),
    signedBy: object({}, { association: { type: 'string', maxLength: 4000 }, management: { type: 'string', maxLength: 4000 } }),
  },
  {},
  { deadlineId: 'G-25-001/step-1/answer', newDueOn: '2025-11-14', agreedOn: '2025-11-03', signedBy: { association: 'rep-4', management: 'lr-clerk-3' } },
);

export const withdrawalBody = body({ withdrawnOn: date('the withdrawal date'), reason: text(4000, 'why') }, {}, { withdrawnOn: '2025-11-10', reason: 'Resolved informally' });

export const settlementBody = body(
  { settledOn: date('the settlement date'), settlementType: enumOf(SettlementType, 'what kind'), terms: text(4000, 'the terms') },
  { amountCents: { type: 'integer', minimum: 0 } },
  { settledOn: '2025-11-12', settlementType: 'nonMonetary', terms: 'Planning period restored from 2025-11-17' },
);

export const closureBody = body(
  { date: date('the day closed'), scope: enumOf(ClosureScope, 'what closes'), reason: { type: 'string', minLength: 1, description: 'why' }, declaredOn: date('when it was declared') },
  {},
  { date: '2026-01-27', scope: 'schoolsAndOffices', reason: 'Snow', declaredOn: '2026-01-26' },
);

