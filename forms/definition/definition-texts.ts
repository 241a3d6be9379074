/** Fields of a definition whose value is a localized text (`{ "en": "…", "fr": "…" }` or a plain string). */
const textFields: ReadonlySet<string> = new Set([
  'title',
  'description',
  'label',
  'help',
  'text',
  'constraintMessage',
]);

/** One localized text of a definition: where it is, and its text in each language given. */
export interface DefinitionText {
  path: (string | number)[];
  texts: Record<string, string>;
}

const isTextObject = (value: unknown): value is Record<string, string> =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.values(value).every((text) => typeof text === 'string');

/**
 * Every localized text inside `value` (a definition, or any part of one), in document order; a plain
 * string counts as the default language's text. Option attributes are data, not texts, and are skipped.
 * Pure: used by the designer in the browser and by the translation spreadsheet on the server.
 */
export function definitionTexts(
  value: unknown,
  defaultLanguage: string,
  base: (string | number)[] = [],
): DefinitionText[] {
  const found: DefinitionText[] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        visit(child, [...path, i]);
      });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    // An object's own texts come before those of its parts (a section's title before its items), whatever
    // the order of its keys (PostgreSQL's jsonb sorts them).
    const nested: [string, unknown][] = [];
    for (const [key, child] of Object.entries(node)) {
      if (key === 'attributes') continue;
      if (textFields.has(key) && (typeof child === 'string' || isTextObject(child))) {
        found.push({
          path: [...path, key],
          texts: typeof child === 'string' ? { [defaultLanguage]: child } : child,
        });
      } else nested.push([key, child]);
    }
    for (const [key, child] of nested) visit(child, [...path, key]);
  };
  visit(value, base);
  return found;
}
