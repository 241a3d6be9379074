import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../helpers/auth.ts';
import {
  adminCall,
  createPerson,
  screenshot,
  seedCycle,
  seriousViolations,
  signIn,
  startServerAndBrowser,
} from './helpers.ts';

/** Two sections: general questions (prefilled from the last cycle), and species with a file and a loop. */
const definition = {
  format: 'ors-questionnaire@1',
  key: 'browser-collab',
  instrument: 'CMS',
  title: { en: 'Collaboration', fr: 'Collaboration', es: 'Colaboración' },
  defaultLanguage: 'en',
  languages: ['en', 'fr', 'es'],
  codeLists: {
    species: [
      { value: 'aquila_clanga', label: { en: 'Greater Spotted Eagle' } },
      { value: 'otis_tarda', label: { en: 'Great Bustard' } },
    ],
  },
  sections: [
    {
      id: 'general',
      title: { en: 'General information' },
      items: [
        { id: 'focal_point_name', type: 'text', label: { en: 'Name of the national focal point' } },
        { id: 'pa_count', type: 'integer', label: { en: 'Number of protected areas' }, min: 0 },
      ],
    },
    {
      id: 'species',
      title: { en: 'Species' },
      items: [
        {
          id: 'action_plan',
          type: 'file',
          label: { en: 'National action plan' },
          accept: ['application/pdf'],
          maxSizeMB: 5,
        },
        {
          id: 'species_status',
          type: 'loop',
          over: 'species',
          label: { en: 'Status of each species' },
          items: [{ id: 'population', type: 'integer', label: { en: 'Population' }, min: 0 }],
        },
      ],
    },
  ],
};

const ctx = startServerAndBrowser();
let focal: { email: string; password: string; name: string };
let alice: { email: string; password: string; name: string };
let focalContext: BrowserContext;
let aliceContext: BrowserContext;
let page: Page;
let reportId: number;
let france: { authorization: string };

const q = (p: Page, key: string) => p.locator(`[id="q-${key}"]`);
const saved = (p: Page) =>
  expect.poll(() => p.locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 });
const api = (url: string) => adminCall(ctx, 'GET', url, undefined, france);

/** A PDF file-type recognises, `size` bytes long. */
function pdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
  const body = Buffer.alloc(size - head.length);
  for (let i = 0; i < body.length; i++) body[i] = 32 + (i % 90);
  return Buffer.concat([head, body]);
}

beforeAll(async () => {
  const firstCycle = await seedCycle(ctx, definition);
  france = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
  // Last cycle's report, submitted: the source of the prefill proposals.
  const first = await adminCall(ctx, 'GET', `/api/cycles/${firstCycle}/reports/FRA`, undefined, france);
  await adminCall(
    ctx,
    'PATCH',
    `/api/reports/${first.id}/answers`,
    { baseRevision: 0, set: { focal_point_name: 'Marie Curie', pa_count: 12 } },
    france,
  );
  await adminCall(ctx, 'POST', `/api/reports/${first.id}/submit`, {}, france);
  const cycle = await adminCall(
    ctx,
    'POST',
    '/api/cycles',
    {
      instrument: 'CMS',
      questionnaire: definition.key,
      version: 1,
      title: 'COP16 national reports',
      opensAt: '2027-01-01',
      closesAt: '2029-03-31',
    },
    ctx.secretariat,
  );
  reportId = (await adminCall(ctx, 'GET', `/api/cycles/${cycle.id}/reports/FRA`, undefined, france)).id;

  focal = await createPerson(ctx, ['focal_point:FRA:CMS'], 'Fatima Focal');
  alice = await createPerson(ctx, ['contributor:FRA:CMS'], 'Alice Contributor');
  focalContext = await ctx.browser.newContext({ locale: 'en-GB' });
  page = await focalContext.newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (error) => console.error('page error:', error));
  await signIn(page, ctx.baseUrl, focal);
}, 60_000);

afterAll(async () => {
  await aliceContext?.close();
  await focalContext?.close();
});

