import { z } from 'zod';
import { localizedTextSchema } from '../../../forms/definition/localized-text.ts';
import {
  columnItemSchema,
  expressionSchema,
  optionSchema,
  repeatChildSchema,
  tableRowSchema,
} from '../../../forms/definition/schema.ts';
import { itemSchema } from '../../../forms/index.ts';

// The designer's forms are read off the engine's zod schema: each field of an item type becomes a
// control chosen by the field's schema, so a field added to the format shows up here without a change.

/** How a field is edited. */
export type FieldKind =
  | { kind: 'localized' }
  | { kind: 'expression' }
  | { kind: 'required' }
  | { kind: 'default' }
  | { kind: 'boolean' }
  | { kind: 'number'; integer: boolean }
  | { kind: 'enum'; values: string[] }
  | { kind: 'text' }
  | { kind: 'list' }
  | { kind: 'options'; idKey: 'value' | 'id' }
  | { kind: 'columns' }
  | { kind: 'codeLists' }
  | { kind: 'fixed' };

export interface FieldSpec {
  name: string;
  optional: boolean;
  field: FieldKind;
}

type Schema = z.ZodType;
type ObjectSchema = z.ZodObject<Record<string, Schema>>;

const unionOf = (schema: Schema): Schema[] =>
  schema instanceof z.ZodUnion ? (schema.options as Schema[]) : [];

function kindOf(schema: Schema): FieldKind | null {
  if (schema === localizedTextSchema) return { kind: 'localized' };
  if (schema === expressionSchema) return { kind: 'expression' };
  if (schema instanceof z.ZodBoolean) return { kind: 'boolean' };
  if (schema instanceof z.ZodNumber) return { kind: 'number', integer: schema.format === 'safeint' };
  if (schema instanceof z.ZodEnum) return { kind: 'enum', values: schema.options.map(String) };
  if (schema instanceof z.ZodLiteral) return { kind: 'fixed' };
  if (schema instanceof z.ZodString) return { kind: 'text' };
  if (schema instanceof z.ZodRecord) return { kind: 'codeLists' };
  if (schema instanceof z.ZodArray) {
    const element = schema.element as Schema;
    if (element instanceof z.ZodString) return { kind: 'list' };
    if (element === columnItemSchema) return { kind: 'columns' };
    if (element === optionSchema) return { kind: 'options', idKey: 'value' };
    if (element === tableRowSchema) return { kind: 'options', idKey: 'id' };
    // `items` of groups, loops and repeats are the tree's business.
    return null;
  }
  const members = unionOf(schema);
  if (members.length > 0) {
    if (members.includes(expressionSchema) && members.some((m) => m instanceof z.ZodNumber))
      return { kind: 'default' };
    if (members.includes(expressionSchema) && members.some((m) => m instanceof z.ZodBoolean))
      return { kind: 'required' };
    const list = members.find((m) => m instanceof z.ZodArray) as z.ZodArray<Schema> | undefined;
    if (list) return kindOf(list);
  }
  return null;
}

/** The editable fields of an object schema, in the schema's order. */
export function fieldsOf(schema: ObjectSchema): FieldSpec[] {
  const specs: FieldSpec[] = [];
  for (const [name, raw] of Object.entries(schema.shape)) {
    const optional = raw instanceof z.ZodOptional;
    const inner = optional ? (raw.unwrap() as Schema) : raw;
    const field = kindOf(inner);
    if (field) specs.push({ name, optional, field });
  }
  return specs;
}

const itemUnion = (itemSchema as unknown as z.ZodLazy<z.ZodDiscriminatedUnion<ObjectSchema[]>>).unwrap();

function typesOf(union: z.ZodDiscriminatedUnion<ObjectSchema[]>): Map<string, ObjectSchema> {
  const byType = new Map<string, ObjectSchema>();
  for (const option of union.options) {
    const type = option.shape.type as Schema;
    const values = type instanceof z.ZodEnum ? type.options : type instanceof z.ZodLiteral ? type.values : [];
    for (const value of values) byType.set(String(value), option);
  }
  return byType;
}

/** Item types and their schemas: every item, a table's columns, a repeat's items. */
export const itemTypes = typesOf(itemUnion);
export const columnTypes = typesOf(columnItemSchema as unknown as z.ZodDiscriminatedUnion<ObjectSchema[]>);
export const repeatChildTypes = typesOf(
  repeatChildSchema as unknown as z.ZodDiscriminatedUnion<ObjectSchema[]>,
);

/** A value the schema accepts for a required field, to start a new item with. */
function blankFor(name: string, field: FieldKind): unknown {
  switch (field.kind) {
    case 'localized':
      return {};
    case 'expression':
      return name === 'expression' ? '0' : '';
    case 'options':
      return [{ [field.idKey]: field.idKey === 'id' ? 'row_1' : 'option_1', label: {} }];
    case 'columns':
      return [{ id: 'column_1', type: 'text', label: {} }];
    case 'boolean':
      return false;
    case 'number':
      return 0;
    default:
      return '';
  }
}

/**
 * A new item of `type`, keeping what it shares with `from` (its id, label, logic…) when the type of an
 * item changes.
 */
export function itemOfType(
  type: string,
  from: Record<string, unknown> = {},
  schemas = itemTypes,
): Record<string, unknown> {
  const schema = schemas.get(type);
  if (!schema) return { ...from, type };
  const item: Record<string, unknown> = {};
  for (const name of Object.keys(schema.shape)) {
    if (name in from && name !== 'type') item[name] = from[name];
  }
  item.type = type;
  for (const spec of fieldsOf(schema)) {
    if (!spec.optional && !(spec.name in item) && spec.name !== 'id')
      item[spec.name] = blankFor(spec.name, spec.field);
  }
  if (!('id' in item)) item.id = type;
  if (type === 'repeat') item.items = [{ id: 'row_text', type: 'text', label: {} }];
  return item;
}
