import { z } from 'zod';
import { definitionSchema } from './schema.ts';

/**
 * The JSON Schema (draft 2020-12) of a questionnaire definition, for editors and other languages.
 * It describes the shape only; `checkDefinition` adds the cross-reference rules.
 *
 * @example
 * const schema = definitionJsonSchema(); // { $schema, type: 'object', properties: { format, … } }
 */
export function definitionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(definitionSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
