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
  const migrations = await migrate(database.url);
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

await main();
