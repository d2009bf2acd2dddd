/**
 * `pnpm example:http`: the case tracker on PGlite in `.data/laborcase` (or `LABORCASE_DATA`), or on PostgreSQL
 * when `PG_URL` is set; `PORT` (default 3000) and `HOST` (default 127.0.0.1). Ctrl-C stops it cleanly.
 */
import { startService } from './service.js';

const env = process.env;
const port = Number(env['PORT'] ?? 3000);
if (!Number.isSafeInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number from 0 to 65535, got ${JSON.stringify(env['PORT'])}`);
  process.exit(2);
}
const service = await startService({
  ...(env['PG_URL'] === undefined ? {} : { pgUrl: env['PG_URL'] }),
  ...(env['LABORCASE_DATA'] === undefined ? {} : { dataDir: env['LABORCASE_DATA'] }),
  ...(env['HOST'] === undefined ? {} : { host: env['HOST'] }),
  port,
  logger: true,
}).catch((error: unknown) => {
  console.error(`the case tracker did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
console.log(`laborcase case tracker on ${service.url} (${service.location}); the API is described at ${service.url}/openapi.json`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void service.close().then(() => process.exit(0));
  });
}
