import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../helpers/auth.ts';
import { testDefinition } from '../helpers/reporting.ts';
import {
  adminCall,
  createPerson,
  screenshot,
  seriousViolations,
  signIn,
  startServerAndBrowser,
} from './helpers.ts';

const ctx = startServerAndBrowser();
type Person = { email: string; password: string; name: string };
let secretariat: Person;
let focalPoint: Person;
let deskContext: BrowserContext;
let focalContext: BrowserContext;
let desk: Page;
let focal: Page;
let cycleUrl: string;

/** The row of a Party in the dashboard's table. */
const row = (page: Page, party: string) =>
  page.locator('.desk-table tbody tr', { has: page.getByRole('rowheader', { name: new RegExp(party) }) });

beforeAll(async () => {
  await adminCall(ctx, 'POST', '/api/instruments', {
    code: 'CMS',
    name: { en: 'Convention on Migratory Species', fr: 'Convention sur les espèces migratrices' },
    languages: ['en', 'fr', 'es'],
  });
  for (const [code, name] of [
    ['FRA', 'France'],
    ['DEU', 'Germany'],
    ['KEN', 'Kenya'],
  ] as const) {
    await adminCall(ctx, 'POST', '/api/parties', { code, name: { en: name } });
    await adminCall(ctx, 'PUT', `/api/instruments/CMS/parties/${code}`, {});
  }
  // The questionnaire is designed and published through the API, as the designer would.
  const designer = await bearerFor(ctx.app, ['secretariat:CMS']);
  await adminCall(ctx, 'POST', '/api/questionnaires', testDefinition(), designer);
  await adminCall(ctx, 'POST', '/api/questionnaires/cms-test-report/publish', undefined, designer);
  secretariat = await createPerson(ctx, ['secretariat:CMS'], 'Amy Fraenkel');
  focalPoint = await createPerson(ctx, ['focal_point:FRA:CMS'], 'Marie Curie');
  await createPerson(ctx, ['focal_point:DEU:CMS'], 'Max Planck');
  deskContext = await ctx.browser.newContext({ locale: 'en-GB' });
  focalContext = await ctx.browser.newContext({ locale: 'en-GB' });
  desk = await deskContext.newPage();
  focal = await focalContext.newPage();
  for (const page of [desk, focal]) {
    page.setDefaultTimeout(8000);
    page.on('pageerror', (error) => console.error('page error:', error));
  }
}, 60_000);

afterAll(async () => {
  await deskContext?.close();
  await focalContext?.close();
});

