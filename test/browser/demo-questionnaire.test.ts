import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPerson,
  screenshot,
  seedCycle,
  seriousViolations,
  signIn,
  startServerAndBrowser,
} from './helpers.ts';

const ctx = startServerAndBrowser();
const definition = JSON.parse(
  readFileSync(new URL('../../forms/definitions/cms-national-report.json', import.meta.url), 'utf8'),
) as { key: string; instrument: string; sections: { id: string; title: Record<string, string> }[] };

let person: { email: string; password: string };

beforeAll(async () => {
  await seedCycle(ctx, definition);
  person = await createPerson(ctx, [`focal_point:FRA:${definition.instrument}`], 'Demo Focal Point');
}, 60_000);

describe('the CMS demo questionnaire in the browser', { timeout: 60_000 }, () => {
  it('renders every section without a page error or a serious accessibility violation', async () => {
    const context = await ctx.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signIn(page, ctx.baseUrl, person);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.getByRole('link', { name: /France/ }).click();
    await page.waitForURL(/\/reports\/\d+/);
    const violations: string[] = [];
    for (const section of definition.sections) {
      await page
        .getByRole('navigation')
        .getByRole('link', {
          name: new RegExp(section.title.en?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') ?? ''),
        })
        .first()
        .click();
      await page.getByRole('heading', { level: 2, name: section.title.en }).waitFor();
      for (const found of await seriousViolations(page)) violations.push(`${section.id}: ${found}`);
    }
    await screenshot(page, 'demo-last-section');
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
