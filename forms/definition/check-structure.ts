import { isIsoDate } from '../answers/value-shape.ts';
import type { Path, Problem, ProblemParams } from '../result.ts';
import { definitionLimits } from './limits.ts';
import {
  booleanItemSchema,
  calculatedItemSchema,
  choiceItemSchema,
  type Definition,
  dateItemSchema,
  definitionSchema,
  fileItemSchema,
  groupItemSchema,
  type Item,
  loopItemSchema,
  noteItemSchema,
  numberItemSchema,
  optionSchema,
  rankingItemSchema,
  repeatItemSchema,
  sectionSchema,
  tableItemSchema,
  tableRowSchema,
  textItemSchema,
} from './schema.ts';
import { forEachItem, isContainer } from './walk-items.ts';

const keysOf = (schema: { shape: Record<string, unknown> }) => new Set(Object.keys(schema.shape));

const itemKeys: Record<Item['type'], Set<string>> = {
  text: keysOf(textItemSchema),
  textarea: keysOf(textItemSchema),
  integer: keysOf(numberItemSchema),
  decimal: keysOf(numberItemSchema),
  date: keysOf(dateItemSchema),
  boolean: keysOf(booleanItemSchema),
  choice: keysOf(choiceItemSchema),
  ranking: keysOf(rankingItemSchema),
  file: keysOf(fileItemSchema),
  calculated: keysOf(calculatedItemSchema),
  note: keysOf(noteItemSchema),
  table: keysOf(tableItemSchema),
  repeat: keysOf(repeatItemSchema),
  group: keysOf(groupItemSchema),
  loop: keysOf(loopItemSchema),
};
const sectionKeys = keysOf(sectionSchema);
const topKeys = keysOf(definitionSchema);
const optionKeys = keysOf(optionSchema);
const rowKeys = keysOf(tableRowSchema);
/** Fields that only make sense on an item holding a value: on a note or group they are an error. */
const valueFields = new Set(['required', 'constraint', 'constraintMessage', 'default']);

