import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

type Strings = Record<string, unknown>;

/**
 * Each area of the application keeps its strings in a folder of its own, `i18n/<area>/<language>.json`;
 * they are merged under the key `<area>` (so `designer/en.json` gives `t('designer.…')`).
 */
const areaFiles = import.meta.glob<Strings>('./*/*.json', { eager: true, import: 'default' });

function stringsOf(language: string, base: Strings): Strings {
  const merged: Strings = { ...base };
  for (const [file, strings] of Object.entries(areaFiles)) {
    const match = /^\.\/([\w-]+)\/(\w+)\.json$/.exec(file);
    if (match && match[2] === language) merged[match[1] as string] = strings;
  }
  return merged;
}

export const languages = ['en', 'fr', 'es'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'ors:language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The language remembered in this browser, else the browser's own when supported, else English. */
export function initialLanguage(): Language {
  const stored = safeStorage()?.getItem(storageKey);
  if (isLanguage(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

/** Whether the person chose a language in this browser (then their account's language does not override it). */
export function hasChosenLanguage(): boolean {
  return isLanguage(safeStorage()?.getItem(storageKey));
}

export function chooseLanguage(language: string, remember = true): void {
  if (!isLanguage(language)) return;
  if (remember) safeStorage()?.setItem(storageKey, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function initI18n(): typeof i18next {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: {
      en: { translation: stringsOf('en', en) },
      fr: { translation: stringsOf('fr', fr) },
      es: { translation: stringsOf('es', es) },
    },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18next;
}
