import { z } from 'zod';
import { definitionLimits } from './limits.ts';
import { languageTagSchema, localizedTextSchema } from './localized-text.ts';

/** The patterns of the schema, named so that a problem can say which one a value missed. */
export const identifierPattern = /^[a-z][a-z0-9_]*$/;
export const optionValuePattern = /^(?!__proto__$)[^.\s]+$/;
export const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
export const keyPattern = /^[a-z0-9][a-z0-9_-]*$/;

/** `[a-z][a-z0-9_]*`: item, section and code list ids, usable bare in expressions. */
export const identifierSchema = z
  .string()
  .max(64)
  .regex(identifierPattern, 'an identifier: a lowercase letter, then lowercase letters, digits or _');

/**
 * Option values and row ids become keys of answers and segments of item keys (`table.row.col`),
 * so they may not hold a dot or white space, nor be `__proto__` (which objects do not store as a key).
 */
export const optionValueSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(optionValuePattern, 'a value without dots or spaces (and not __proto__)');

/** An expression of the expression language, e.g. `pa_count > 0`. */
export const expressionSchema = z.string().min(1).max(definitionLimits.maxExpressionLength);

const jsonValueSchema: z.ZodType<unknown> = z.json();

export const optionSchema = z.object({
  value: optionValueSchema,
  label: localizedTextSchema,
  attributes: z.record(z.string().max(64), jsonValueSchema).optional(),
});
export type Option = z.infer<typeof optionSchema>;

const optionListSchema = z.array(optionSchema).min(1).max(definitionLimits.maxOptions);

/** Inline options, or the name of a code list. */
export const optionsSourceSchema = z.union([optionListSchema, identifierSchema]);

export const tableRowSchema = z.object({
  id: optionValueSchema,
  label: localizedTextSchema,
  attributes: z.record(z.string().max(64), jsonValueSchema).optional(),
});
export type TableRow = z.infer<typeof tableRowSchema>;

const isoDateSchema = z.string().regex(isoDatePattern, 'a date "YYYY-MM-DD"');

const common = {
  id: identifierSchema,
  number: z.string().max(32).optional(),
  label: localizedTextSchema.optional(),
  help: localizedTextSchema.optional(),
  concept: z.string().min(1).max(200).optional(),
  relevant: expressionSchema.optional(),
  readonly: z.boolean().optional(),
  renamedFrom: z.array(identifierSchema).max(50).optional(),
};

/** Fields of items that hold an answer. */
const answerable = {
  ...common,
  label: localizedTextSchema,
  required: z.union([z.boolean(), expressionSchema]).optional(),
  constraint: expressionSchema.optional(),
  constraintMessage: localizedTextSchema.optional(),
  /** An expression, or a JSON number or boolean (a text default is written `'text'`). */
  default: z.union([expressionSchema, z.number(), z.boolean()]).optional(),
};

export const textItemSchema = z.object({
  ...answerable,
  type: z.enum(['text', 'textarea']),
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(0).optional(),
  pattern: z.string().min(1).max(definitionLimits.maxPatternLength).optional(),
  format: z.enum(['email', 'url']).optional(),
});

export const numberItemSchema = z.object({
  ...answerable,
  type: z.enum(['integer', 'decimal']),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().max(50).optional(),
});

export const dateItemSchema = z.object({
  ...answerable,
  type: z.literal('date'),
  min: isoDateSchema.optional(),
  max: isoDateSchema.optional(),
});

export const booleanItemSchema = z.object({ ...answerable, type: z.literal('boolean') });

export const choiceItemSchema = z.object({
  ...answerable,
  type: z.literal('choice'),
  options: optionsSourceSchema,
  multiple: z.boolean().optional(),
  minSelected: z.number().int().min(0).optional(),
  maxSelected: z.number().int().min(0).optional(),
  other: z.boolean().optional(),
  appearance: z.enum(['radio', 'dropdown', 'checkbox']).optional(),
});

export const rankingItemSchema = z.object({
  ...answerable,
  type: z.literal('ranking'),
  options: optionsSourceSchema,
  maxRanked: z.number().int().min(1).optional(),
});

export const fileItemSchema = z.object({
  ...answerable,
  type: z.literal('file'),
  accept: z.array(z.string().min(1).max(100)).max(50).optional(),
  maxSizeMB: z.number().positive().optional(),
  multiple: z.boolean().optional(),
});

export const calculatedItemSchema = z.object({
  ...common,
  label: localizedTextSchema,
  type: z.literal('calculated'),
  expression: expressionSchema,
  unit: z.string().max(50).optional(),
  constraint: expressionSchema.optional(),
  constraintMessage: localizedTextSchema.optional(),
});

export const noteItemSchema = z.object({ ...common, type: z.literal('note'), text: localizedTextSchema });