function rawAt(raw: unknown, path: Path): unknown {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

type Report = (path: Path, code: string, message: string, params?: ProblemParams) => void;

/**
 * The rules of a definition that need more than one field: ids, limits, bounds, options, fields that
 * do not belong to a type. Expressions are checked when the plan is built.
 */
export function checkStructure(
  definition: Definition,
  raw: unknown,
  errors: Problem[],
  warnings: Problem[],
): void {
  const error: Report = (path, code, message, params) =>
    errors.push({ path, code, message, severity: 'error', ...(params && { params }) });
  const warn: Report = (path, code, message, params) =>
    warnings.push({ path, code, message, severity: 'warning', ...(params && { params }) });

  if (!definition.languages.includes(definition.defaultLanguage)) {
    error(['defaultLanguage'], 'default_language', `"${definition.defaultLanguage}" is not in languages`, {
      language: definition.defaultLanguage,
    });
  }
  if (new Set(definition.languages).size !== definition.languages.length) {
    error(['languages'], 'duplicate', 'a language is listed twice', { kind: 'language' });
  }
  const unknownFields = (value: unknown, allowed: Set<string>, path: Path) => {
    if (value === null || typeof value !== 'object') return;
    for (const key of Object.keys(value)) {
      if (!allowed.has(key))
        warn([...path, key], 'unknown_field', `"${key}" is not a field here and is ignored`, {
          kind: 'here',
          field: key,
        });
    }
  };
  unknownFields(raw, topKeys, []);

  const codeLists = definition.codeLists ?? {};
  const usedLists = new Set<string>();
  for (const [name, list] of Object.entries(codeLists)) {
    checkOptionValues(list, ['codeLists', name], error);
    for (let i = 0; i < list.length; i++) {
      unknownFields(rawAt(raw, ['codeLists', name, i]), optionKeys, ['codeLists', name, i]);
    }
  }
  const optionCount = (source: string | readonly unknown[]) =>
    typeof source === 'string' ? (codeLists[source]?.length ?? 0) : source.length;

  const sectionIds = new Map<string, number>();
  for (const [i, section] of definition.sections.entries()) {
    if (sectionIds.has(section.id)) {
      error(['sections', i, 'id'], 'duplicate_id', `section id "${section.id}" is used twice`, {
        kind: 'section',
        id: section.id,
      });
    }
    sectionIds.set(section.id, i);
    unknownFields(rawAt(raw, ['sections', i]), sectionKeys, ['sections', i]);
  }

  // Ids are unique among top-level answers and within each repeat, table or loop.
  const scopes = new Map<Item | null, Map<string, Path>>();
  const allIds = new Set<string>();
  const scopeOf = (container: Item | null) => {
    let scope = scopes.get(container);
    if (scope === undefined) {
      scope = new Map();
      scopes.set(container, scope);
    }
    return scope;
  };
  let count = 0;
  const renamed: { ids: string[]; path: Path }[] = [];
  forEachItem(definition, (item, livePath, container, depth) => {
    const path = livePath.slice();
    count++;
    if (count === definitionLimits.maxItems + 1) {
      error([], 'too_many_items', `a definition may hold at most ${definitionLimits.maxItems} items`, {
        max: definitionLimits.maxItems,
      });
    }
    if (depth >= definitionLimits.maxItemDepth) {
      error(path, 'too_deep', `items may be nested at most ${definitionLimits.maxItemDepth} levels deep`, {
        kind: 'items',
        max: definitionLimits.maxItemDepth,
      });
    }
    const rawItem = rawAt(raw, path);
    if (rawItem !== null && typeof rawItem === 'object') {
      for (const key of Object.keys(rawItem)) {
        if (itemKeys[item.type].has(key)) continue;
        if (valueFields.has(key)) {
          error([...path, key], 'no_value', `a ${item.type} holds no answer and cannot have "${key}"`, {
            kind: 'field',
            type: item.type,
            field: key,
          });
        } else {
          warn([...path, key], 'unknown_field', `"${key}" is not a field of a ${item.type} and is ignored`, {
            kind: 'item',
            type: item.type,
            field: key,
          });
        }
      }
    }
    const scope = scopeOf(container);
    claim(scope, item.id, path, 'id', error);
    if (item.type === 'choice' && item.other) claim(scope, `${item.id}_other`, path, 'other', error);
    if (container !== null && scopes.get(null)?.has(item.id)) {
      warn(
        [...path, 'id'],
        'shadows',
        `"${item.id}" inside ${container.id} hides the top-level item of that id in its expressions`,
        { id: item.id, container: container.id },
      );
    }
    allIds.add(item.id);
    if (item.renamedFrom) renamed.push({ ids: item.renamedFrom, path: [...path, 'renamedFrom'] });
    checkItemRules(item, path, error, warn, optionCount);
    if ((item.type === 'choice' || item.type === 'ranking') && typeof item.options !== 'string') {
      checkOptionValues(item.options, [...path, 'options'], error);
    }
    if ((item.type === 'choice' || item.type === 'ranking') && typeof item.options === 'string') {
      usedLists.add(item.options);
    }
    if (item.type === 'table') {
      if (typeof item.rows === 'string') usedLists.add(item.rows);
      else {
        const seen = new Set<string>();
        item.rows.forEach((row, i) => {
          if (seen.has(row.id))
            error([...path, 'rows', i, 'id'], 'duplicate', `row "${row.id}" is listed twice`, {
              kind: 'row',
              id: row.id,
            });
          seen.add(row.id);
          unknownFields(rawAt(raw, [...path, 'rows', i]), rowKeys, [...path, 'rows', i]);
        });
      }
    }
    if (item.type === 'loop') usedLists.add(item.over);
    if (isContainer(item) && depth + 1 >= definitionLimits.maxItemDepth) {
      error(path, 'too_deep', `items may be nested at most ${definitionLimits.maxItemDepth} levels deep`, {
        kind: 'items',
        max: definitionLimits.maxItemDepth,
      });
    }
  });
  for (const { ids, path } of renamed) {
    ids.forEach((id, i) => {
      if (allIds.has(id)) {
        error(
          [...path, i],
          'renamed_from_current',
          `"${id}" is an item of this version: its answers cannot carry over to another`,
          { id },
        );
      }
    });
  }
  for (const name of Object.keys(codeLists)) {
    if (!usedLists.has(name))
      warn(['codeLists', name], 'unused_code_list', `code list "${name}" is not used`, { name });
  }
}

/** Records where an id is first used in its scope; a second use is a `duplicate_id` error. */
function claim(scope: Map<string, Path>, id: string, path: Path, field: string, error: Report): void {
  const first = scope.get(id);
  if (first === undefined) scope.set(id, path);
  else {
    const at = [...first, 'id'].join('.');
    error([...path, field], 'duplicate_id', `id "${id}" is already used at ${at}`, { kind: 'item', id, at });
  }
}

function checkOptionValues(options: readonly { value: string }[], path: Path, error: Report) {
  const seen = new Set<string>();
  options.forEach((option, i) => {
    if (seen.has(option.value))
      error([...path, i, 'value'], 'duplicate', `option "${option.value}" is listed twice`, {
        kind: 'option',
        value: option.value,
      });
    seen.add(option.value);
  });
}

function checkItemRules(
  item: Item,
  path: Path,
  error: Report,
  warn: Report,
  optionCount: (source: string | readonly unknown[]) => number,
): void {
  const order = (
    lowKey: string,
    low: number | string | undefined,
    high: number | string | undefined,
    highKey: string,
  ) => {
    if (low !== undefined && high !== undefined && low > high) {
      error([...path, lowKey], 'min_max', `${lowKey} (${low}) is greater than ${highKey} (${high})`, {
        kind: 'order',
        low: lowKey,
        lowValue: low,
        high: highKey,
        highValue: high,
      });
    }
  };
  switch (item.type) {
    case 'text':
    case 'textarea':
      order('minLength', item.minLength, item.maxLength, 'maxLength');
      break;
    case 'integer':
    case 'decimal':
    case 'date':
      order('min', item.min, item.max, 'max');
      if (item.type === 'integer') {
        if (item.min !== undefined && !Number.isInteger(item.min))
          warn([...path, 'min'], 'not_integer', 'min of a whole number is not whole', { field: 'min' });
        if (item.max !== undefined && !Number.isInteger(item.max))
          warn([...path, 'max'], 'not_integer', 'max of a whole number is not whole', { field: 'max' });
      }
      if (item.type === 'date') {
        for (const key of ['min', 'max'] as const) {
          const value = item[key];
          if (value !== undefined && !isIsoDate(value)) {
            error([...path, key], 'date', `"${value}" is not a real date`, { value });
          }
        }
      }
      break;
    case 'choice': {
      order('minSelected', item.minSelected, item.maxSelected, 'maxSelected');
      if (!item.multiple) {
        for (const key of ['minSelected', 'maxSelected'] as const) {
          if (item[key] !== undefined)
            error([...path, key], 'needs_multiple', `${key} needs "multiple": true`, {
              kind: 'field',
              field: key,
            });
        }
        if (item.appearance === 'checkbox')
          warn([...path, 'appearance'], 'needs_multiple', 'checkboxes suit a multiple choice', {
            kind: 'appearance',
          });
      }
      const available = optionCount(item.options) + (item.other ? 1 : 0);
      if (item.minSelected !== undefined && available > 0 && item.minSelected > available) {
        error(
          [...path, 'minSelected'],
          'min_max',
          `minSelected (${item.minSelected}) is more than the ${available} options`,
          { kind: 'options', field: 'minSelected', value: item.minSelected, count: available },
        );
      }
      break;
    }
    case 'ranking': {
      const available = optionCount(item.options);
      if (item.maxRanked !== undefined && available > 0 && item.maxRanked > available) {
        warn(
          [...path, 'maxRanked'],
          'min_max',
          `maxRanked (${item.maxRanked}) is more than the ${available} options`,
          { kind: 'options', field: 'maxRanked', value: item.maxRanked, count: available },
        );
      }
      break;
    }
    case 'repeat':
      order('minItems', item.minItems, item.maxItems, 'maxItems');
      break;
    case 'calculated':
    case 'note':
    case 'group':
    case 'boolean':
    case 'file':
    case 'table':
    case 'loop':
      break;
  }
}