describe("the secretariat's desk", { timeout: 60_000 }, () => {
  it('opens a cycle for two of the three member Parties', async () => {
    await signIn(desk, ctx.baseUrl, secretariat);
    await desk
      .getByRole('navigation')
      .getByRole('link', { name: /cycles/i })
      .click();
    await desk.getByRole('heading', { name: 'Reporting cycles' }).waitFor();
    await desk.getByText('There is no reporting cycle yet.').waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
    await screenshot(desk, 'desk-cycles-empty');

    await desk.getByRole('link', { name: 'Open a new cycle' }).click();
    await desk.getByRole('heading', { name: 'Open a reporting cycle' }).waitFor();
    await expect.poll(() => desk.getByLabel('Published questionnaire').inputValue()).toBe('cms-test-report');
    await expect.poll(() => desk.getByLabel('Version').inputValue()).toBe('1');
    await desk.getByText('3 of 3 member Parties chosen.').waitFor();
    await desk.getByLabel('Title of the cycle').fill('Reports to COP15');
    await desk.getByLabel('Opening date').fill('2026-01-01');
    await desk.getByLabel('Deadline').fill('2025-12-01');
    await desk.getByLabel('Kenya (KEN)').uncheck();
    await desk.getByText('2 of 3 member Parties chosen.').waitFor();
    await desk.getByRole('button', { name: 'Open the cycle' }).click();
    await desk.getByText('The deadline cannot come before the opening date.').waitFor();
    expect(await desk.getByLabel('Deadline').getAttribute('aria-invalid')).toBe('true');
    await desk.getByLabel('Deadline').fill('2027-03-31');
    expect(await seriousViolations(desk)).toEqual([]);
    await screenshot(desk, 'desk-open-cycle');
    await desk.getByRole('button', { name: 'Open the cycle' }).click();

    await desk.waitForURL(/\/cycles\/\d+/);
    cycleUrl = desk.url().replace(/\?.*$/, '');
    await desk.getByRole('heading', { name: 'Reports to COP15' }).waitFor();
    await desk.getByText('The cycle is open: 2 reports were created.').waitFor();
    expect(await desk.getByRole('rowheader').allTextContents()).toEqual(['France (FRA)', 'Germany (DEU)']);
    await desk.getByRole('img', { name: 'Reports by status (2 reports)' }).waitFor();
    await desk.getByRole('img', { name: 'Reports by status, day by day' }).waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
  });

  it('reminds a Party by keyboard alone, and the reminder waits in the outbox', async () => {
    await row(desk, 'Germany')
      .getByRole('button', { name: /Actions/ })
      .focus();
    await desk.keyboard.press('Enter');
    await expect.poll(() => desk.evaluate(() => document.activeElement?.textContent)).toBe('Germany (DEU)');
    await desk.keyboard.press('Tab');
    await desk.keyboard.press('Tab');
    await desk.keyboard.type('Two weeks left.');
    await desk.getByRole('button', { name: 'Send a reminder' }).press('Enter');
    await desk.getByText('A reminder to Germany is queued for 1 focal point.').waitFor();
    const mail = await ctx.app.db
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('kind', '=', 'report-reminder')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe("ORS: Reminder: DEU's report to CMS is due");
    expect(mail.body).toContain('Two weeks left.');
    await desk.getByRole('button', { name: 'Close this panel' }).click();
  });

  it('shows the report a focal point fills in and submits in another browser as submitted', async () => {
    await signIn(focal, ctx.baseUrl, focalPoint);
    await focal.getByRole('link', { name: /France/ }).click();
    await focal.waitForURL(/\/reports\/\d+/);
    await focal.locator('[id="q-focal_point_name"]').fill('Marie Curie');
    await focal.locator('[id="q-pa_count"]').fill('12');
    await expect
      .poll(() => focal.locator('[data-status]').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('saved');
    await focal
      .getByRole('navigation')
      .getByRole('link', { name: /Submit the report/ })
      .click();
    await focal.getByText('Every required answer is given').waitFor();
    await focal.getByRole('button', { name: 'Submit the report' }).click();
    await focal.getByText(/can no longer be changed/).waitFor();

    await desk.reload();
    await row(desk, 'France').getByText('Submitted').first().waitFor();
    expect(await row(desk, 'France').getByText('100%').count()).toBe(1);
    await desk.getByRole('img', { name: 'Reports by status (2 reports)' }).waitFor();
    expect(await desk.locator('figure desc').first().textContent()).toBe(
      'Not started: 1; In progress: 0; Submitted: 1',
    );
    const progress = desk.locator('figure', {
      has: desk.getByRole('img', { name: 'Average progress of the reports, day by day' }),
    });
    expect(await progress.locator('desc').textContent()).toMatch(
      /On the last day: average progress 50%; 1 of 2 reports complete\.$/,
    );
    await progress.getByText('Show the figures as a table').click();
    const lastDay = progress.getByRole('table').getByRole('row').last();
    expect(await lastDay.getByRole('cell').allTextContents()).toEqual(['50%', '1']);
    await progress.getByText('Show the figures as a table').click();
    await progress.getByRole('table').waitFor({ state: 'hidden' });
  });

  it('filters by status and by Party, and sorts by any column', async () => {
    await desk.getByLabel('Show').selectOption('submitted');
    await desk.getByText('Showing 1 of 2 reports.').waitFor();
    expect(await desk.getByRole('rowheader').allTextContents()).toEqual(['France (FRA)']);
    // The view is in the address: a reload (or a bookmark) shows the same.
    await expect.poll(() => new URL(desk.url()).search).toBe('?status=submitted');
    await desk.reload();
    await desk.getByText('Showing 1 of 2 reports.').waitFor();
    expect(await desk.getByLabel('Show').inputValue()).toBe('submitted');
    expect(await desk.getByText('The cycle is open').count()).toBe(0);
    await desk.getByLabel('Show').selectOption('');
    await desk.getByLabel('Search a Party').fill('germ');
    await desk.getByText('Showing 1 of 2 reports.').waitFor();
    expect(await desk.getByRole('rowheader').allTextContents()).toEqual(['Germany (DEU)']);
    await desk.getByLabel('Search a Party').fill('');
    const progressHeader = desk.getByRole('columnheader', { name: /Progress/ });
    await progressHeader.getByRole('button').click();
    expect(await progressHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await desk.getByRole('rowheader').allTextContents()).toEqual(['Germany (DEU)', 'France (FRA)']);
    await progressHeader.getByRole('button').press('Enter');
    expect(await progressHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await desk.getByRole('rowheader').allTextContents()).toEqual(['France (FRA)', 'Germany (DEU)']);
    await screenshot(desk, 'desk-dashboard');
  });

  it("reopens the report at the Party's request, and the focal point can change it again", async () => {
    await focal.getByRole('button', { name: 'Request reopening' }).click();
    await focal.getByLabel('Why should the report be reopened?').fill('A figure was wrong.');
    await focal.getByRole('button', { name: 'Send the request' }).click();
    await focal.getByText(/Reopening was requested/).waitFor();

    await desk.reload();
    await desk.getByRole('heading', { name: 'Request to reopen waiting for a decision (1)' }).waitFor();
    await desk.getByText('A figure was wrong.').waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
    await screenshot(desk, 'desk-reopen-request');
    await desk.getByRole('button', { name: 'Accept and reopen France' }).click();
    await desk.getByText("France's report is reopened.").waitFor();
    await desk.getByText('No Party is waiting for its report to be reopened.').waitFor();
    await row(desk, 'France').getByText('In progress').waitFor();

    await focal.reload();
    await focal.locator('[id="q-pa_count"]').waitFor();
    expect(await focal.locator('[id="q-pa_count"]').isDisabled()).toBe(false);
  });

  it('publishes a submitted report from its panel, moves the deadline and closes the cycle', async () => {
    const frenchReport = await ctx.app.db
      .selectFrom('reports')
      .select('id')
      .where('party_code', '=', 'FRA')
      .executeTakeFirstOrThrow();
    await adminCall(
      ctx,
      'POST',
      `/api/reports/${frenchReport.id}/submit-on-behalf`,
      { note: 'As sent' },
      {
        authorization: (await bearerFor(ctx.app, ['secretariat:CMS'])).authorization,
      },
    );
    await desk.reload();
    await row(desk, 'France')
      .getByRole('button', { name: /Actions/ })
      .click();
    await desk.getByRole('button', { name: 'Publish on the portal' }).click();
    await desk.getByText("France's report is published on the portal.").waitFor();
    await desk.getByRole('button', { name: 'Withdraw from the portal' }).waitFor();
    expect(await seriousViolations(desk)).toEqual([]);

    await desk.getByLabel('Message to the Parties (optional)').fill('Please report by the deadline.');
    await desk.getByRole('button', { name: 'Remind the one Party that has not submitted' }).click();
    await desk.getByText('A reminder is queued for 1 Party.').waitFor();

    await desk.getByLabel('Deadline', { exact: true }).fill('2027-06-30');
    await desk.getByRole('button', { name: 'Move the deadline' }).click();
    await desk.getByText(/The deadline is now (30 June|June 30,) 2027./).waitFor();
    await desk.getByRole('button', { name: 'Close the cycle…' }).click();
    await desk.getByRole('button', { name: 'Yes, close the cycle' }).click();
    await desk.getByText('The cycle is closed.').waitFor();
    await desk.getByRole('button', { name: 'Open the cycle again' }).waitFor();
    await screenshot(desk, 'desk-dashboard-closed');

    await desk.goto(`${ctx.baseUrl}/cycles`);
    const cycleRow = desk.getByRole('row', { name: /Reports to COP15/ });
    await cycleRow.getByText('Closed').waitFor();
    expect(await cycleRow.getByText('1 of 2').count()).toBe(1);
    expect(await seriousViolations(desk)).toEqual([]);
    await screenshot(desk, 'desk-cycles');
    expect(cycleUrl).toMatch(/\/cycles\/\d+$/);
  });

  it('shows the dashboard in French', async () => {
    await desk.goto(cycleUrl);
    await desk.getByLabel('Language', { exact: true }).selectOption('fr');
    await desk.getByRole('heading', { name: 'Rapports des Parties' }).waitFor();
    await desk.getByRole('img', { name: 'Rapports par statut (2 rapports)' }).waitFor();
    expect(await seriousViolations(desk)).toEqual([]);
  });
});
