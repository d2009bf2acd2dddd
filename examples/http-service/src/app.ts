/**
 * The case-tracker API on Fastify: the routes, the request → service call mapping and the error replies. The
 * services and the ECPS wiring come from `examples/ecps/workflow.ts`; the stores and the reactors are the
 * caller's (`main.ts` opens them; the tests pass their own). Who acts is read from `X-Actor-Id`, `X-Actor-Role`
 * and `X-On-Behalf-Of` (behind a real gateway these come from the authenticated session).
 */
import { decodeCommand, type Actor, type CodecRegistry, type EventStore } from '@laborcase/core';
import { createGrievanceService, grievanceStreamId, GrievanceId, isGrievanceFiled, type GrievanceService } from '@laborcase/domain/grievance';
import { ECPS_DISTRICT_ID } from '@laborcase/domain/fixtures/ecps';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { isLeft } from 'fp-ts/lib/Either.js';
import { createEcpsServices, type EcpsServices } from '../../ecps/workflow.js';
import { asOfAxes, caseView, grievanceAsOf } from './caseView.js';
import { COMMAND_ROUTES, type CommandRoute } from './commands.js';
import { appendingOnlyAt, etagOf, parseIfMatch, requireVersion } from './ifMatch.js';
import { buildOpenApi } from './openapi.js';
import { badRequest, fromDomainError, fromThrown, notFound, RequestRefused, type ProblemReply } from './problems.js';
import { renderReport, type ReportQuery } from './reports.js';

export interface AppOptions {
  readonly eventStore: EventStore;
  /** Must know every domain event type: `createDomainRegistry()`. */
  readonly registry: CodecRegistry;
  readonly newId: () => string;
  /** The reports' `generatedAt`. */
  readonly clock: () => Date;
  /** The district's business date today. */
  readonly today: () => string;
  /** For `/health`: the reactors' last failure, if any. */
  readonly reactorError?: () => string | undefined;
  /** Fastify's logger (off by default). */
  readonly logger?: boolean;
}

const MAX_BODY_BYTES = 1024 * 1024;

const headerText = (request: FastifyRequest, name: string): unknown => request.headers[name];

const actorOf = (request: FastifyRequest): Actor => {
  const onBehalfOf = headerText(request, 'x-on-behalf-of');
  return { actorId: headerText(request, 'x-actor-id'), role: headerText(request, 'x-actor-role'), ...(onBehalfOf === undefined ? {} : { onBehalfOf }) } as Actor;
};

/** The query string with each parameter given at most once (`?a=1&a=2` is refused, naming `a`). */
const singleValued = (query: unknown): ReportQuery => {
  const entries = Object.entries(typeof query === 'object' && query !== null ? query : {});
  for (const [name, value] of entries) if (typeof value !== 'string') throw badRequest(name, 'must be given once');
  return Object.fromEntries(entries) as ReportQuery;
};

const grievanceIdOf = (request: FastifyRequest): string => {
  const decoded = decodeCommand(GrievanceId, (request.params as { grievanceId?: unknown }).grievanceId, 'path', 'grievanceId');
  if (isLeft(decoded)) throw new RequestRefused(400, decoded.left);
  return decoded.right;
};

const sendProblem = (reply: FastifyReply, problem: ProblemReply): FastifyReply => reply.code(problem.status).type('application/json; charset=utf-8').send(problem.body);

export const buildApp = (options: AppOptions): { app: FastifyInstance; services: EcpsServices } => {
  const { eventStore, registry, newId } = options;
  const services = createEcpsServices({ store: eventStore, registry, newId, correlationId: 'http-service' });
  // The router's own limit on a path parameter (100) would answer an over-long id with a bare 414: the id codec names it instead.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: MAX_BODY_BYTES, routerOptions: { maxParamLength: 1000 }, genReqId: () => newId() });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode;
    // Fastify's own refusals (a body that is not JSON, too large, of another media type) are about the body.
    if (typeof error.code === 'string' && error.code.startsWith('FST_') && status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send({ code: 'InvalidRequest', field: 'body', message: `body: ${error.message}` });
    }
    const problem = fromThrown(error);
    if (problem.status >= 500) reply.log.error(error);
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, { status: 404, body: { code: 'NoSuchRoute', message: `no route ${request.method} ${request.url}; see /openapi.json` } }));

  /** The grievance service for one request: bound to `If-Match` when the client sent one. */
  const grievancesFor = async (grievanceId: string, ifMatch: string | string[] | undefined): Promise<GrievanceService> => {
    const expected = parseIfMatch(ifMatch);
    if (expected === undefined) return services.grievances;
    const streamId = grievanceStreamId(grievanceId);
    await requireVersion(eventStore, streamId, expected);
    return createGrievanceService({ store: appendingOnlyAt(eventStore, streamId, expected), registry, newId, districtId: ECPS_DISTRICT_ID });
  };

  const commandRoute = (route: CommandRoute): void => {
    app.post(`/grievances/:grievanceId${route.path}`, async (request, reply) => {
      const grievanceId = grievanceIdOf(request);
      const grievances = await grievancesFor(grievanceId, request.headers['if-match']);
      const operation = grievances[route.operation] as GrievanceService['withdraw'];
      const result = await operation(grievanceId, request.body as never, actorOf(request), { correlationId: request.id });
      if (isLeft(result)) return sendProblem(reply, fromDomainError(result.left));
      const { state, version } = result.right;
      return reply
        .code(route.successStatus)
        .header('etag', etagOf(version))
        .send(caseView(grievanceId, state, typeof version === 'number' ? version : null));
    });
  };
  for (const route of COMMAND_ROUTES) commandRoute(route);

  app.get('/grievances/:grievanceId', async (request, reply) => {
    const grievanceId = grievanceIdOf(request);
    const axes = asOfAxes(singleValued(request.query));
    if (axes !== undefined) {
      const { state, version } = await grievanceAsOf(eventStore, registry, grievanceId, axes);
      if (!isGrievanceFiled(state)) throw notFound('GrievanceNotFound', `grievance ${grievanceId} was not filed on those axes`);
      return reply.send(caseView(grievanceId, state, version, axes));
    }
    const loaded = await services.grievances.get(grievanceId);
    if (isLeft(loaded)) return sendProblem(reply, fromDomainError(loaded.left));
    const { state, version } = loaded.right;
    if (!isGrievanceFiled(state) || typeof version !== 'number') throw notFound('GrievanceNotFound', `no grievance ${grievanceId}`);
    return reply.header('etag', etagOf(version)).send(caseView(grievanceId, state, version));
  });

  app.post('/calendars/:schoolYear/closures', async (request, reply) => {
    const { schoolYear } = request.params as { schoolYear: string };
    const result = await services.calendars.declareEmergencyClosure({ districtId: ECPS_DISTRICT_ID, schoolYear }, request.body as never, actorOf(request), { correlationId: request.id });
    if (isLeft(result)) return sendProblem(reply, fromDomainError(result.left));
    return reply.send({ districtId: ECPS_DISTRICT_ID, schoolYear, version: result.right.version });
  });

  app.get('/reports/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const rendered = await renderReport({ eventStore, registry, clock: options.clock, today: options.today }, name, singleValued(request.query));
    return reply.type(rendered.contentType).send(rendered.text);
  });

  app.get('/openapi.json', async (_request, reply) => reply.send(buildOpenApi()));
  app.get('/health', async (_request, reply) => {
    const reactorError = options.reactorError?.();
    return reply.code(reactorError === undefined ? 200 : 503).send({ ok: reactorError === undefined, ...(reactorError === undefined ? {} : { reactorError }) });
  });

  return { app, services };
};
