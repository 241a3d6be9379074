import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../helpers/auth.ts';
import { mailsTo } from '../helpers/collaboration.ts';
import {
  adminCall,
  createPerson,
  screenshot,
  seedCycle,
  seriousViolations,
  signIn,
  startServerAndBrowser,
} from './helpers.ts';

const definition = {
  format: 'ors-questionnaire@1',
  key: 'browser-invite',
  instrument: 'CMS',
  title: { en: 'Invitation', fr: 'Invitation', es: 'Invitación' },
  defaultLanguage: 'en',
  languages: ['en', 'fr', 'es'],
  sections: [
    {
      id: 'general',
      title: { en: 'General information' },
      items: [{ id: 'focal_point_name', type: 'text', label: { en: 'Name of the national focal point' } }],
    },
    {
      id: 'species',
      title: { en: 'Species' },
      items: [{ id: 'species_count', type: 'integer', label: { en: 'Number of species' }, min: 0 }],
    },
  ],
};

const ctx = startServerAndBrowser();
const email = 'nora.new@example.org';
let focalContext: BrowserContext;
let noraContext: BrowserContext;
let page: Page;
let reportId: number;
let france: { authorization: string };

const q = (p: Page, key: string) => p.locator(`[id="q-${key}"]`);

beforeAll(async () => {
  const cycle = await seedCycle(ctx, definition);
  france = await bearerFor(ctx.app, ['focal_point:FRA:CMS']);
  reportId = (await adminCall(ctx, 'GET', `/api/cycles/${cycle}/reports/FRA`, undefined, france)).id;
  const focal = await createPerson(ctx, ['focal_point:FRA:CMS'], 'Fatima Focal');
  focalContext = await ctx.browser.newContext({ locale: 'en-GB' });
  page = await focalContext.newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (error) => console.error('page error:', error));
  await signIn(page, ctx.baseUrl, focal);
}, 60_000);

afterAll(async () => {
  await noraContext?.close();
  await focalContext?.close();
});

describe('inviting a colleague from the hand-over panel', { timeout: 60_000 }, () => {
  it('invites a colleague, who is chosen at once and handed a section; both e-mails are in the outbox', async () => {
    await page.goto(`${ctx.baseUrl}/reports/${reportId}`);
    const panel = page.locator('details.collab-panel').filter({ hasText: 'Hand a section to a colleague' });
    await panel.locator('summary').click();
    await panel.getByText('No contributor of your country is registered').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // By keyboard: the form's fields in order, then Enter sends it.
    await panel.getByLabel("Colleague's e-mail address").focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nora New');
    await page.keyboard.press('Tab');
    await panel.getByLabel('Language of the invitation').selectOption({ label: 'Français' });
    await panel.getByLabel("Colleague's e-mail address").press('Enter');
    await expect
      .poll(() => panel.locator('[aria-live="polite"]').textContent())
      .toContain(`An invitation was sent to ${email}.`);
    const who = panel.getByLabel('Colleague (contributor)');
    await expect
      .poll(async () => who.locator('option:checked').textContent())
      .toBe(`Nora New (${email}) — invitation not accepted yet`);
    const user = await ctx.app.db
      .selectFrom('users')
      .select(['language', 'password_hash'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ language: 'fr', password_hash: null });

    // Inviting the same colleague again sends nothing more: they are chosen.
    await panel.getByLabel("Colleague's e-mail address").fill(email.toUpperCase());
    await panel.getByRole('button', { name: 'Send the invitation' }).click();
    await expect
      .poll(() => panel.locator('[aria-live="polite"]').textContent())
      .toContain(`${email} is already a contributor of your country`);

    // A disabled account cannot be invited: the server's 409 is said in words, and nothing is sent.
    const gone = await createPerson(ctx, ['contributor:FRA:CMS'], 'Dora Disabled');
    await ctx.app.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('email', '=', gone.email)
      .execute();
    await panel.getByLabel("Colleague's e-mail address").fill(gone.email);
    await panel.getByRole('button', { name: 'Send the invitation' }).click();
    await expect
      .poll(() => panel.locator('[aria-live="assertive"]').textContent())
      .toContain(`${gone.email} already has an account that cannot be invited`);
    expect(await mailsTo(ctx.app, gone.email)).toEqual([]);
    await panel.getByLabel("Colleague's e-mail address").fill('');

    await panel.getByLabel('Section').selectOption({ label: 'Species' });
    await panel.getByRole('button', { name: 'Hand over' }).click();
    await expect
      .poll(() => panel.locator('.handover-list').textContent())
      .toContain('the section “Species”: handed to Nora New');
    expect((await mailsTo(ctx.app, email)).map((each) => each.kind)).toEqual([
      'invitation',
      'report-handed-over',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'report-invite-colleague');
  });

  it('lets the colleague accept in another browser, sign in, and change only the section handed to them', async () => {
    const invitation = (await mailsTo(ctx.app, email)).find((each) => each.kind === 'invitation');
    const link = /https?:\/\/\S+#token=\S+/.exec(invitation?.body ?? '')?.[0];
    if (!link) throw new Error(`no link in: ${invitation?.body}`);
    noraContext = await ctx.browser.newContext({ locale: 'en-GB' });
    const other = await noraContext.newPage();
    other.setDefaultTimeout(8000);
    other.on('pageerror', (error) => console.error('page error:', error));
    // The mail points at PUBLIC_URL; the test server listens elsewhere.
    await other.goto(`${ctx.baseUrl}${new URL(link).pathname}${new URL(link).hash}`);
    await other.locator('#invited-password').fill('nora chooses a password');
    await other.locator('button[type="submit"]').click();
    await other.waitForURL((url) => url.pathname === '/');
    // Signed in by accepting; signing in again with the new password works too.
    await noraContext.clearCookies();
    await signIn(other, ctx.baseUrl, { email, password: 'nora chooses a password' });

    await other.goto(`${ctx.baseUrl}/reports/${reportId}`);
    await other.locator('.handed-to-you li').waitFor();
    await q(other, 'focal_point_name').waitFor();
    expect(await q(other, 'focal_point_name').isEditable()).toBe(false);
    await other.getByRole('navigation').getByRole('link', { name: 'Species' }).click();
    await q(other, 'species_count').waitFor();
    expect(await q(other, 'species_count').isEditable()).toBe(true);
    await q(other, 'species_count').fill('7');
    await expect
      .poll(
        async () => (await adminCall(ctx, 'GET', `/api/reports/${reportId}`, undefined, france)).answers,
        {
          timeout: 15_000,
        },
      )
      .toEqual({ species_count: 7 });
  });
});
