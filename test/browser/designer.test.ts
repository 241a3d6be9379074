import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateQuestionnaire } from '../../bench/generate-questionnaire.ts';
import { bearerFor } from '../helpers/auth.ts';
import {
  adminCall,
  createPerson,
  screenshot,
  seriousViolations,
  signIn,
  startServerAndBrowser,
} from './helpers.ts';

const ctx = startServerAndBrowser();
let context: BrowserContext;
let page: Page;
let secretariat: { authorization: string };

const form = (p: Page) => p.locator('.designer-form-panel');
const row = (p: Page, id: string) => p.locator(`li[data-id="${id}"] button.tree-select`);
const saveStatus = (p: Page) =>
  expect.poll(() => p.locator('[data-status]').first().getAttribute('data-status'), { timeout: 15_000 });
/** The draft as the server holds it. */
const savedDraft = async () =>
  (await adminCall(ctx, 'GET', '/api/questionnaires/designer-built/draft', undefined, secretariat))
    .definition;
const errorCount = (p: Page) => p.locator('[data-errors]').getAttribute('data-errors');

/** Types into a CodeMirror expression field, replacing what it holds. */
async function typeExpression(p: Page, name: string, text: string) {
  const field = form(p).getByRole('textbox', { name, exact: true });
  await field.click();
  await p.keyboard.press('Control+A');
  await p.keyboard.press('Backspace');
  await p.keyboard.type(text);
}

/** Adds an item of `type` after (or into) the selected row, and gives it an id and an English label. */
async function addItem(p: Page, type: string, id: string, label: string) {
  await p.locator('#new-item-type').selectOption(type);
  await p.getByRole('button', { name: 'Add item', exact: true }).click();
  await form(p).getByLabel('Id', { exact: true }).first().fill(id);
  await form(p).getByRole('group', { name: 'Label', exact: true }).first().getByLabel('English').fill(label);
  await row(p, id).waitFor();
}

