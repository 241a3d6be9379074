import type { Definition, Item, LocalizedText, Option, Section } from '../../forms/index.ts';
import { languageColumn } from './languages.ts';
import { type OrsNames, toXlsExpression } from './ors-expression.ts';
import { type Cell, encodeExtra, type SheetRows, type XlsFormSheets } from './sheets.ts';

type Row = Record<string, Cell>;

/** Collects rows as column → value and lays them out under one header, known columns first. */
class SheetBuilder {
  readonly rows: Row[] = [];
  private readonly extraColumns: string[] = [];

  constructor(private readonly columns: string[]) {}

  add(row: Row): void {
    for (const column of Object.keys(row)) {
      if (!this.columns.includes(column) && !this.extraColumns.includes(column))
        this.extraColumns.push(column);
    }
    this.rows.push(row);
  }

  build(always: string[]): SheetRows {
    const header = [...this.columns, ...this.extraColumns].filter(
      (column) =>
        always.includes(column) || this.rows.some((row) => row[column] !== undefined && row[column] !== ''),
    );
    return [header, ...this.rows.map((row) => header.map((column) => row[column] ?? null))];
  }
}

const commonProperties = [
  'id',
  'type',
  'label',
  'help',
  'relevant',
  'required',
  'constraint',
  'constraintMessage',
  'readonly',
  'default',
];

/**
 * Lays a definition out as XLSForm sheets: survey (sections as top-level groups), choices (code lists and
 * inline options), settings. Properties XLSForm has no column for go to `ors::<property>` columns so that
 * importing the workbook gives the same definition back.
 */
