import { describe, expect, it } from 'vitest';
import { adminCall, createPerson, screenshot, seriousViolations, startServerAndBrowser } from './helpers.ts';

/** The link the outbox holds for `email` (the last message of `kind`). */
async function linkInOutbox(ctx: ReturnType<typeof startServerAndBrowser>, email: string, kind: string) {
  const mail = await ctx.app.db
    .selectFrom('outbox')
    .select('body')
    .where('to_address', '=', email)
    .where('kind', '=', kind)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const link = /https?:\/\/\S+#token=\S+/.exec(mail.body)?.[0];
  if (!link) throw new Error(`no link in: ${mail.body}`);
  // The mail points at PUBLIC_URL (unset here: the configured HOST and PORT); the test server listens elsewhere.
  return `${ctx.baseUrl}${new URL(link).pathname}${new URL(link).hash}`;
}

describe('account pages', () => {
  const ctx = startServerAndBrowser();

  it('a person who forgot their password asks for a link, chooses a new password and signs in with it', async () => {
    const person = await createPerson(ctx, ['analyst'], 'Forgetful Analyst');
    const page = await ctx.browser.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${ctx.baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/reset-password');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('E-mail address').fill(person.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('a link is on its way');

    const link = await linkInOutbox(ctx, person.email, 'password-reset');
    // As from the e-mail: a fresh page load, not a change of the fragment of the page already open.
    await page.goto('about:blank');
    await page.goto(link);
    await page.getByLabel('New password').waitFor();
    // The token leaves the address bar at once.
    expect(new URL(page.url()).hash).toBe('');
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.locator('#new-password-error').waitFor();
    await page.getByLabel('New password').fill('a brand new password');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByText('Your password is set.').waitFor();
    await screenshot(page, 'account-password-set');

    // The same link does not work twice.
    await page.goto('about:blank');
    await page.goto(link);
    await page.getByLabel('New password').fill('another new password');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await page.getByText('This link is not valid or has expired.').waitFor();

    await page.goto(`${ctx.baseUrl}/sign-in`);
    await page.getByLabel('E-mail address').fill(person.email);
    await page.getByLabel('Password').fill('a brand new password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText(/Signed in as Forgetful Analyst/).waitFor();
    await page.close();
  });

  it('an invited person chooses a password on the invitation page and is signed in', async () => {
    const email = 'new.focal.point@example.org';
    await adminCall(ctx, 'POST', '/api/instruments', { code: 'CMS', name: { en: 'CMS' } });
    await adminCall(ctx, 'POST', '/api/parties', { code: 'FRA', name: { en: 'France' } });
    await adminCall(ctx, 'POST', '/api/invitations', { email, roles: ['focal_point:FRA:CMS'] });
    const page = await ctx.browser.newPage();
    await page.goto(await linkInOutbox(ctx, email, 'invitation'));
    await page.getByRole('heading', { name: 'Welcome to ORS' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-invitation');
    await page.getByLabel('Your name').fill('Camille Martin');
    await page.getByLabel('New password').fill('my own password 2026');
    await page.getByRole('button', { name: 'Open my account' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('Signed in as Camille Martin').waitFor();
    await page.close();
  });
});
