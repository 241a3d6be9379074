import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Seeded, seedAnalysis } from '../server/analysis/seed.ts';
import { createPerson, screenshot, seriousViolations, signIn, startServerAndBrowser } from './helpers.ts';

const ctx = startServerAndBrowser();
let seeded: Seeded;
let analyst: { email: string; password: string };

beforeAll(async () => {
  seeded = await seedAnalysis(ctx.app);
  analyst = await createPerson(ctx, ['analyst'], 'Ana Lyst');
}, 60_000);

async function downloaded(page: Page, button: RegExp): Promise<{ name: string; content: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), content: readFileSync(path) };
}

describe('the analysis page', { timeout: 60_000 }, () => {
  it('charts a question chosen by search, exports it as CSV, SVG and PNG, and passes axe', async () => {
    const context = await ctx.browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await signIn(page, ctx.baseUrl, analyst);
    await page.goto(`${ctx.baseUrl}/analysis`);
    await page.getByLabel('Instrument').selectOption('CMS');
    await page.getByLabel('Reporting cycle').selectOption(String(seeded.cycles.first));
    await page.getByLabel('Search the questions').fill('trend');
    await page.getByLabel(/^Question/).selectOption('trend');
    await page.waitForURL(/question=trend/);
    const chart = page.getByRole('img', { name: /Trend/ });
    await chart.waitFor();
    expect(await chart.locator('rect').count()).toBeGreaterThan(3);
    const table = page.getByRole('table', { name: /Data of the chart: Trend/ });
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analysis-distribution');

    const csv = await downloaded(page, /Download CSV/);
    expect(csv.name).toBe('trend-distribution.csv');
    expect(csv.content.toString()).toBe(
      'Trend\r\nAnswer,Parties,Share\r\nIncreasing,2,50%\r\nDecreasing,1,25%\r\nStable,1,25%\r\n',
    );
    const svg = await downloaded(page, /chart \(SVG\)/);
    expect(svg.content.toString()).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.content.toString()).toContain('Increasing');
    const png = await downloaded(page, /chart \(PNG\)/);
    expect([...png.content.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a histogram with its statistics, filters from the address, and the views of the same URL state', async () => {
    const context = await ctx.browser.newContext({ locale: 'en-GB', acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signIn(page, ctx.baseUrl, analyst);
    const base = `${ctx.baseUrl}/analysis?instrument=CMS&cycle=${seeded.cycles.first}&question=pa_count`;
    await page.goto(`${base}&attribute=coastal:yes`);
    await page.getByRole('img', { name: /Number of protected areas/ }).waitFor();
    const data = page.getByRole('table', { name: /Data of the chart/ });
    await expect.poll(() => data.getByRole('row', { name: /Mean/ }).textContent()).toContain('21');
    expect(await page.getByLabel('Party attribute: coastal').inputValue()).toBe('yes');

    await page.goto(`${ctx.baseUrl}/analysis?instrument=CMS&cycle=${seeded.cycles.first}&question=groups`);
    const multiples = page.getByRole('img', { name: 'Species groups: one chart per row and column' });
    await multiples.waitFor();
    expect(await multiples.locator(':scope > svg').count()).toBe(4);
    expect(
      await page
        .getByRole('table', { name: /Data of the chart/ })
        .getByRole('row', { name: 'Birds Action taken Yes 1 50%' })
        .count(),
    ).toBe(1);
    expect(await page.getByRole('row', { name: 'Birds Threat level 2–3 1' }).count()).toBe(1);
    expect(await page.getByRole('row', { name: 'Birds Threat level Mean 3' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analysis-table');

    await page.goto(`${base}&attribute=coastal:yes`);
    await page.getByRole('link', { name: 'Party grid' }).click();
    await page.waitForURL(/view=grid/);
    const grid = page.getByRole('list').filter({ hasText: 'FRA' }).last();
    await expect.poll(() => grid.getByRole('listitem').count()).toBe(3);
    expect(await page.getByText('Does not apply').count()).toBeGreaterThan(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analysis-grid');

    await page.getByRole('link', { name: 'Across cycles' }).click();
    await page.getByRole('table', { name: /Reports to COP15: pa_number \(carried over/ }).waitFor();
    expect(
      await page
        .getByRole('img', { name: /across cycles/ })
        .locator(':scope > svg')
        .count(),
    ).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analysis-trend');

    await page.goto(`${ctx.baseUrl}/analysis?view=compare&concept=protected-areas.count`);
    const compare = page.getByRole('table', { name: /Answers to Number of protected areas/ });
    await expect
      .poll(() => page.getByLabel('Region').locator('option').allTextContents())
      .toContain('Africa');
    await compare.waitFor();
    expect(await compare.getByRole('row', { name: /France/ }).textContent()).toMatch(/5.*12.*11/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'analysis-compare');
    await context.close();
  });
});
