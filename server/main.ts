import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './build-app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connectDatabase, migrate } from './db/connect.ts';
import { loadDemo } from './demo/load-demo.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.LOG_LEVEL });
  const database = await connectDatabase(config, (message) =>
    logger.debug({ component: 'postgres' }, message),
  );
  const migrations = await untilDatabaseAnswers(() => migrate(database.url), logger);
  const applied = migrations.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
  logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema up to date');

  const app = await buildApp({ config, databaseUrl: database.url }, { loggerInstance: logger });
  // The embedded default is for trying ORS out: it comes with the demo unless DEMO_DATA=false.
  if (config.DEMO_DATA ?? database.embedded) {
    await loadDemo(app.db, (line) => app.log.info(line));
  }
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    // The pool ends (app.close) before its server stops, or the stopping server would break open connections.
    await app.close();
    await database.stop();
  });
  await app.listen({ port: config.PORT, host: config.HOST });
}

/**
 * Runs `work` until the database answers, for up to a minute: a server restarted while its database
 * restarts too (a host reboot, a supervisor) waits for it rather than exit.
 */
async function untilDatabaseAnswers<T>(work: () => Promise<T>, logger: pino.Logger): Promise<T> {
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      const code = (cause as { code?: string }).code ?? '';
      const waiting = code === 'ECONNREFUSED' || code === '57P03' || code.startsWith('08');
      if (!waiting || Date.now() > giveUpAt) throw error;
      logger.warn({ code }, 'the database does not answer yet: trying again in 1 s');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

await main();
