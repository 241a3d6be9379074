import { describe, expect, it } from 'vitest';
import { localize } from '../../../forms/index.ts';

describe('localize', () => {
  it('gives the text in the language asked for', () => {
    expect(localize({ en: 'Yes', fr: 'Oui' }, 'fr', 'en')).toBe('Oui');
  });

  it('falls back to the default language, then to any language', () => {
    expect(localize({ en: 'Yes', fr: 'Oui' }, 'es', 'en')).toBe('Yes');
    expect(localize({ fr: 'Oui' }, 'es', 'en')).toBe('Oui');
  });

  it('gives a plain string as it is, and an empty string for nothing', () => {
    expect(localize('Yes', 'fr', 'en')).toBe('Yes');
    expect(localize(undefined, 'fr', 'en')).toBe('');
    expect(localize({}, 'fr', 'en')).toBe('');
  });

  it('does not read inherited properties as languages', () => {
    expect(localize({ en: 'Yes' }, 'constructor', 'en')).toBe('Yes');
  });
});
