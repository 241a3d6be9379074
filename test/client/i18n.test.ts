import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../client/src/i18n/', import.meta.url);
const languages = ['en', 'fr', 'es'];

/** Every key of a nested string file, as dotted paths (`signIn.title`). */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

/** Plural forms differ by language (French and Spanish have `_many`): a key counts once, without its form. */
function withoutPluralForms(keys: string[]): string[] {
  return [...new Set(keys.map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
}

function read(folder: string, language: string): unknown {
  return JSON.parse(readFileSync(new URL(`${folder}${language}.json`, root), 'utf8'));
}

function emptyStrings(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [prefix] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => emptyStrings(inner, `${prefix}.${key}`));
}

const folders = [
  '',
  ...readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${entry.name}/`),
];

describe('interface strings', () => {
  it.each(folders)('the files of "%s" have the same keys in English, French and Spanish', (folder) => {
    const english = withoutPluralForms(keysOf(read(folder, 'en')));
    for (const language of languages.slice(1)) {
      expect(withoutPluralForms(keysOf(read(folder, language))), `${folder}${language}.json`).toEqual(
        english,
      );
    }
  });

  it.each(folders)('no string of "%s" is empty', (folder) => {
    for (const language of languages) expect(emptyStrings(read(folder, language))).toEqual([]);
  });

  it('no area folder is named like a key of the base files (it would replace those strings)', () => {
    const base = Object.keys(read('', 'en') as object);
    for (const folder of folders.filter(Boolean)) expect(base).not.toContain(folder.slice(0, -1));
  });
});
