import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.ts';
import { parseRole } from '../../server/auth/roles.ts';
import { buildApp } from '../../server/build-app.ts';
import { loadConfig } from '../../server/config.ts';
import { createUser, grantRoles } from '../../server/repositories/users.ts';
import { bearerFor } from '../helpers/auth.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

export const screenshotDir = new URL('../../test-results/screenshots/', import.meta.url).pathname;

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

export interface BrowserContextOfTests {
  app: FastifyInstance;
  database: TestDatabase;
  baseUrl: string;
  browser: Browser;
  admin: { authorization: string };
  secretariat: { authorization: string };
}

/** The real server on a fresh database, listening on a free port, and one headless Chromium. */
export function startServerAndBrowser(): BrowserContextOfTests {
  const context = {} as BrowserContextOfTests;
  beforeAll(async () => {
    context.database = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
    });
    context.app = await buildApp({ config, databaseUrl: context.database.url }, { logger: false });
    await context.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = context.app.server.address() as AddressInfo;
    context.baseUrl = `http://127.0.0.1:${port}`;
    context.admin = await bearerFor(context.app, ['admin']);
    context.browser = await launchChromium();
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.app?.close();
    await context.database?.drop();
  });
  return context;
}

/** Calls the API with a bearer token (the administrator's by default); throws with the problem on failure. */
export async function adminCall(
  ctx: BrowserContextOfTests,
  method: string,
  url: string,
  payload?: unknown,
  as: { authorization: string } = ctx.admin,
) {
  const response = await ctx.app.inject({
    method: method as 'GET',
    url,
    headers: { ...as, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    payload: payload === undefined ? undefined : JSON.stringify(payload),
  });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Instrument, Parties, a published questionnaire and an open cycle: returns the cycle id. */
export async function seedCycle(ctx: BrowserContextOfTests, definition: { key: string; instrument: string }) {
  await adminCall(ctx, 'POST', '/api/instruments', {
    code: definition.instrument,
    name: { en: 'Convention on Migratory Species' },
    languages: ['en', 'fr', 'es'],
  });
  for (const [code, name] of [
    ['FRA', 'France'],
    ['DEU', 'Germany'],
  ]) {
    await adminCall(ctx, 'POST', '/api/parties', { code, name: { en: name, fr: name } });
    await adminCall(ctx, 'PUT', `/api/instruments/${definition.instrument}/parties/${code}`, {});
  }
  ctx.secretariat = await bearerFor(ctx.app, [`secretariat:${definition.instrument}`]);
  const as = ctx.secretariat;
  await adminCall(ctx, 'POST', '/api/questionnaires', definition, as);
  const { version } = await adminCall(
    ctx,
    'POST',
    `/api/questionnaires/${definition.key}/publish`,
    undefined,
    as,
  );
  const cycle = await adminCall(
    ctx,
    'POST',
    '/api/cycles',
    {
      instrument: definition.instrument,
      questionnaire: definition.key,
      version,
      title: 'COP15 national reports',
      opensAt: '2026-01-01',
      closesAt: '2027-03-31',
    },
    as,
  );
  return cycle.id as number;
}

/** A person who signs in with a password. */
export async function createPerson(ctx: BrowserContextOfTests, roles: string[], name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}-${randomBytes(3).toString('hex')}@example.org`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const userId = await createUser(ctx.app.db, { email, name, passwordHash: await hashPassword(password) });
  await grantRoles(
    ctx.app.db,
    userId,
    roles.map((role) => parseRole(role) ?? (undefined as never)),
  );
  return { email, password, name };
}

export async function signIn(page: Page, baseUrl: string, person: { email: string; password: string }) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(/e-mail|courriel|électronique|correo/i).fill(person.email);
  await page.getByLabel(/password|mot de passe|contraseña/i).fill(person.password);
  await page.getByRole('button', { name: /sign in|se connecter|iniciar/i }).click();
  await page.waitForURL((url) => url.pathname === '/' || url.pathname.startsWith('/reports'));
}

const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** Serious and critical axe-core violations on the page, as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) does not apply to it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<unknown> } }).axe;
    return (await axe.run(document)) as {
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
    };
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
