import { z } from 'zod';
import { definitionLimits } from './limits.ts';

export const languageTagPattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A language tag such as `en`, `fr`, `es`, `pt-BR`. */
export const languageTagSchema = z
  .string()
  .regex(languageTagPattern, 'a language tag such as "en" or "pt-BR"');

/**
 * Text in several languages, `{ "en": "…", "fr": "…" }`, or a plain string meaning the default language.
 */
export const localizedTextSchema = z.union([
  z.string().max(definitionLimits.maxTextLength),
  z.record(languageTagSchema, z.string().max(definitionLimits.maxTextLength)),
]);

export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * The text in `lang`, else in `defaultLanguage`, else in any language given, else `''`.
 *
 * @example
 * localize({ en: 'Yes', fr: 'Oui' }, 'es', 'en'); // 'Yes'
 * localize('Yes', 'fr', 'en'); // 'Yes'
 */
export function localize(
  text: LocalizedText | undefined | null,
  lang: string,
  defaultLanguage = 'en',
): string {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  if (Object.hasOwn(text, lang)) return text[lang] ?? '';
  if (Object.hasOwn(text, defaultLanguage)) return text[defaultLanguage] ?? '';
  for (const key in text) {
    if (Object.hasOwn(text, key)) return text[key] ?? '';
  }
  return '';
}
