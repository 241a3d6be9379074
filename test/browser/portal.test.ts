import { beforeAll, describe, expect, it } from 'vitest';
import { type Seeded, seedAnalysis } from '../server/analysis/seed.ts';
import { adminCall, screenshot, seriousViolations, startServerAndBrowser } from './helpers.ts';

const ctx = startServerAndBrowser();
let seeded: Seeded;

beforeAll(async () => {
  seeded = await seedAnalysis(ctx.app);
  for (const party of ['FRA', 'DEU']) {
    const id = seeded.reports.first[party];
    await adminCall(ctx, 'POST', `/api/reports/${id}/publish`, undefined, seeded.secretariat.CMS);
  }
  await adminCall(
    ctx,
    'POST',
    `/api/reports/${seeded.reports.aewa.KEN}/publish`,
    undefined,
    seeded.secretariat.AEWA,
  );
}, 60_000);

describe('the public portal', { timeout: 60_000 }, () => {
  it('finds a published report without signing in, shows it and switches its language', async () => {
    const context = await ctx.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${ctx.baseUrl}/portal`);
    await page.getByText('3 of 3 published reports').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'portal-list');

    await page.getByLabel('Instrument').selectOption('CMS');
    await page.getByText('2 of 3 published reports').waitFor();
    await page.getByRole('searchbox', { name: 'Party' }).fill('germ');
    await page.getByText('1 of 3 published reports').waitFor();
    expect(page.url()).toMatch(/instrument=CMS.*party=germ/);
    await page.getByRole('link', { name: 'Germany (DEU)' }).click();
    await page.waitForURL(new RegExp(`/portal/${seeded.reports.first.DEU}$`));
    await page.getByRole('heading', { level: 1, name: /Germany — CMS report/ }).waitFor();
    const count = page.getByRole('term').filter({ hasText: 'Number of protected areas' });
    expect(await count.locator('xpath=following-sibling::dd').textContent()).toBe('20');
    expect(await page.getByRole('link', { name: 'Download as PDF' }).getAttribute('href')).toBe(
      `/api/public/reports/${seeded.reports.first.DEU}/pdf?lang=en`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'portal-report');

    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: /Allemagne — Rapport CMS/ }).waitFor();
    expect(await page.getByLabel('Langue', { exact: true }).inputValue()).toBe('fr');
    await page.getByRole('term').filter({ hasText: "Nombre d'aires protégées" }).waitFor();
    expect(await page.getByRole('definition').filter({ hasText: 'En hausse' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Télécharger en PDF' }).getAttribute('href')).toContain(
      'lang=fr',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'portal-report-fr');

    await page.getByLabel('Langue', { exact: true }).selectOption('es');
    await page.getByRole('term').filter({ hasText: 'Número de áreas protegidas' }).waitFor();
    expect(await page.getByRole('link', { name: 'Descargar en PDF' }).getAttribute('href')).toContain(
      'lang=es',
    );

    const pdf = await page.request.get(
      `${ctx.baseUrl}/api/public/reports/${seeded.reports.first.DEU}/pdf?lang=fr`,
    );
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when the address names a report that is not published', async () => {
    const context = await ctx.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${ctx.baseUrl}/portal/${seeded.reports.first.KEN}`);
    await page
      .getByRole('alert')
      .filter({ hasText: 'There is no published report at this address.' })
      .waitFor();
    expect(await page.getByText('has_pa').count()).toBe(0);
    await context.close();
  });
});