describe('working on a report together', { timeout: 60_000 }, () => {
  it('offers last cycle’s answers with their source, applies none unasked, and applies the one accepted', async () => {
    await page.goto(`${ctx.baseUrl}/reports/${reportId}`);
    const panel = page.locator('.prefill-panel');
    await panel.locator('summary').click();
    await expect.poll(() => panel.locator('.prefill-list li').count()).toBe(2);
    expect(await panel.textContent()).toContain('From your previous report to CMS (COP15 national reports)');
    expect(await q(page, 'focal_point_name').inputValue()).toBe('');
    expect((await api(`/api/reports/${reportId}`)).answers).toEqual({});

    await panel
      .getByRole('button', { name: /Accept “Marie Curie” for Name of the national focal point/ })
      .click();
    await expect.poll(() => q(page, 'focal_point_name').inputValue()).toBe('Marie Curie');
    expect(await q(page, 'pa_count').inputValue()).toBe('');
    expect((await api(`/api/reports/${reportId}`)).answers).toEqual({ focal_point_name: 'Marie Curie' });
    const history = await api(`/api/reports/${reportId}/history`);
    expect(history.changes).toEqual([
      expect.objectContaining({ itemId: 'focal_point_name', source: 'prefill' }),
    ]);
    await expect
      .poll(() => page.locator('[id="item-focal_point_name"] .answered-by').textContent())
      .toMatch(/Prefilled by Fatima Focal on/);
  });

  it('uploads a file with a progress bar, refuses a renamed program, says when offline, and serves the file after a reload', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Species' }).click();
    await q(page, 'action_plan').waitFor();
    await page.evaluate(() => {
      const seen = window as unknown as { __sawProgress?: boolean };
      seen.__sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('progress.upload-progress')) seen.__sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const content = pdf(2 * 1024 * 1024);
    await q(page, 'action_plan').setInputFiles({
      name: 'plan.pdf',
      mimeType: 'application/pdf',
      buffer: content,
    });
    const link = page.locator('[id="item-action_plan"] .files a');
    await link.waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { __sawProgress?: boolean }).__sawProgress)).toBe(
      true,
    );
    expect(await link.textContent()).toBe('plan.pdf');
    expect(await page.locator('[id="item-action_plan"] .file-size').textContent()).toBe('(2 MB)');
    await saved(page).toBe('saved');

    // A program renamed .pdf is refused, and offline the upload says so; the saved file stays.
    const alert = page.locator('[id="item-action_plan"] [role="alert"]');
    const exe = Buffer.alloc(1024, 0);
    exe.write('MZ', 0, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write('PE\0\0', 0x80, 'latin1');
    await q(page, 'action_plan').setInputFiles({
      name: 'virus.pdf',
      mimeType: 'application/pdf',
      buffer: exe,
    });
    await expect.poll(() => alert.textContent()).toContain("the file's content is application/x-msdownload");
    await focalContext.setOffline(true);
    await q(page, 'action_plan').setInputFiles({
      name: 'other.pdf',
      mimeType: 'application/pdf',
      buffer: pdf(2000),
    });
    await expect.poll(() => alert.textContent()).toContain('you seem to be offline');
    await focalContext.setOffline(false);
    expect(await link.textContent()).toBe('plan.pdf');

    await page.reload();
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    const downloaded = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        bytes: Array.from(bytes.slice(0, 64)),
        size: bytes.length,
      };
    }, href);
    expect(downloaded).toMatchObject({ status: 200, type: 'application/pdf', size: content.length });
    expect(downloaded.bytes).toEqual(Array.from(content.subarray(0, 64)));
  });

  it('hands some species to a colleague, with no serious accessibility violation in the panels', async () => {
    const panel = page.locator('details.collab-panel').filter({ hasText: 'Hand a section to a colleague' });
    await panel.locator('summary').click();
    await panel
      .getByLabel('Colleague (contributor)')
      .selectOption({ label: `Alice Contributor (${alice.email})` });
    await panel.getByLabel('Section').selectOption({ label: 'Species' });
    await panel.getByLabel('Some entries of “Status of each species”').check();
    await panel.getByLabel('Great Bustard').check();
    await panel.getByRole('button', { name: 'Hand over' }).click();
    await expect
      .poll(() => panel.locator('.handover-list').textContent())
      .toContain(
        '“Status of each species” for Great Bustard (section “Species”): handed to Alice Contributor',
      );
    const mail = await ctx.app.db
      .selectFrom('outbox')
      .select('to_address')
      .where('kind', '=', 'report-handed-over')
      .execute();
    expect(mail.map((each) => each.to_address)).toEqual([alice.email]);
    await page.locator('.prefill-panel summary').click();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'report-collaboration');
  });

  it('lets the colleague, in another browser, change only the species handed to it', async () => {
    aliceContext = await ctx.browser.newContext({ locale: 'en-GB' });
    const other = await aliceContext.newPage();
    other.setDefaultTimeout(8000);
    other.on('pageerror', (error) => console.error('page error:', error));
    await signIn(other, ctx.baseUrl, alice);
    await other.goto(`${ctx.baseUrl}/reports/${reportId}`);
    await other
      .locator('.handed-to-you li > span')
      .getByText('“Status of each species” for Great Bustard (section “Species”)')
      .waitFor();
    await q(other, 'focal_point_name').waitFor();
    expect(await q(other, 'focal_point_name').isEditable()).toBe(false);
    // A contributor never submits.
    expect(await other.getByRole('navigation').getByRole('link', { name: 'Submit the report' }).count()).toBe(
      0,
    );

    await other.getByRole('navigation').getByRole('link', { name: 'Species' }).click();
    await q(other, 'species_status.otis_tarda.population').waitFor();
    expect(await q(other, 'species_status.aquila_clanga.population').isEditable()).toBe(false);
    expect(await q(other, 'action_plan').isDisabled()).toBe(true);
    await q(other, 'species_status.otis_tarda.population').fill('7');
    await saved(other).toBe('saved');
    expect(await seriousViolations(other)).toEqual([]);
    await screenshot(other, 'report-contributor');

    const report = await api(`/api/reports/${reportId}`);
    expect(report.answers.species_status).toEqual({ otis_tarda: { population: 7 } });
    const contributions = await api(`/api/reports/${reportId}/contributions`);
    expect(contributions.answers.species_status.user.name).toBe('Alice Contributor');

    await other
      .getByRole('button', { name: /^Mark “Status of each species” for Great Bustard .* as done$/ })
      .click();
    await other
      .locator('.handed-to-you .notice')
      .getByText(/is marked done/)
      .waitFor();

    await page.reload();
    await expect
      .poll(() => page.locator('[id="item-species_status"] > .answered-by').textContent())
      .toMatch(/Answered by Alice Contributor on/);
    expect(await page.locator('.handover-list').textContent()).toMatch(
      /handed to Alice Contributor on .* — done on /,
    );
  });
});
