import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyTypeDefinition } from './fixtures/every-type.ts';
import {
  createPerson,
  screenshot,
  seedCycle,
  seriousViolations,
  signIn,
  startServerAndBrowser,
} from './helpers.ts';

const ctx = startServerAndBrowser();
let person: { email: string; password: string; name: string };
let colleague: { email: string; password: string; name: string };
let context: BrowserContext;
let page: Page;
let reportUrl: string;

const q = (p: Page, key: string) => p.locator(`[id="q-${key}"]`);
const saved = (p: Page) =>
  expect.poll(() => p.locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 });

async function openSection(p: Page, title: string | RegExp) {
  await p.getByRole('navigation').getByRole('link', { name: title }).click();
}

beforeAll(async () => {
  await seedCycle(ctx, everyTypeDefinition);
  person = await createPerson(ctx, ['focal_point:FRA:CMS'], 'Marie Curie');
  colleague = await createPerson(ctx, ['focal_point:FRA:CMS'], 'Paul Langevin');
  context = await ctx.browser.newContext({ locale: 'en-GB' });
  page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (error) => console.error('page error:', error));
}, 60_000);

afterAll(async () => {
  await context?.close();
});

describe('the report as a focal point sees it', { timeout: 60_000 }, () => {
  it('signs in and lists my reports, with no serious accessibility violation', async () => {
    await page.goto(`${ctx.baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
    await signIn(page, ctx.baseUrl, person);
    await expect.poll(() => page.getByRole('heading', { name: 'My reports' }).count()).toBe(1);
    await page.getByRole('link', { name: /France/ }).waitFor();
    expect(await page.getByText(/March 31, 2027|31 March 2027/).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'my-reports');
    await page.getByRole('link', { name: /France/ }).click();
    await page.waitForURL(/\/reports\/\d+/);
    reportUrl = page.url();
    await q(page, 'org_name').waitFor();
  });

  it('follows skip logic and calculations, re-rendering only the items that depend on an answer', async () => {
    expect(await q(page, 'pa_count').count()).toBe(0);
    await page
      .getByRole('group', { name: /Are there protected areas/ })
      .getByLabel('Yes')
      .check();
    await q(page, 'pa_count').waitFor();
    await q(page, 'pa_count').fill('4');
    await q(page, 'pa_area').fill('10');
    await expect.poll(() => q(page, 'pa_mean').textContent()).toContain('2.5');

    const counts = () => page.evaluate(() => ({ ...(window.__orsRenderCounts ?? {}) }));
    const before = await counts();
    await q(page, 'pa_area').press('End');
    await q(page, 'pa_area').pressSequentially('0');
    await expect.poll(() => q(page, 'pa_mean').textContent()).toContain('25');
    const after = await counts();
    const rerendered = Object.keys(after).filter((key) => after[key] !== before[key]);
    // The item typed in and the calculation reading it; nothing else.
    expect(rerendered.sort()).toEqual(['pa_area', 'pa_mean']);
    expect((after.pa_area ?? 0) - (before.pa_area ?? 0)).toBeLessThanOrEqual(2);

    await page
      .getByRole('group', { name: /Are there protected areas/ })
      .getByLabel('No')
      .check();
    await expect.poll(() => q(page, 'pa_count').count()).toBe(0);
    await page
      .getByRole('group', { name: /Are there protected areas/ })
      .getByLabel('Yes')
      .check();
    await expect.poll(() => q(page, 'pa_count').inputValue()).toBe('4');
  });

  it('fills every item type and finds every answer after a reload', async () => {
    await q(page, 'org_name').fill('Ministry of Ecology');
    await q(page, 'contact_email').fill('focal@example.org');
    await q(page, 'website').fill('https://example.org');
    await q(page, 'summary').fill('A short summary.');
    await q(page, 'last_review').fill('2025-06-30');

    await openSection(page, /Choices/);
    await page.getByLabel('Stable').check();
    await q(page, 'region').selectOption('europe');
    await page.getByLabel('Hunting').check();
    await page.getByLabel('Habitat loss').check();
    await q(page, 'threats_other').fill('Wind farms');
    await page.getByRole('button', { name: 'Rank Enforcement' }).click();
    await page.getByRole('button', { name: 'Rank Research' }).click();
    await page.getByRole('button', { name: 'Move Research up' }).click();
    // Drag Awareness to the top of the ranked list.
    await page
      .locator('.unranked-item', { hasText: 'Awareness' })
      .dragTo(page.locator('.ranked-item').first(), {
        targetPosition: { x: 10, y: 2 },
      });
    await expect
      .poll(() => page.locator('.ranked-item .ranked-label').allTextContents())
      .toEqual(['Awareness', 'Research', 'Enforcement']);
    // By keyboard alone: rank Funding, move it up (focus follows the option), then take it out again.
    await page.getByRole('button', { name: 'Rank Funding' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move Funding up');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.ranked-item .ranked-label').allTextContents())
      .toEqual(['Awareness', 'Research', 'Funding', 'Enforcement']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Move Funding up',
    );
    await page.getByRole('button', { name: 'Remove Funding from the ranking' }).press('Enter');
    await expect.poll(() => page.locator('.ranked-item').count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);

    await openSection(page, /Species/);
    // Rows filtered by the engine: Great Bustard does not occur in France.
    expect(await page.getByRole('rowheader').allTextContents()).toEqual([
      'Greater Spotted Eagle',
      'Common Crane',
    ]);
    await q(page, 'species_status.aquila_clanga.population').fill('12');
    await q(page, 'species_status.grus_grus.pop_trend').selectOption('up');
    await page.getByRole('button', { name: 'Add a row' }).click();
    await q(page, 'new_sites.0.site_name').fill('Camargue');
    await q(page, 'new_sites.0.site_area').fill('1500');
    await page.getByRole('button', { name: 'Add a row' }).click();
    await q(page, 'new_sites.1.site_name').fill('Baie de Somme');
    // Typing in a row re-renders that field only, not the repeat nor its other rows.
    const counts = () => page.evaluate(() => ({ ...(window.__orsRenderCounts ?? {}) }));
    const before = await counts();
    await q(page, 'new_sites.1.site_name').press('End');
    await q(page, 'new_sites.1.site_name').pressSequentially('!');
    await q(page, 'new_sites.1.site_name').press('Backspace');
    const after = await counts();
    expect(Object.keys(after).filter((key) => after[key] !== before[key])).toEqual(['new_sites.1.site_name']);
    await page.getByRole('button', { name: 'Move Row 2 up' }).click();
    await expect.poll(() => q(page, 'new_sites.0.site_name').inputValue()).toBe('Baie de Somme');
    // One block per chosen threat, with a nested loop per species.
    expect(await page.locator('.loop-block > legend').allTextContents()).toEqual(
      expect.arrayContaining(['Hunting', 'Habitat loss']),
    );
    await q(page, 'threat_detail.hunting.measures').fill('Hunting bans');
    await page
      .locator('[id="item-threat_detail.hunting.by_species.grus_grus.impact"]')
      .getByLabel('High')
      .check();
    // Uploads are on (test/browser/collab.test.ts uploads a file).
    expect(await q(page, 'evidence').isDisabled()).toBe(false);
    await screenshot(page, 'report-species');
    expect(await seriousViolations(page)).toEqual([]);
    await saved(page).toBe('saved');

    await page.reload();
    await q(page, 'new_sites.0.site_name').waitFor();
    expect(await q(page, 'new_sites.0.site_name').inputValue()).toBe('Baie de Somme');
    expect(await q(page, 'new_sites.1.site_name').inputValue()).toBe('Camargue');
    expect(await q(page, 'new_sites.1.site_area').inputValue()).toBe('1500');
    expect(await q(page, 'species_status.aquila_clanga.population').inputValue()).toBe('12');
    expect(await q(page, 'species_status.grus_grus.pop_trend').inputValue()).toBe('up');
    expect(await q(page, 'threat_detail.hunting.measures').inputValue()).toBe('Hunting bans');
    expect(
      await page
        .locator('[id="item-threat_detail.hunting.by_species.grus_grus.impact"]')
        .getByLabel('High')
        .isChecked(),
    ).toBe(true);
    await openSection(page, /Choices/);
    expect(await page.getByLabel('Stable').isChecked()).toBe(true);
    expect(await q(page, 'region').inputValue()).toBe('europe');
    expect(await page.getByLabel('Habitat loss').isChecked()).toBe(true);
    expect(await q(page, 'threats_other').inputValue()).toBe('Wind farms');
    expect(await page.locator('.ranked-item .ranked-label').allTextContents()).toEqual([
      'Awareness',
      'Research',
      'Enforcement',
    ]);
    await openSection(page, /General information/);
    expect(await q(page, 'org_name').inputValue()).toBe('Ministry of Ecology');
    expect(await q(page, 'contact_email').inputValue()).toBe('focal@example.org');
    expect(await q(page, 'website').inputValue()).toBe('https://example.org');
    expect(await q(page, 'summary').inputValue()).toBe('A short summary.');
    expect(await q(page, 'last_review').inputValue()).toBe('2025-06-30');
    expect(await q(page, 'pa_area').inputValue()).toBe('100');
    expect(await q(page, 'pa_mean').textContent()).toContain('25');
    await screenshot(page, 'report-general');
  });

  it('keeps what is typed while the server is unreachable, across a reload, and saves it when it returns', async () => {
    await page.route('**/api/reports/*/answers', (route) => route.abort('internetdisconnected'));
    await q(page, 'summary').fill('Typed while offline');
    await saved(page).toBe('offline');
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /Offline/ })
        .count(),
    ).toBe(1);
    await page.reload();
    await q(page, 'summary').waitFor();
    expect(await q(page, 'summary').inputValue()).toBe('Typed while offline');
    await saved(page).toBe('offline');
    await page.unroute('**/api/reports/*/answers');
    await saved(page).toBe('saved');
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('ors:pending:')),
    );
    expect(stored).toEqual([]);
  });

  it('shows a conflict between two people and lets the person keep their answer', async () => {
    const other = await ctx.browser.newContext({ locale: 'en-GB' });
    const otherPage = await other.newPage();
    await signIn(otherPage, ctx.baseUrl, colleague);
    await otherPage.goto(reportUrl);
    await q(otherPage, 'org_name').waitFor();
    // The first person's page still stands on the revision it loaded; the colleague saves first.
    await q(otherPage, 'org_name').fill('Ministry of the Environment');
    await saved(otherPage).toBe('saved');
    await q(page, 'org_name').fill('Ministry of Ecological Transition');
    await saved(page).toBe('conflict');
    const conflict = page.locator('[data-conflict="org_name"]');
    expect(await conflict.locator('[data-side="theirs"]').textContent()).toBe('Ministry of the Environment');
    expect(await conflict.locator('[data-side="mine"]').textContent()).toBe(
      'Ministry of Ecological Transition',
    );
    await screenshot(page, 'report-conflict');
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await saved(page).toBe('saved');
    await otherPage.reload();
    await q(otherPage, 'org_name').waitFor();
    expect(await q(otherPage, 'org_name').inputValue()).toBe('Ministry of Ecological Transition');

    // Again on another question, and this time the person takes the colleague's answer.
    await q(otherPage, 'summary').fill('Summary by the colleague');
    await saved(otherPage).toBe('saved');
    await q(page, 'summary').fill('My summary');
    await saved(page).toBe('conflict');
    await page.locator('[data-conflict="summary"]').getByRole('button', { name: 'Take theirs' }).click();
    await saved(page).toBe('saved');
    expect(await q(page, 'summary').inputValue()).toBe('Summary by the colleague');
    expect(await page.locator('[data-conflict]').count()).toBe(0);
    await other.close();
  });

  it('switches the interface and the questionnaire to French and back', async () => {
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await page.getByRole('heading', { name: 'Informations générales' }).waitFor();
    expect(await page.getByText("Nom de l'institution").count()).toBe(1);
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: 'Toutes les modifications sont enregistrées' })
        .count(),
    ).toBe(1);
    await screenshot(page, 'report-french');
    await page.reload();
    await page.getByRole('heading', { name: 'Informations générales' }).waitFor();
    // A constraint message in the person's language, from the definition.
    await q(page, 'pa_area').fill('200000');
    await page.getByText('La superficie doit être inférieure à 100 000 km².').waitFor();
    expect(await q(page, 'pa_area').getAttribute('aria-invalid')).toBe('true');
    await q(page, 'pa_area').fill('100');
    await expect.poll(() => page.getByText('La superficie doit être inférieure').count()).toBe(0);
    await page.getByLabel('Langue', { exact: true }).selectOption('en');
    await page.getByRole('heading', { name: 'General information' }).waitFor();
  });

  it('refuses to submit while an issue remains, then submits and shows the report read-only', async () => {
    await q(page, 'org_name').fill('');
    await saved(page).toBe('saved');
    await openSection(page, /Submit the report/);
    const issueLink = page.locator('.issue-links a', { hasText: 'Name of the reporting institution' });
    await issueLink.waitFor();
    await page.getByRole('button', { name: 'Submit the report' }).click();
    await page.locator('.submit-outcome .issue').waitFor();
    await screenshot(page, 'report-submit-refused');
    await issueLink.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q-org_name');
    await page.keyboard.type('Ministry of Ecology');
    await saved(page).toBe('saved');
    await openSection(page, /Submit the report/);
    await page.getByText('Every required answer is given').waitFor();
    await page.getByRole('button', { name: 'Submit the report' }).click();
    await page.getByText(/can no longer be changed/).waitFor();
    expect(await q(page, 'org_name').isDisabled()).toBe(true);
    expect(await page.getByRole('link', { name: 'Download as PDF' }).getAttribute('href')).toMatch(
      /format=pdf/,
    );
    await page.getByRole('button', { name: 'Request reopening' }).click();
    await page.getByLabel('Why should the report be reopened?').fill('A figure was wrong.');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.getByText(/Reopening was requested/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'report-submitted');
  });
});
