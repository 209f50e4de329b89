import { loadConfig } from './config/config.ts';
import { buildApp } from './app.ts';
import { checkNodeVersion, prepareDatabase } from './runtime.ts';
import { systemClock } from './lib/clock.ts';
import { transportsFromConfig } from './modules/outbox/transports.ts';
import { startOutboxWorker } from './modules/outbox/outbox.worker.ts';
import { startPeriodicJobs } from './jobs.ts';
import { demoLoginLines } from './db/seed/demo.ts';
import { serializeError } from './lib/logging.ts';

export async function serve(): Promise<void> {
  checkNodeVersion();
  const started = Date.now();
  const config = loadConfig();
  const say = (msg: string) => console.log(`[köprü] ${msg}`);
  say(`Starting in ${config.mode} mode`);
  const { database } = await prepareDatabase(config, say);
  const deps = { config, database, clock: systemClock, transports: transportsFromConfig(config) };
  const app = await buildApp(deps);
  if (config.mode === 'production' && !config.smtpUrl) app.log.warn('SMTP_URL is not set: e-mail messages will fail');
  await app.listen({ port: config.port, host: config.host });
  const stopWorker = config.runWorkers ? startOutboxWorker(deps, app.log) : async () => {};
  const stopJobs = config.runWorkers ? startPeriodicJobs(deps, app.log) : async () => {};

  const address = config.publicUrl;
  say(`Köprü is running at ${address} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  say(`API reference: ${address}/api/docs`);
  if (config.mode === 'demo') for (const line of demoLoginLines(address)) say(line);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal} received, shutting down`);
    await stopWorker();
    await stopJobs();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (import.meta.main) {
  serve().catch((err: unknown) => {
    console.error(`[köprü] failed to start: ${serializeError(err).message}`);
    if (process.env.LOG_LEVEL === 'debug') console.error(serializeError(err));
    process.exit(1);
  });
}