/** A table column: a scalar item (no file, no ranking) or a calculated one. */
export const columnItemSchema = z.discriminatedUnion('type', [
  textItemSchema,
  numberItemSchema,
  dateItemSchema,
  booleanItemSchema,
  choiceItemSchema,
  calculatedItemSchema,
]);

/** An item of a repeat row. */
export const repeatChildSchema = z.discriminatedUnion('type', [
  textItemSchema,
  numberItemSchema,
  dateItemSchema,
  booleanItemSchema,
  choiceItemSchema,
  rankingItemSchema,
  fileItemSchema,
  calculatedItemSchema,
  noteItemSchema,
]);

export const tableItemSchema = z.object({
  ...answerable,
  type: z.literal('table'),
  rows: z.union([z.array(tableRowSchema).min(1).max(definitionLimits.maxOptions), identifierSchema]),
  columns: z.array(columnItemSchema).min(1).max(200),
  filter: expressionSchema.optional(),
});

export const repeatItemSchema = z.object({
  ...answerable,
  type: z.literal('repeat'),
  items: z.array(repeatChildSchema).min(1).max(500),
  minItems: z.number().int().min(0).optional(),
  maxItems: z.number().int().min(0).optional(),
});

const groupBaseSchema = z.object({ ...common, type: z.literal('group') });
const loopBaseSchema = z.object({
  ...answerable,
  type: z.literal('loop'),
  over: identifierSchema,
  filter: expressionSchema.optional(),
});

/** A visual and logical block; its `relevant` applies to all inside. */
export interface GroupItem extends z.infer<typeof groupBaseSchema> {
  items: Item[];
}

/** Its items are answered once for each option of a code list, or each chosen option of a multiple choice. */
export interface LoopItem extends z.infer<typeof loopBaseSchema> {
  items: Item[];
}

/** Any item of a section, a group or a loop, discriminated on `type`. */
export type Item =
  | z.infer<typeof textItemSchema>
  | z.infer<typeof numberItemSchema>
  | z.infer<typeof dateItemSchema>
  | z.infer<typeof booleanItemSchema>
  | z.infer<typeof choiceItemSchema>
  | z.infer<typeof rankingItemSchema>
  | z.infer<typeof fileItemSchema>
  | z.infer<typeof calculatedItemSchema>
  | z.infer<typeof noteItemSchema>
  | z.infer<typeof tableItemSchema>
  | z.infer<typeof repeatItemSchema>
  | GroupItem
  | LoopItem;

// The recursion (groups and loops hold items) needs one explicit type: TypeScript cannot infer it.
export const itemSchema: z.ZodType<Item> = z.lazy(() =>
  z.discriminatedUnion('type', [
    textItemSchema,
    numberItemSchema,
    dateItemSchema,
    booleanItemSchema,
    choiceItemSchema,
    rankingItemSchema,
    fileItemSchema,
    calculatedItemSchema,
    noteItemSchema,
    tableItemSchema,
    repeatItemSchema,
    groupItemSchema,
    loopItemSchema,
  ]),
);

export const groupItemSchema = groupBaseSchema.extend({ items: z.array(itemSchema) });
export const loopItemSchema = loopBaseSchema.extend({ items: z.array(itemSchema) });

export const sectionSchema = z.object({
  id: identifierSchema,
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  relevant: expressionSchema.optional(),
  items: z.array(itemSchema),
});

/**
 * The zod schema of a questionnaire definition (`format: "ors-questionnaire@1"`): its shape only;
 * `checkDefinition` adds every rule that needs the whole document.
 *
 * @example
 * const parsed = definitionSchema.safeParse(json);
 */
export const definitionSchema = z.object({
  format: z.literal('ors-questionnaire@1'),
  key: z.string().max(100).regex(keyPattern, 'a key of lowercase letters, digits, - and _'),
  instrument: z.string().min(1).max(50),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  defaultLanguage: languageTagSchema,
  languages: z.array(languageTagSchema).min(1).max(50),
  codeLists: z.record(identifierSchema, optionListSchema).optional(),
  sections: z.array(sectionSchema).min(1),
});

export type Definition = z.infer<typeof definitionSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type ItemType = Item['type'];
export type TextItem = z.infer<typeof textItemSchema>;
export type NumberItem = z.infer<typeof numberItemSchema>;
export type DateItem = z.infer<typeof dateItemSchema>;
export type BooleanItem = z.infer<typeof booleanItemSchema>;
export type ChoiceItem = z.infer<typeof choiceItemSchema>;
export type RankingItem = z.infer<typeof rankingItemSchema>;
export type FileItem = z.infer<typeof fileItemSchema>;
export type CalculatedItem = z.infer<typeof calculatedItemSchema>;
export type NoteItem = z.infer<typeof noteItemSchema>;
export type TableItem = z.infer<typeof tableItemSchema>;
export type RepeatItem = z.infer<typeof repeatItemSchema>;
export type ColumnItem = z.infer<typeof columnItemSchema>;
export type RepeatChild = z.infer<typeof repeatChildSchema>;