export function definitionToSheets(definition: Definition): XlsFormSheets {
  const { languages, defaultLanguage } = definition;
  const translated = (base: string) => languages.map((code) => `${base}::${languageColumn(code)}`);
  const survey = new SheetBuilder([
    'type',
    'name',
    ...translated('label'),
    ...translated('hint'),
    'required',
    'relevant',
    'constraint',
    ...translated('constraint_message'),
    'calculation',
    'default',
    'read_only',
    'appearance',
    'repeat_count',
  ]);
  const choices = new SheetBuilder(['list_name', 'name', ...translated('label')]);
  const codeLists = definition.codeLists ?? {};
  const listNames = new Set(Object.keys(codeLists));

  const multiple = new Set<string>();
  const scan = (items: Item[]) => {
    for (const item of items) {
      if (item.type === 'choice' && item.multiple) multiple.add(item.id);
      if ('items' in item) scan(item.items as Item[]);
    }
  };
  for (const section of definition.sections) scan(section.items);
  const names: OrsNames = { isMultipleChoice: (id) => multiple.has(id) };

  const text = (row: Row, base: string, value: LocalizedText | undefined) => {
    if (value === undefined) return;
    const entries = typeof value === 'string' ? [[defaultLanguage, value] as const] : Object.entries(value);
    for (const [code, words] of entries) row[`${base}::${languageColumn(code)}`] = words;
  };
  const expression = (row: Row, column: string, property: string, ors: string | undefined) => {
    if (ors === undefined) return;
    const xls = toXlsExpression(ors, names);
    if (xls === null) row[`ors::${property}`] = encodeExtra(property, ors);
    else row[column] = xls;
  };
  const extras = (row: Row, object: object, consumed: string[]) => {
    for (const [property, value] of Object.entries(object)) {
      if (!consumed.includes(property) && value !== undefined)
        row[`ors::${property}`] = encodeExtra(property, value);
    }
  };
  const writeOptions = (listName: string, options: Option[]) => {
    for (const option of options) {
      const row: Row = { list_name: listName, name: option.value };
      text(row, 'label', option.label);
      for (const [attribute, value] of Object.entries(option.attributes ?? {})) {
        row[attribute] =
          typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
            ? value
            : JSON.stringify(value);
      }
      extras(row, option, ['value', 'label', 'attributes']);
      choices.add(row);
    }
  };
  for (const [name, options] of Object.entries(codeLists)) writeOptions(name, options);

  const writeDefault = (row: Row, item: Item & { default?: unknown }) => {
    const value = item.default;
    if (value === undefined) return;
    const numeric = item.type === 'integer' || item.type === 'decimal';
    if ((typeof value === 'number' && numeric) || (typeof value === 'boolean' && item.type === 'boolean')) {
      row.default = typeof value === 'boolean' ? String(value) : value;
      return;
    }
    if (typeof value === 'string' && !numeric && item.type !== 'boolean') {
      const literal = /^'((?:[^'\\]|\\.)*)'$/.exec(value)?.[1]?.replace(/\\(.)/g, '$1');
      if (literal !== undefined && literal !== '' && !/\$\{|\(/.test(literal)) {
        row.default = literal;
        return;
      }
      const xls = toXlsExpression(value, names);
      if (xls !== null && /\$\{|\(/.test(xls)) {
        row.default = xls;
        return;
      }
    }
    row['ors::default'] = encodeExtra('default', value);
  };

  const writeItem = (item: Item) => {
    const row: Row = { name: item.id };
    const consumed = [...commonProperties];
    text(row, 'label', item.label);
    text(row, 'hint', item.help);
    expression(row, 'relevant', 'relevant', item.relevant);
    if ('required' in item && item.required !== undefined) {
      if (item.required === true) row.required = 'yes';
      else if (item.required === false) consumed.splice(consumed.indexOf('required'), 1);
      else expression(row, 'required', 'required', item.required);
    }
    if ('constraint' in item) expression(row, 'constraint', 'constraint', item.constraint);
    if ('constraintMessage' in item) text(row, 'constraint_message', item.constraintMessage);
    if (item.readonly) row.read_only = 'yes';
    else if (item.readonly === false) consumed.splice(consumed.indexOf('readonly'), 1);
    writeDefault(row, item);
    let close: string | null = null;
    switch (item.type) {
      case 'text':
        row.type = 'text';
        break;
      case 'textarea':
        row.type = 'text';
        row.appearance = 'multiline';
        break;
      case 'integer':
      case 'decimal':
      case 'date':
        row.type = item.type;
        break;
      case 'boolean':
        row.type = 'acknowledge';
        break;
      case 'file':
        if (item.accept?.length === 1 && item.accept[0] === 'image/*') {
          row.type = 'image';
          consumed.push('accept');
        } else row.type = 'file';
        break;
      case 'choice':
      case 'ranking': {
        let list: string;
        if (typeof item.options === 'string') list = item.options;
        else {
          list = item.id;
          for (let n = 2; listNames.has(list); n++) list = `${item.id}_${n}`;
          listNames.add(list);
          writeOptions(list, item.options);
          row['ors::options'] = 'inline';
        }
        consumed.push('options');
        if (item.type === 'ranking') row.type = `rank ${list}`;
        else {
          row.type = `${item.multiple ? 'select_multiple' : 'select_one'} ${list}${item.other ? ' or_other' : ''}`;
          consumed.push('multiple', 'other');
          if (item.appearance === 'dropdown') {
            row.appearance = 'minimal';
            consumed.push('appearance');
          }
        }
        break;
      }
      case 'calculated':
        row.type = 'calculate';
        expression(row, 'calculation', 'expression', item.expression);
        consumed.push('expression');
        break;
      case 'note':
        row.type = 'note';
        consumed.push('text');
        consumed.splice(consumed.indexOf('label'), 1);
        delete row[`label::${languageColumn(defaultLanguage)}`];
        for (const code of languages) delete row[`label::${languageColumn(code)}`];
        text(row, 'label', item.text);
        if (item.label !== undefined) row['ors::label'] = encodeExtra('label', item.label);
        break;
      case 'table':
        row.type = 'table';
        break;
      case 'group':
        row.type = 'begin group';
        close = 'end group';
        consumed.push('items');
        break;
      case 'repeat':
        row.type = 'begin repeat';
        close = 'end repeat';
        consumed.push('items');
        if (item.minItems !== undefined && item.minItems === item.maxItems) {
          row.repeat_count = item.minItems;
          consumed.push('minItems', 'maxItems');
        }
        break;
      case 'loop':
        consumed.push('items', 'over');
        if (listNames.has(item.over) && item.over in codeLists) {
          row.type = `begin loop over ${item.over}`;
          close = 'end loop';
        } else {
          row.type = 'begin repeat';
          row.repeat_count = `count-selected(\${${item.over}})`;
          close = 'end repeat';
        }
        break;
      default: {
        const never: never = item;
        return never;
      }
    }
    extras(row, item, consumed);
    survey.add(row);
    if (close !== null) {
      for (const child of (item as { items: Item[] }).items) writeItem(child);
      survey.add({ type: close });
    }
  };

  const writeSection = (section: Section) => {
    const row: Row = { type: 'begin group', name: section.id };
    text(row, 'label', section.title);
    text(row, 'hint', section.description);
    expression(row, 'relevant', 'relevant', section.relevant);
    extras(row, section, ['id', 'title', 'description', 'relevant', 'items']);
    survey.add(row);
    for (const item of section.items) writeItem(item);
    survey.add({ type: 'end group' });
  };
  for (const section of definition.sections) writeSection(section);

  const settingsRow: Row = {};
  if (typeof definition.title === 'string') settingsRow.form_title = definition.title;
  else {
    for (const [code, words] of Object.entries(definition.title)) {
      settingsRow[code === defaultLanguage ? 'form_title' : `form_title::${languageColumn(code)}`] = words;
    }
  }
  settingsRow.form_id = definition.key;
  settingsRow.default_language = languageColumn(defaultLanguage);
  settingsRow.instrument = definition.instrument;
  extras(settingsRow, definition, [
    'format',
    'key',
    'instrument',
    'title',
    'defaultLanguage',
    'languages',
    'codeLists',
    'sections',
  ]);
  const settings = new SheetBuilder(['form_title', 'form_id', 'default_language', 'instrument']);
  settings.add(settingsRow);

  return {
    survey: survey.build(['type', 'name', ...translated('label')]),
    choices: choices.build(['list_name', 'name', ...translated('label')]),
    settings: settings.build(['form_title', 'form_id', 'default_language', 'instrument']),
  };
}
