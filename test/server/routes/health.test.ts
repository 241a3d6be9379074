import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/build-app.ts';
import { loadConfig } from '../../../server/config.ts';
import { migrate } from '../../../server/db/connect.ts';
import { startEmbeddedPostgres } from '../../../server/db/embedded.ts';
import { useTestApp } from '../../helpers/app.ts';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });

describe('GET /health', () => {
  const ctx = useTestApp();

  it('answers 200 {status:"ok"} when the database answers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 as a problem document when the database is unreachable', async () => {
    const app = await buildApp(
      { config, databaseUrl: 'postgres://postgres@127.0.0.1:1/nowhere' },
      { logger: false },
    );
    try {
      const response = await app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['retry-after']).toBeDefined();
      expect(response.json()).toMatchObject({ status: 503, code: 'ORS_UNAVAILABLE' });
    } finally {
      await app.close();
    }
  });

  it('turns 503 while the database is down and 200 again when it returns, without a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ors-health-'));
    let server = await startEmbeddedPostgres({ dataDir });
    const app = await buildApp({ config, databaseUrl: server.url }, { logger: false });
    try {
      await migrate(server.url);
      expect((await app.inject('/health')).statusCode).toBe(200);
      await server.stop();
      expect((await app.inject('/health')).statusCode).toBe(503);
      server = await startEmbeddedPostgres({ dataDir, port: server.port });
      expect((await app.inject('/health')).statusCode).toBe(200);
    } finally {
      await app.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('unknown routes', () => {
  const ctx = useTestApp();

  it('answers 404 with a problem document naming the route', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, detail: 'no route GET /api/nothing-here' });
  });
});
