import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../server/db/embedded.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** An embedded PostgreSQL the suite stops and starts again, always on the same port. */
export class Database {
  #server: EmbeddedDatabase | null = null;
  readonly #dataDir: string;
  #port: number | undefined;
  restarts = 0;

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  get url(): string {
    if (!this.#server) throw new Error('the database is not running');
    return this.#server.url;
  }

  get adminUrl(): string {
    if (!this.#server) throw new Error('the database is not running');
    return this.#server.adminUrl;
  }

  async start(): Promise<void> {
    this.#server = await startEmbeddedPostgres({
      dataDir: this.#dataDir,
      ...(this.#port ? { port: this.#port } : {}),
    });
    this.#port = this.#server.port;
  }

  /** A fast shutdown: PostgreSQL ends every connection (57P01), as a restart by its supervisor does. */
  async stop(): Promise<void> {
    await this.#server?.stop();
    // The URLs stay known: clients keep trying them while the server is down.
  }

  async restart(downMs: number): Promise<void> {
    await this.stop();
    await sleep(downMs);
    await this.start();
    this.restarts += 1;
  }
}

/** The ORS server as a child process (`node --import tsx server/main.ts`), killed with SIGKILL at will. */
export class ServerProcess {
  #child: ChildProcess | null = null;
  readonly #env: NodeJS.ProcessEnv;
  readonly #log: WriteStream;
  readonly port: number;
  kills = 0;
  starts = 0;
  /** Exits the suite did not cause (a crash on a lost database connection would count here). */
  crashes = 0;
  #stopping = false;

  constructor(port: number, env: Record<string, string>, logFile: string) {
    this.port = port;
    this.#env = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' };
    this.#log = createWriteStream(logFile, { flags: 'a' });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Starts the server and waits until it answers HTTP (whatever its database does meanwhile). */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
      cwd: root,
      env: this.#env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.#log, { end: false });
    child.stderr?.pipe(this.#log, { end: false });
    this.#child = child;
    this.starts += 1;
    this.#stopping = false;
    child.once('exit', () => {
      if (!this.#stopping) this.crashes += 1;
    });
    const giveUpAt = Date.now() + 90_000;
    while (Date.now() < giveUpAt) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} (see its log)`);
      const answered = await fetch(`${this.baseUrl}/api/instruments`, { signal: AbortSignal.timeout(2_000) })
        .then(() => true)
        .catch(() => false);
      if (answered) return;
      await sleep(200);
    }
    throw new Error('the server did not start within 90 s');
  }

  /** SIGKILL: no graceful shutdown, open requests cut. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    this.#stopping = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.kills += 1;
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child && child.exitCode === null) {
      this.#stopping = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    this.#log.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}
