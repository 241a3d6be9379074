import { localize } from '../definition/localized-text.ts';
import type { AnswerIssue } from '../evaluate/types.ts';
import type { Plan } from '../plan/types.ts';
import { fillTemplate, issueCatalogues } from './catalogues.ts';

/**
 * The message of an issue in a language (en, fr, es; others fall back to the definition's default
 * language, then English). A failed constraint uses the item's `constraintMessage` when it has one.
 *
 * @example
 * formatIssue({ code: 'min', params: { min: 0 }, … }, 'fr', plan); // 'La valeur doit être au moins 0.'
 */
export function formatIssue(issue: AnswerIssue, lang: string, plan: Plan): string {
  const defaultLanguage = plan.definition.defaultLanguage;
  if (issue.code === 'constraint') {
    const item = plan.item(issue.itemId)?.item;
    if (item !== undefined && 'constraintMessage' in item && item.constraintMessage !== undefined) {
      const custom = localize(item.constraintMessage, lang, defaultLanguage);
      if (custom !== '') return custom;
    }
  }
  const catalogue = issueCatalogues[lang] ?? issueCatalogues[defaultLanguage] ?? issueCatalogues.en;
  const template = catalogue?.[issue.code];
  return template === undefined ? issue.message : fillTemplate(template, issue.params);
}
