import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../../forms/index.ts';
import questionnaire from '../fixtures/questionnaire.json' with { type: 'json' };

/** Replaces the value at a random path of a JSON document with another value. */
function mutate(document: unknown, choices: number[], replacement: unknown): unknown {
  const copy = structuredClone(document);
  let parent: unknown = null;
  let key: string | number | null = null;
  let node: unknown = copy;
  for (const choice of choices) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const next = keys[choice % keys.length] as string | number;
    parent = node;
    key = next;
    node = (node as Record<string | number, unknown>)[next];
  }
  if (parent === null || key === null) return replacement;
  (parent as Record<string | number, unknown>)[key] = replacement;
  return copy;
}

const expressionLike = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[a-z_@.()'!=<>&|+*/, 0-9-]{0,40}$/),
  fc.constantFrom('pa_count > 0', "selected(has_appendix_i, 'yes')", '(((', '@option.range', '. == true'),
);

describe('checkDefinition', () => {
  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const result = checkDefinition(input);
        expect(result.ok ? [] : result.issues.map((i) => i.code)).not.toContain('internal');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on the example questionnaire with any part replaced', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 10 }),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), expressionLike),
        (choices, replacement) => {
          const result = checkDefinition(mutate(questionnaire, choices, replacement));
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            for (const issue of result.issues) {
              expect(issue.code, 'the checker met an unexpected exception').not.toBe('internal');
              expect(Array.isArray(issue.path)).toBe(true);
              expect(typeof issue.message).toBe('string');
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on any expression text, and reports columns inside it', () => {
    fc.assert(
      fc.property(expressionLike, fc.constantFrom('relevant', 'constraint', 'required'), (source, field) => {
        const doc = structuredClone(questionnaire) as { sections: { items: Record<string, unknown>[] }[] };
        const item = doc.sections[2]?.items[0];
        if (item) item[field] = source;
        const result = checkDefinition(doc);
        if (!result.ok) {
          expect(result.issues.map((i) => i.code)).not.toContain('internal');
          for (const issue of result.issues) {
            if (issue.column !== undefined) {
              expect(issue.column).toBeGreaterThanOrEqual(1);
              expect(issue.column).toBeLessThanOrEqual(source.length + 1);
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
