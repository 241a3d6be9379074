// Languages of `label::…` columns, to and from ISO 639-1 codes.

const byName: Record<string, string> = {
  english: 'en',
  anglais: 'en',
  ingles: 'en',
  french: 'fr',
  francais: 'fr',
  frances: 'fr',
  spanish: 'es',
  espanol: 'es',
  espagnol: 'es',
  chinese: 'zh',
  arabic: 'ar',
  russian: 'ru',
  portuguese: 'pt',
  portugues: 'pt',
  german: 'de',
  deutsch: 'de',
  italian: 'it',
  swahili: 'sw',
  hindi: 'hi',
  japanese: 'ja',
  dutch: 'nl',
  mongolian: 'mn',
};

const nameOf: Record<string, string> = {
  en: 'English',
  fr: 'French',
  es: 'Spanish',
  zh: 'Chinese',
  ar: 'Arabic',
  ru: 'Russian',
  pt: 'Portuguese',
  de: 'German',
  it: 'Italian',
  sw: 'Swahili',
};

const tag = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The language code of a column's language: `English (en)` → en, `Français` → fr, `en` → en; null if unknown.
 */
export function languageCode(text: string): string | null {
  const trimmed = text.trim();
  const inParentheses = /\(([^)]+)\)\s*$/.exec(trimmed)?.[1]?.trim();
  if (inParentheses && tag.test(inParentheses)) return inParentheses;
  const plain = trimmed
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return byName[plain] ?? (tag.test(trimmed) ? trimmed : null);
}

/** The column suffix for a language code, as XLSForm recommends it: `English (en)`. */
export function languageColumn(code: string): string {
  const name = nameOf[code];
  return name ? `${name} (${code})` : code;
}
