import { loadConfig } from './config/config.ts';
import { buildApp } from './app.ts';
import { checkNodeVersion, prepareDatabase } from './runtime.ts';
import { systemClock } from './lib/clock.ts';
import { transportsFromConfig } from './modules/outbox/index.ts';
import { startJobs } from './jobs/engine.ts';
import { jobHandlers } from './jobs/handlers.ts';
import { demoLoginLines } from './db/seed/demo.ts';
import { serializeError } from './lib/logging.ts';
import { enforceRetiredKeys } from './lib/key-rotation.ts';

export async function serve(): Promise<void> {
  checkNodeVersion();
  const started = Date.now();
  const config = loadConfig();
  const say = (msg: string) => console.log(`[köprü] ${msg}`);
  say(`Starting in ${config.mode} mode`);
  const { database } = await prepareDatabase(config, say);
  try {
    // A key retired by a completed rotation is refused as the current key and ignored as a previous one.
    await enforceRetiredKeys(database.db, config, say);
  } catch (err) {
    await database.close();
    throw err;
  }
  // Every instance sends jobs; those with workers (KOPRU_WORKERS, default true) also run them,
  // keep the queues and fire the schedules.
  let jobs;
  try {
    jobs = await startJobs(database, { maintain: config.runWorkers });
  } catch (err) {
    await database.close();
    throw err;
  }
  const deps = { config, database, clock: systemClock, transports: transportsFromConfig(config), jobs };
  const app = await buildApp(deps);
  if (config.mode === 'production' && !config.smtpUrl) app.log.warn('SMTP_URL is not set: e-mail messages will fail');
  await app.listen({ port: config.port, host: config.host });
  if (config.runWorkers) await jobs.work(jobHandlers(deps));

  const address = config.publicUrl;
  say(`Köprü is running at ${address} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  say(`API reference: ${address}/api/docs`);
  if (config.mode === 'demo') for (const line of demoLoginLines(address)) say(line);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal} received, shutting down`);
    await app.close();
    await jobs.stop();
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
