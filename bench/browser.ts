import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { BenchRow } from './report.ts';

const dist = new URL('../client/dist/', import.meta.url).pathname;
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** Serves client/dist as it is built, with no API: the bench page saves to memory. */
function serveDist(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/')).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(dist, path === '/' ? 'bench.html' : path);
    if (!file.startsWith(dist) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function timeToInteractive(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => window.__benchReady !== undefined, undefined, { timeout: 30_000 });
  if ((await page.locator('main input').count()) === 0) throw new Error('the bench page shows no input');
  return page.evaluate(() => window.__benchReady ?? Number.NaN);
}

/** Milliseconds from navigation start until the section's last item rendered and was painted. */
function allMounted(page: Page): Promise<number> {
  // A string, not a function: tsx would wrap inner functions in a helper the page does not have.
  return page.evaluate(`new Promise((resolve) => {
    const last = window.__benchLastItem;
    const check = () => {
      if (window.__orsRenderCounts && window.__orsRenderCounts[last] !== undefined) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        requestAnimationFrame(() => channel.port2.postMessage(null));
      } else requestAnimationFrame(check);
    };
    check();
  })`) as Promise<number>;
}

/** Milliseconds from each keydown in the focused input to the paint after React handled it. */
async function keystrokeToPaint(page: Page, keys: number): Promise<number[]> {
  await page.evaluate(() => {
    const samples: number[] = [];
    (window as unknown as { __keySamples: number[] }).__keySamples = samples;
    document.addEventListener(
      'keydown',
      () => {
        const start = performance.now();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => samples.push(performance.now() - start);
          channel.port2.postMessage(null);
        });
      },
      { capture: true },
    );
  });
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
    await page.waitForFunction(
      (n) => (window as unknown as { __keySamples: number[] }).__keySamples.length > n,
      i,
    );
  }
  return page.evaluate(() => (window as unknown as { __keySamples: number[] }).__keySamples);
}

/**
 * The report form in headless Chromium on a generated 1,000-item questionnaire: time to interactive
 * (navigation start to the first section painted and taking input; only the current section mounts), and
 * keystroke to next paint in a text field that a relevance and a date depend on.
 */
export async function benchBrowser(): Promise<BenchRow[]> {
  if (!existsSync(join(dist, 'bench.html'))) execSync('npm run build', { stdio: 'inherit' });
  const server = await serveDist();
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/bench.html`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await timeToInteractive(page, `${base}?items=1000`); // warm-up: browser start, disk cache
    const tti: number[] = [];
    for (let i = 0; i < 7; i++) tti.push(await timeToInteractive(page, `${base}?items=1000`));
    const single: number[] = [];
    const singleAll: number[] = [];
    for (let i = 0; i < 3; i++) {
      single.push(await timeToInteractive(page, `${base}?items=1000&single=1`));
      singleAll.push(await allMounted(page));
    }

    await timeToInteractive(page, `${base}?items=1000`);
    await page.locator('[id="q-q0_name"]').focus();
    const keys = await keystrokeToPaint(page, 41);
    const renders = await page.evaluate(() => Object.keys(window.__orsRenderCounts ?? {}).length);
    return [
      {
        name: 'browser: 1,000-item form interactive (section view)',
        value: median(tti),
        unit: 'ms',
        target: '≤ 1000',
      },
      { name: 'browser: 1,000 items in one section interactive', value: median(single), unit: 'ms' },
      { name: 'browser: 1,000 items in one section all mounted', value: median(singleAll), unit: 'ms' },
      { name: 'browser: keystroke to next paint (median)', value: median(keys.slice(1)), unit: 'ms' },
      { name: 'browser: keystroke to next paint (max)', value: Math.max(...keys.slice(1)), unit: 'ms' },
      { name: 'browser: item keys rendered in the first section', value: renders, unit: 'items' },
    ];
  } finally {
    await browser.close();
    server.close();
  }
}
