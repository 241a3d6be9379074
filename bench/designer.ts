import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { hashPassword } from '../server/auth/passwords.ts';
import { parseRole } from '../server/auth/roles.ts';
import { buildApp } from '../server/build-app.ts';
import { loadConfig } from '../server/config.ts';
import { migrate, runStatement } from '../server/db/connect.ts';
import { upsertInstrument } from '../server/repositories/reference.ts';
import { createApiToken, createUser, grantRoles } from '../server/repositories/users.ts';
import { databaseServer } from './export.ts';
import { generateQuestionnaire } from './generate-questionnaire.ts';
import type { BenchRow } from './report.ts';

const ITEMS = 1000;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Rows of the designer's tree: every section and every item a section, group, loop or repeat holds. */
function treeRows(definition: Record<string, unknown>): number {
  const count = (items: unknown): number =>
    Array.isArray(items)
      ? items.reduce<number>((n, item) => {
          const { type, items: children } = item as { type: string; items?: unknown };
          return n + 1 + (type === 'group' || type === 'loop' || type === 'repeat' ? count(children) : 0);
        }, 0)
      : 0;
  return (definition.sections as { items: unknown }[]).reduce(
    (n, section) => n + 1 + count(section.items),
    0,
  );
}

/** Milliseconds from navigation start until every row of the tree is rendered and painted. */
async function timeToOpen(page: Page, url: string, rows: number): Promise<number> {
  await page.goto(url);
  // A string, not a function: tsx would wrap inner functions in a helper the page does not have.
  return page.evaluate(`new Promise((resolve) => {
    const check = () => {
      if (document.querySelectorAll('li[data-id]').length >= ${rows}) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        requestAnimationFrame(() => channel.port2.postMessage(null));
      } else requestAnimationFrame(check);
    };
    check();
  })`) as Promise<number>;
}

/** Milliseconds from each keydown in the focused label to the paint after React handled it. */
async function keystrokeToPaint(page: Page, keys: number): Promise<number[]> {
  await page.evaluate(`(() => {
    window.__keySamples = [];
    document.addEventListener('keydown', () => {
      const start = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => window.__keySamples.push(performance.now() - start);
        channel.port2.postMessage(null);
      });
    }, { capture: true });
  })()`);
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
    // Not waitForFunction: it evaluates text, which the page's CSP (no unsafe-eval) refuses.
    await page.evaluate(`new Promise((resolve) => {
      const check = () => (window.__keySamples.length > ${i} ? resolve(0) : requestAnimationFrame(check));
      check();
    })`);
  }
  return page.evaluate('window.__keySamples') as Promise<number[]>;
}

/**
 * The questionnaire designer in headless Chromium on the real server, with a generated 1,000-item
 * questionnaire as the draft: time to open (navigation start to the whole tree painted), and keystroke to
 * next paint in the label of an item (the tree does not re-render; the browser tests prove it by count).
 */
export async function benchDesigner(): Promise<BenchRow[]> {
  if (!existsSync(new URL('../client/dist/index.html', import.meta.url)))
    execSync('npm run build', { stdio: 'inherit' });
  const { adminUrl, stop } = await databaseServer();
  const database = `ors_bench_designer_${randomBytes(4).toString('hex')}`;
  await runStatement(adminUrl, `CREATE DATABASE ${database}`);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${database}`;
  try {
    await migrate(databaseUrl.toString());
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, databaseUrl: databaseUrl.toString() }, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
    try {
      const { definition } = generateQuestionnaire(ITEMS);
      await upsertInstrument(app.db, { code: 'CMS', name: { en: 'CMS' } });
      const password = randomBytes(12).toString('hex');
      const userId = await createUser(app.db, {
        email: 'bench-designer@bench.local',
        name: 'Bench',
        passwordHash: await hashPassword(password),
      });
      const grant = parseRole('secretariat:CMS');
      if (grant) await grantRoles(app.db, userId, [grant]);
      const { token } = await createApiToken(app.db, userId, 'bench');
      const created = await app.inject({
        method: 'POST',
        url: '/api/questionnaires',
        headers: { authorization: `Bearer ${token}` },
        payload: definition,
      });
      if (created.statusCode !== 201) throw new Error(created.body);

      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const login = await context.request.post(`${base}/api/auth/login`, {
        data: { email: 'bench-designer@bench.local', password },
      });
      if (!login.ok()) throw new Error(`sign-in: ${login.status()}`);
      const page = await context.newPage();
      const url = `${base}/designer/${String(definition.key)}`;
      const rows = treeRows(definition);
      await timeToOpen(page, url, rows); // warm-up: browser start, disk cache
      const open: number[] = [];
      for (let i = 0; i < 5; i++) open.push(await timeToOpen(page, url, rows));

      await page.locator('li[data-id="q3_has"] button.tree-select').click();
      await page
        .locator('.designer-form-panel')
        .getByRole('group', { name: 'Label', exact: true })
        .first()
        .getByRole('textbox')
        .first()
        .click();
      await page.keyboard.press('End');
      const samples = await keystrokeToPaint(page, 41);
      return [
        { name: `designer: open a ${rows}-row questionnaire (median of 5)`, value: median(open), unit: 'ms' },
        {
          name: 'designer: keystroke to paint in a label (median of 41)',
          value: median(samples.slice(1)),
          unit: 'ms',
        },
      ];
    } finally {
      await browser.close();
      await app.close();
    }
  } finally {
    await runStatement(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await stop();
  }
}
