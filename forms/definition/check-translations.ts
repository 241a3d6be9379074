import type { Path, Problem } from '../result.ts';
import type { LocalizedText } from './localized-text.ts';
import type { Definition, Option } from './schema.ts';
import { forEachItem } from './walk-items.ts';

type Segment = string | number;

/** Warns about texts missing one of the definition's languages, and texts in languages it does not list. */
export function checkTranslations(definition: Definition, warnings: Problem[]): void {
  const languages = definition.languages;
  const listed = new Set(languages);
  // Paths are built only for texts with a problem: most texts of a large definition are complete.
  const check = (text: LocalizedText | undefined, base: readonly Segment[], ...tail: Segment[]) => {
    if (text === undefined) return;
    if (typeof text === 'string') {
      const missing = languages.filter((l) => l !== definition.defaultLanguage);
      if (missing.length > 0) warnings.push(missingTranslation([...base, ...tail], missing));
      return;
    }
    let complete = true;
    for (const l of languages) if (!Object.hasOwn(text, l) || text[l] === '') complete = false;
    if (!complete) {
      const missing = languages.filter((l) => !Object.hasOwn(text, l) || text[l] === '');
      warnings.push(missingTranslation([...base, ...tail], missing));
    }
    for (const lang in text) {
      if (Object.hasOwn(text, lang) && !listed.has(lang)) {
        warnings.push({
          path: [...base, ...tail, lang],
          code: 'unknown_language',
          message: `"${lang}" is not one of the definition's languages`,
          params: { language: lang },
          severity: 'warning',
        });
      }
    }
  };
  const checkOptions = (options: readonly Option[], base: readonly Segment[], ...tail: Segment[]) => {
    for (let i = 0; i < options.length; i++) check(options[i]?.label, base, ...tail, i, 'label');
  };
  check(definition.title, ['title']);
  check(definition.description, ['description']);
  for (const [name, list] of Object.entries(definition.codeLists ?? {}))
    checkOptions(list, ['codeLists', name]);
  definition.sections.forEach((section, i) => {
    check(section.title, ['sections', i, 'title']);
    check(section.description, ['sections', i, 'description']);
  });
  forEachItem(definition, (item, path) => {
    check(item.label, path, 'label');
    check(item.help, path, 'help');
    if (item.type === 'note') check(item.text, path, 'text');
    if ('constraintMessage' in item) check(item.constraintMessage, path, 'constraintMessage');
    if ((item.type === 'choice' || item.type === 'ranking') && typeof item.options !== 'string') {
      checkOptions(item.options, path, 'options');
    }
    if (item.type === 'table' && typeof item.rows !== 'string') {
      item.rows.forEach((row, i) => {
        check(row.label, path, 'rows', i, 'label');
      });
    }
  });
}

function missingTranslation(path: Path, missing: string[]): Problem {
  return {
    path,
    code: 'missing_translation',
    message: `missing translation: ${missing.join(', ')}`,
    params: { languages: missing.join(', '), count: missing.length },
    severity: 'warning',
  };
}