beforeAll(async () => {
  await adminCall(ctx, 'POST', '/api/instruments', {
    code: 'CMS',
    name: { en: 'Convention on Migratory Species' },
    languages: ['en', 'fr', 'es'],
  });
  const person = await createPerson(ctx, ['secretariat:CMS'], 'Amy Fraenkel');
  secretariat = await bearerFor(ctx.app, ['secretariat:CMS']);
  context = await ctx.browser.newContext({ locale: 'en-GB', viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => console.error('page error:', error));
  await signIn(page, ctx.baseUrl, person);
}, 60_000);

afterAll(async () => {
  await context?.close();
});

describe('the questionnaire designer as the secretariat uses it', { timeout: 120_000 }, () => {
  it('creates a questionnaire from nothing', async () => {
    await page.goto(`${ctx.baseUrl}/designer`);
    await page.getByRole('heading', { name: 'New questionnaire' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'designer-list');
    await page.getByLabel('Key').fill('designer-built');
    await page.locator('#new-instrument').selectOption('CMS');
    await page.getByLabel('Title').fill('Built in the designer');
    await page.getByRole('button', { name: 'Create and edit' }).click();
    await page.waitForURL(/\/designer\/designer-built$/);
    await row(page, 'section_1').waitFor();
  });

  it('builds every item type, with a skip rule and a calculation', async () => {
    await row(page, 'section_1').click();
    await addItem(page, 'boolean', 'has_pa', 'Are there protected areas?');
    await form(page)
      .getByRole('group', { name: 'Label', exact: true })
      .first()
      .getByLabel('French')
      .fill('Y a-t-il des aires protégées ?');
    await addItem(page, 'integer', 'pa_count', 'How many protected areas?');
    await form(page).getByLabel('Unit').fill('sites');
    await form(page).getByLabel('Minimum', { exact: true }).fill('0');
    await addItem(page, 'calculated', 'pa_double', 'Twice the count');
    await typeExpression(page, 'Calculation (expression)', 'pa_count * 2');
    await addItem(page, 'text', 'org_name', 'Institution');
    await form(page).getByLabel('Format').selectOption('email');
    await addItem(page, 'textarea', 'summary', 'Summary');
    await addItem(page, 'decimal', 'area', 'Area');
    await addItem(page, 'date', 'last_review', 'Last review');
    await addItem(page, 'choice', 'species', 'Species present');
    await form(page).getByLabel('Several answers allowed').check();
    await form(page).getByRole('button', { name: 'Add an option' }).click();
    await form(page).getByLabel('Value of option 1').fill('eagle');
    await form(page).getByLabel('Label of eagle in English').fill('Eagle');
    await form(page).getByLabel('Value of option 2').fill('crane');
    await form(page).getByLabel('Label of crane in English').fill('Crane');
    await addItem(page, 'ranking', 'priorities', 'Priorities');
    await addItem(page, 'file', 'evidence', 'Evidence');
    await addItem(page, 'note', 'intro', 'Introduction');
    await addItem(page, 'table', 'status', 'Status by year');
    await addItem(page, 'repeat', 'sites', 'Sites');
    await row(page, 'section_1').click();
    await addItem(page, 'group', 'contact', 'Contact');
    await addItem(page, 'text', 'contact_name', 'Contact name');
    await expect.poll(() => page.locator('li[data-id="contact_name"]').getAttribute('data-depth')).toBe('2');
    await row(page, 'section_1').click();
    await addItem(page, 'loop', 'per_species', 'For each species');
    await form(page).getByLabel('Repeated for each option of').fill('species');
    await addItem(page, 'integer', 'population', 'Population');

    // The skip rule: a checker error appears at its column, then disappears once fixed.
    await row(page, 'pa_count').click();
    await typeExpression(page, 'Shown when (relevance)', 'has_pax == true');
    await expect.poll(() => errorCount(page), { timeout: 10_000 }).not.toBe('0');
    await page
      .locator('.designer-problems')
      .getByText(/has_pax/)
      .first()
      .waitFor();
    await page.locator('.cm-lintRange-error').first().waitFor();
    await screenshot(page, 'designer-checker-error');
    await page
      .locator('.designer-problems')
      .getByRole('link', { name: /has_pax/ })
      .first()
      .click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
      .toBe('textbox');
    await typeExpression(page, 'Shown when (relevance)', 'has_pa == true');
    await expect.poll(() => errorCount(page), { timeout: 10_000 }).toBe('0');
    expect(await page.locator('.cm-lintRange-error').count()).toBe(0);
    await saveStatus(page).toBe('saved');

    const definition = await savedDraft();
    const items = definition.sections[0].items as { id: string; type: string; relevant?: string }[];
    expect(new Set(items.map((item) => item.type))).toEqual(
      new Set([
        'boolean',
        'integer',
        'calculated',
        'text',
        'textarea',
        'decimal',
        'date',
        'choice',
        'ranking',
        'file',
        'note',
        'table',
        'repeat',
        'group',
        'loop',
      ]),
    );
    expect(items.find((item) => item.id === 'pa_count')?.relevant).toBe('has_pa == true');
    expect(items.find((item) => item.id === 'contact')).toMatchObject({ items: [{ id: 'contact_name' }] });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('completes item ids and the functions of the engine in an expression', async () => {
    await row(page, 'pa_double').click();
    const field = form(page).getByRole('textbox', { name: 'Constraint', exact: true });
    await field.click();
    await page.keyboard.type('pa_');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await expect
      .poll(() => options.allTextContents())
      .toEqual(expect.arrayContaining(['pa_count', 'pa_double']));
    await page.keyboard.press('Control+A');
    await page.keyboard.type('sel');
    const chosen = page.locator('.cm-tooltip-autocomplete li[aria-selected="true"]');
    // Enter accepts the option chosen in the list (on a loaded machine the list may still be refreshing).
    await expect
      .poll(async () => {
        if (/^selected/.test((await chosen.textContent({ timeout: 1000 }).catch(() => '')) ?? ''))
          await page.keyboard.press('Enter');
        return field.textContent();
      })
      .toBe('selected(');
    await typeExpression(page, 'Constraint', '');
    await expect.poll(() => field.textContent()).toBe('');
    await expect.poll(() => errorCount(page)).toBe('0');
  });

  it('moves items by keyboard: down, into the group above and out again', async () => {
    await row(page, 'intro').click();
    await page.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(() =>
        page
          .locator('li[data-id] ')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')).indexOf('intro')),
      )
      .toBeLessThan(
        await page
          .locator('li[data-id]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')).indexOf('evidence')),
      );
    await page.keyboard.press('Alt+ArrowDown');
    await row(page, 'population').click();
    await page.keyboard.press('Alt+ArrowLeft');
    await expect.poll(() => page.locator('li[data-id="population"]').getAttribute('data-depth')).toBe('1');
    await page.getByRole('button', { name: 'Move in' }).click();
    await expect.poll(() => page.locator('li[data-id="population"]').getAttribute('data-depth')).toBe('2');
    await saveStatus(page).toBe('saved');
  });

  it('moves a row by dragging it, and duplicates one with Ctrl+D', async () => {
    const order = () =>
      page.locator('li[data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    const handle = page.locator('li[data-id="summary"] .drag-handle');
    const target = page.locator('li[data-id="has_pa"]');
    const from = await handle.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('rows not laid out');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 5, from.y - 10, { steps: 5 });
    await page.mouse.move(from.x + from.width / 2, to.y + to.height / 2, { steps: 15 });
    await page.mouse.up();
    await expect.poll(async () => (await order()).slice(0, 3)).toEqual(['section_1', 'summary', 'has_pa']);

    await row(page, 'summary').click();
    await page.keyboard.press('Control+d');
    await expect
      .poll(async () => (await order()).slice(0, 4))
      .toEqual(['section_1', 'summary', 'summary_copy', 'has_pa']);
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await order()).includes('summary_copy')).toBe(false);
    await saveStatus(page).toBe('saved');
  });

  it('previews the questionnaire in French, with relevance and calculations following the answers', async () => {
    const preview = page.locator('.designer-preview');
    await page.locator('#preview-language').selectOption('fr');
    const question = preview.getByRole('group', { name: /Y a-t-il des aires protégées/ });
    await question.waitFor();
    expect(await preview.locator('[id="q-pa_count"]').count()).toBe(0);
    await question.getByLabel('Oui').check();
    await preview.locator('[id="q-pa_count"]').fill('3');
    await expect.poll(() => preview.locator('[data-calculated="pa_double"]').textContent()).toBe('6');
    await screenshot(page, 'designer-preview-fr');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('publishes version 1, then version 2 whose changes are listed before confirming', async () => {
    await page.getByRole('link', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Review the changes before publishing' }).click();
    await page.getByText('This will be the first version.').waitFor();
    await page.getByRole('button', { name: 'Publish as version 1' }).click();
    await page.getByText('Version 1 is published.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Edit the draft' }).click();
    // Publishing froze the draft: the next one starts from version 1.
    await page.getByRole('button', { name: 'New draft from version 1' }).click();
    await row(page, 'pa_count').click();
    await form(page)
      .getByRole('group', { name: 'Label', exact: true })
      .first()
      .getByLabel('English')
      .fill('Number of protected areas');
    // Left at once: the versions page waits for the editor's last save before the diff.
    await page.getByRole('link', { name: 'Versions' }).click();
    await page.getByRole('button', { name: 'Review the changes before publishing' }).click();
    await page.getByText('1 change since version 1').waitFor();
    expect(await page.locator('.change-list li').allTextContents()).toEqual(['pa_count: Label changed (en)']);
    await screenshot(page, 'designer-publish');
    await page.getByRole('button', { name: 'Publish as version 2' }).click();
    await page.getByText('Version 2 is published.').waitFor();
    await expect.poll(() => page.locator('.designer-table tbody tr').count()).toBe(2);

    await page.locator('#compare-from').selectOption('1');
    await page.locator('#compare-to').selectOption('2');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.locator('.change-list li', { hasText: 'pa_count' }).waitFor();
  });

  it('shows every text side by side with missing translations marked, editable in place', async () => {
    await page.goto(`${ctx.baseUrl}/designer/designer-built`);
    await page.getByRole('button', { name: 'New draft from version 2' }).click();
    await row(page, 'pa_count').waitFor();
    await page.getByRole('link', { name: 'Translations' }).click();
    await page.locator('#texts-section').selectOption({ index: 1 });
    const french = page.getByLabel('has_pa.label in French');
    await expect.poll(() => french.inputValue()).toBe('Y a-t-il des aires protégées ?');
    expect(await page.locator('td.missing').count()).toBeGreaterThan(0);
    await page.getByLabel('pa_count.label in French').fill("Nombre d'aires protégées");
    await saveStatus(page).toBe('saved');
    const definition = await savedDraft();
    expect(definition.sections[0].items.find((i: { id: string }) => i.id === 'pa_count').label.fr).toBe(
      "Nombre d'aires protégées",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'designer-translations');
  });

  it('repaints only the edited row and form when a label is typed in a 1,000-item questionnaire', async () => {
    const { definition } = generateQuestionnaire(1000);
    await adminCall(ctx, 'POST', '/api/questionnaires', { ...definition, key: 'large-1000' }, secretariat);
    await page.goto(`${ctx.baseUrl}/designer/large-1000`);
    const target = page.locator('li[data-id="q3_has"]');
    await target.waitFor();
    const uid = await target.getAttribute('data-uid');
    await row(page, 'q3_has').click();
    const label = form(page).getByRole('group', { name: 'Label', exact: true }).first().getByLabel('English');
    await label.click();
    const counts = () =>
      page.evaluate(() =>
        Object.fromEntries(
          Object.entries(window.__orsRenderCounts ?? {}).filter(([key]) => key.startsWith('designer')),
        ),
      );
    const before = await counts();
    await page.keyboard.press('End');
    await page.keyboard.type('!');
    await expect.poll(() => page.locator(`li[data-uid="${uid}"] .tree-label`).textContent()).toMatch(/!$/);
    // The checker's verdict and the preview follow a moment later: they must not re-render the tree either.
    await page.locator('.designer-preview').getByText('Has q3?!').waitFor({ timeout: 15_000 });
    const after = await counts();
    const rerendered = Object.keys(after).filter((key) => after[key] !== before[key]);
    expect(rerendered.sort()).toEqual([`designer-form:${uid}`, `designer-row:${uid}`]);
    expect(await page.locator('li[data-id]').count()).toBeGreaterThan(900);
  });
  it('keeps edits the server did not acknowledge in the browser and sends them on the next visit', async () => {
    await page.goto(`${ctx.baseUrl}/designer/designer-built`);
    await row(page, 'org_name').click();
    await page.route('**/api/questionnaires/designer-built/draft', (route) =>
      route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue(),
    );
    await form(page)
      .getByRole('group', { name: 'Label', exact: true })
      .first()
      .getByLabel('English')
      .fill('Reporting institution');
    await saveStatus(page).toBe('failed');
    await page.unroute('**/api/questionnaires/designer-built/draft');
    const next = await context.newPage();
    await page.close();
    page = next;
    await page.goto(`${ctx.baseUrl}/designer/designer-built`);
    await page.getByText(/were restored from this browser/).waitFor();
    await saveStatus(page).toBe('saved');
    const definition = await savedDraft();
    expect(definition.sections[0].items.find((i: { id: string }) => i.id === 'org_name').label.en).toBe(
      'Reporting institution',
    );
  });

  it('imports an XLSForm workbook as a new questionnaire and shows the rows it could not map', async () => {
    await page.goto(`${ctx.baseUrl}/designer`);
    await page.locator('#import-instrument').selectOption('CMS');
    await page
      .locator('#import-file')
      .setInputFiles(new URL('../fixtures/xlsforms/xlsform_spec_test.xlsx', import.meta.url).pathname);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: /Mapping report/ }).waitFor();
    await page
      .getByRole('cell', { name: /geopoint/ })
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'designer-xlsform-import');
    await page.getByRole('link', { name: /Open spec-test in the designer/ }).click();
    await page.locator('li[data-id]').first().waitFor();
  });
  it('speaks French and Spanish when the person chooses them', async () => {
    await page.goto(`${ctx.baseUrl}/designer/designer-built`);
    await row(page, 'pa_count').waitFor();
    await page.locator('.app-header select').selectOption('fr');
    await page.getByRole('heading', { name: 'Sections et questions' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter une question' }).waitFor();
    // The checker's problems are said in French too, in the list and in the expression's lint.
    await row(page, 'pa_count').click();
    await typeExpression(page, 'Affiché si (pertinence)', 'has_pax == true');
    await page
      .locator('.designer-problems')
      .getByText('Identifiant inconnu : « has_pax ».')
      .first()
      .waitFor();
    await page.locator('.cm-lintRange-error').first().hover();
    await page.locator('.cm-tooltip-lint').getByText('Identifiant inconnu : « has_pax ».').waitFor();
    await typeExpression(page, 'Affiché si (pertinence)', 'has_pa == true');
    await expect.poll(() => errorCount(page), { timeout: 10_000 }).toBe('0');
    await saveStatus(page).toBe('saved');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'designer-editor-fr');
    await page.locator('.app-header select').selectOption('es');
    await page.getByRole('heading', { name: 'Secciones y preguntas' }).waitFor();
    await page.locator('.app-header select').selectOption('en');
  });
  it('exports the draft as JSON and imports an edited copy back into it', async () => {
    await page.goto(`${ctx.baseUrl}/designer/designer-built`);
    await row(page, 'pa_count').waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported).toMatchObject({ key: 'designer-built', instrument: 'CMS' });
    exported.sections[0].items.push({ id: 'from_json', type: 'text', label: { en: 'Imported from JSON' } });
    const edited = join(mkdtempSync(join(tmpdir(), 'ors-designer-')), 'edited.json');
    writeFileSync(edited, JSON.stringify(exported));
    await page.locator('input[type="file"][accept^="application/json"]').setInputFiles(edited);
    await row(page, 'from_json').waitFor();
    await saveStatus(page).toBe('saved');
    const definition = await savedDraft();
    expect(definition.sections[0].items.at(-1)).toEqual({
      id: 'from_json',
      type: 'text',
      label: { en: 'Imported from JSON' },
    });
  });
});
