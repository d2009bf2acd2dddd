/**
 * The whole service in one call: the stores, the ECPS reference data (the SY2025-26 calendar and the ECEA
 * 2024-2027 edition, imported once from the fixtures' documents), the reactors and the HTTP listener.
 * `main.ts` runs it from the command line; the tests start it on a random loopback port.
 */
import { uuidV7 } from '@laborcase/adapters';
import { dateInZone, NO_STREAM, type CodecRegistry } from '@laborcase/core';
import { createDomainRegistry } from '@laborcase/domain';
import { eceaEdition2024_2027Document, ecpsCalendar2025_26Document } from '@laborcase/domain/fixtures/ecps';
import type { FastifyInstance } from 'fastify';
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { ecpsActors, G26_004_STREAMS, type EcpsServices } from '../../ecps/workflow.js';
import { buildApp } from './app.js';
import { startReactors, type RunningReactors } from './reactors.js';
import { openStores } from './stores.js';

export interface ServiceOptions {
  /** PostgreSQL URL; when absent or empty, PGlite in `dataDir`. */
  readonly pgUrl?: string;
  readonly dataDir?: string;
  /** The SQL schema of the event store (default `laborcase`): one database can hold several services' logs. */
  readonly schema?: string;
  /** Default 127.0.0.1 and 3000; port 0 picks a free port. */
  readonly host?: string;
  readonly port?: number;
  /** `recordedAt`, the reports' `generatedAt` and the sweep's today (default: the system clock). */
  readonly clock?: () => Date;
  /** Default America/New_York (Example County's). */
  readonly timeZone?: string;
  /** How often the deadline-lapse sweep runs besides each new business date (default 15 minutes). */
  readonly sweepEveryMs?: number;
  readonly logger?: boolean;
}

export interface RunningService {
  readonly url: string;
  readonly location: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

const imported = async (what: string, result: Promise<Either<{ code: string; message: string }, unknown>>): Promise<void> => {
  const outcome = await result;
  if (isLeft(outcome)) throw new Error(`${what} was refused: ${outcome.left.code}: ${outcome.left.message}`);
};

/** Imports the ECPS calendar and edition unless their streams exist (a restart imports nothing). */
const seedReferenceData = async (services: EcpsServices, streamVersion: (streamId: string) => Promise<unknown>): Promise<void> => {
  const call = { correlationId: 'http-service-seed' };
  if ((await streamVersion(G26_004_STREAMS.calendar)) === NO_STREAM) {
    await imported('the SY2025-26 calendar', services.calendars.importCalendar(ecpsCalendar2025_26Document, ecpsActors.board, call));
  }
  if ((await streamVersion(G26_004_STREAMS.agreement)) === NO_STREAM) {
    await imported('the ECEA 2024-2027 edition', services.agreements.importEdition(eceaEdition2024_2027Document, ecpsActors.laborRelations, call));
  }
};

export const startService = async (options: ServiceOptions = {}, registry: CodecRegistry = createDomainRegistry()): Promise<RunningService> => {
  const clock = options.clock ?? (() => new Date());
  const timeZone = options.timeZone ?? 'America/New_York';
  const stores = await openStores({ registry, clock, ...(options.pgUrl === undefined ? {} : { pgUrl: options.pgUrl }), ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }), ...(options.schema === undefined ? {} : { schema: options.schema }) });
  const { eventStore, readModels } = stores;
  let started: { app?: FastifyInstance; reactors?: RunningReactors } = {};
  try {
    let reactorError: () => string | undefined = () => undefined;
    const { app, services } = buildApp({
      eventStore,
      registry,
      newId: uuidV7,
      clock,
      today: () => dateInZone(clock(), timeZone),
      reactorError: () => reactorError(),
      logger: options.logger ?? false,
    });
    started = { app };
    await seedReferenceData(services, (streamId) => eventStore.streamVersion(streamId));
    const reactors = startReactors({
      eventStore,
      registry,
      readModels,
      grievances: services.grievances,
      actor: ecpsActors.calendarProcessManager,
      clock,
      timeZone,
      sweepEveryMs: options.sweepEveryMs ?? 15 * 60_000,
      log: (message, error) => app.log.error({ err: error }, message),
    });
    started = { app, reactors };
    reactorError = reactors.lastError;
    const url = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 3000 });
    return {
      url,
      location: stores.location,
      app,
      close: async () => {
        await app.close();
        await reactors.stop();
        await stores.close();
      },
    };
  } catch (error) {
    // A port in use, say: stop what did start, so that nothing keeps running against a closed store.
    await started.app?.close();
    await started.reactors?.stop();
    await stores.close();
    throw error;
  }
};
