import { describe, expect, it } from 'vitest';
import { compileDefinition, evaluateReport, formatIssue } from '../../../forms/index.ts';
import { issueCatalogues } from '../../../forms/messages/catalogues.ts';
import { checked, definitionWith, num } from '../helpers.ts';

const plan = compileDefinition(
  checked(
    definitionWith(
      [
        num('a', { required: true, min: 0 }),
        num('b', { constraint: '. > 1', constraintMessage: { en: 'More than one.', fr: 'Plus de un.' } }),
        num('c', { constraint: '. > 1' }),
      ],
      { languages: ['en', 'fr', 'es'] },
    ),
  ),
);
const issues = evaluateReport(plan, { b: 0, c: 0 }).issues;
const withMin = evaluateReport(plan, { a: -1 }).issues[0];
const [required, custom, generic] = issues;

describe('formatIssue', () => {
  it('gives the message of an issue in English, French and Spanish', () => {
    if (!required || !withMin) expect.fail();
    expect(formatIssue(required, 'en', plan)).toBe('This question is required.');
    expect(formatIssue(required, 'fr', plan)).toBe('Cette question est obligatoire.');
    expect(formatIssue(required, 'es', plan)).toBe('Esta pregunta es obligatoria.');
    expect(formatIssue(withMin, 'fr', plan)).toBe('La valeur doit être au moins 0.');
  });

  it("uses the item's constraint message in the language, falling back to the default language", () => {
    if (!custom) expect.fail();
    expect(custom.message).toBe('More than one.');
    expect(formatIssue(custom, 'fr', plan)).toBe('Plus de un.');
    expect(formatIssue(custom, 'es', plan)).toBe('More than one.');
  });

  it('uses the catalogue for a constraint without a message, and English for an unknown language', () => {
    if (!generic || !required) expect.fail();
    expect(formatIssue(generic, 'es', plan)).toBe('Esta respuesta no es válida.');
    expect(formatIssue(required, 'de', plan)).toBe('This question is required.');
  });

  it('has every message in every catalogue, with the same placeholders', () => {
    const en = issueCatalogues.en ?? {};
    for (const lang of ['fr', 'es']) {
      const catalogue = issueCatalogues[lang] ?? {};
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      for (const [code, template] of Object.entries(en)) {
        const placeholders = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(String(catalogue[code as keyof typeof catalogue])), `${lang} ${code}`).toEqual(
          placeholders(String(template)),
        );
      }
    }
  });
});
