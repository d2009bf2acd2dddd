/** The OpenAPI 3.1 document of the API, built from the route table and the body schemas (served at `/openapi.json`). */
import { COMMAND_ROUTES } from './commands.js';
import { DEFAULT_SCHOOL_DAYS } from '@laborcase/projections/labor';
import { REPORTS } from './reports.js';
import { closureBody, type JsonSchema } from './schemas.js';

const problem: JsonSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string', description: 'the offending field, e.g. `filedOn` or `grievant.kind`' }, rule: { type: 'string' }, details: { type: 'object' } },
};
const problemResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const caseResponse = (description: string) => ({
  description,
  headers: { ETag: { description: 'the case’s stream version; send it back as If-Match', schema: { type: 'string' } } },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Case' } } },
});

const actorHeaders = [
  { name: 'X-Actor-Id', in: 'header', required: true, schema: { type: 'string' }, description: 'who acts (recorded in every event)' },
  { name: 'X-Actor-Role', in: 'header', required: true, schema: { type: 'string' }, description: 'in which role, e.g. association-rep' },
  { name: 'X-On-Behalf-Of', in: 'header', required: false, schema: { type: 'string' } },
];
const grievanceIdParameter = { name: 'grievanceId', in: 'path', required: true, schema: { type: 'string', maxLength: 120 } };
const ifMatch = { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'the ETag read: the command is refused (409) if the case has changed since' };
const asOfParameters = [
  { name: 'asEffectiveOn', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: 'only facts dated on or before this business date' },
  { name: 'asKnownAt', in: 'query', required: false, schema: { type: 'string', format: 'date-time' }, description: 'only facts recorded by this instant' },
];

const caseSchema: JsonSchema = {
  type: 'object',
  required: ['grievanceId', 'version', 'asOf', 'status', 'deadlines'],
  properties: {
    grievanceId: { type: 'string' },
    version: { type: ['integer', 'null'] },
    asOf: { type: 'object', properties: { effectiveOn: { type: ['string', 'null'] }, knownAt: { type: ['string', 'null'] } } },
    status: { type: 'string', enum: ['open', 'inAbeyance', 'closed'] },
    case: { type: 'object', description: 'the case as its stream says: grievant, articles, stage, closure' },
    deadlines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          deadlineId: { type: 'string' },
          kind: { type: 'string' },
          party: { type: 'string', description: 'who owes it' },
          stepId: { type: 'string' },
          dueOn: { type: 'string', format: 'date' },
          status: { type: 'string', enum: ['open', 'tolled', 'met', 'missed', 'moot'] },
          extended: { type: 'boolean' },
          rule: { type: 'object', description: 'the rule and calendar version it was counted by' },
        },
      },
    },
  },
};

const commandPaths = () => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of COMMAND_ROUTES) {
    const path = `/grievances/{grievanceId}${route.path}`;
    paths[path] = {
      ...paths[path],
      post: {
        operationId: route.operationId,
        summary: route.summary,
        parameters: [grievanceIdParameter, ...actorHeaders, ifMatch],
        requestBody: { required: true, content: { 'application/json': { schema: route.body.schema } } },
        responses: {
          [route.successStatus]: caseResponse('the case after the command'),
          400: problemResponse('malformed: `field` names what to fix'),
          409: problemResponse('the case changed since the If-Match version, or a concurrent write won'),
          422: problemResponse('refused by a business rule: `code` and `rule` say which'),
        },
      },
    };
  }
  return paths;
};

export const buildOpenApi = () => {
  const commands = commandPaths();
  return {
  openapi: '3.1.0',
  info: { title: 'laborcase example case tracker', version: '0.1.0', description: 'Grievances of Example County Public Schools through the laborcase services.' },
  paths: {
    ...commands,
    // The filing is a POST on the case's own path: the GET joins it.
    '/grievances/{grievanceId}': {
      ...commands['/grievances/{grievanceId}'],
      get: {
        operationId: 'getCase',
        summary: 'A case with its deadlines, now or as of either axis',
        parameters: [grievanceIdParameter, ...asOfParameters],
        responses: { 200: caseResponse('the case'), 400: problemResponse('a malformed axis'), 404: problemResponse('no such case (on those axes)') },
      },
    },
    '/calendars/{schoolYear}/closures': {
      post: {
        operationId: 'declareEmergencyClosure',
        summary: 'Declare an emergency closure (a snow day); the calendar reactor moves the deadlines it affects',
        parameters: [{ name: 'schoolYear', in: 'path', required: true, schema: { type: 'string', example: '2025-26' } }, ...actorHeaders],
        requestBody: { required: true, content: { 'application/json': { schema: closureBody.schema } } },
        responses: { 200: { description: 'the calendar’s new version' }, 400: problemResponse('malformed'), 422: problemResponse('refused by a calendar rule') },
      },
    },
    '/reports/{name}': {
      get: {
        operationId: 'getReport',
        summary: 'A labor read model\'s report (every one in LABOR_READ_MODELS) as JSON, or one of its row lists as CSV',
        parameters: [
          { name: 'name', in: 'path', required: true, schema: { type: 'string', enum: Object.keys(REPORTS) } },
          { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
          { name: 'table', in: 'query', required: false, schema: { type: 'string' }, description: 'CSV: which row list (default: the first)' },
          { name: 'schoolDays', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 366, default: DEFAULT_SCHOOL_DAYS }, description: 'upcoming-deadlines: how far ahead' },
          ...asOfParameters,
        ],
        responses: {
          200: { description: 'the report', content: { 'application/json': {}, 'text/csv': {} } },
          400: problemResponse('a malformed parameter'),
          404: problemResponse('no such report'),
        },
      },
    },
  },
  components: { schemas: { Problem: problem, Case: caseSchema } },
  };
};
