import type {
  Definition,
  GroupItem,
  Item,
  LocalizedText,
  LoopItem,
  Option,
  RepeatItem,
} from '../../forms/index.ts';
import { IdentifierPool, toIdentifier, toKey, toOptionValue } from './identifiers.ts';
import { languageCode } from './languages.ts';
import { known, media, Sheet, translatable } from './sheet-view.ts';
import { type Cell, cellText, type MappingNote, type XlsFormSheets } from './sheets.ts';
import { orsString, translateXlsExpression, xlsReferences } from './xls-expression.ts';
import { knownPlainTypes, metadataTypes, parseType, plainTypes, unsupportedTypes } from './xls-types.ts';

export interface ImportOptions {
  /** The questionnaire key; else the settings' form_id. */
  key?: string;
  /** The instrument code; else the settings' `instrument` column. */
  instrument?: string;
  /** The file's name without extension: the key and title when the settings give neither. */
  fileName?: string;
}

/** The definition read from the sheets, every loss reported, and where each part of it came from. */
export interface RowsMapping {
  definition: Definition;
  report: MappingNote[];
  /** The survey or choices row each section, item and option was read from, for mapping problems back. */
  origin: WeakMap<object, { sheet: string; row: number }>;
}

type Frame =
  | { kind: 'root'; items: Item[] }
  | { kind: 'group'; item: GroupItem; row: number }
  | { kind: 'repeat'; item: RepeatItem; row: number }
  | { kind: 'loop'; item: LoopItem; row: number; end: 'loop' | 'repeat' }
  | { kind: 'flat'; row: number; relevant: string }
  | { kind: 'skip'; row: number; note?: MappingNote; end: 'group' | 'repeat' | 'loop' };

interface PendingExpression {
  target: Record<string, unknown>;
  property: string;
  xls: string;
  row: number;
  column: string;
  repeat: string | null;
}

interface NameEntry {
  id: string;
  repeat: string | null;
}

const yes = new Set(['yes', 'true', 'true()', '1']);
const no = new Set(['no', 'false', 'false()', '0', '']);

/**
 * Maps the sheets of an XLSForm workbook onto an ORS definition, reporting every row and cell it cannot map.
 * Pure: `importXlsForm` reads the file and checks the result.
 *
 * @example
 * rowsToDefinition({ survey: [['type', 'name', 'label'], ['integer', 'age', 'Age']] }, { instrument: 'CMS' });
 */
export function rowsToDefinition(sheets: XlsFormSheets, options: ImportOptions = {}): RowsMapping {
  const report: MappingNote[] = [];
  const origin = new WeakMap<object, { sheet: string; row: number }>();
  const note = (
    sheet: string,
    row: number,
    reason: string,
    severity: MappingNote['severity'],
    column?: string,
  ) => {
    const entry: MappingNote =
      column === undefined ? { sheet, row, reason, severity } : { sheet, row, column, reason, severity };
    report.push(entry);
    return entry;
  };

  for (const name of Object.keys(sheets)) {
    if (!['survey', 'choices', 'settings'].includes(name)) {
      note(
        name,
        1,
        `the sheet "${name}" is not imported: only survey, choices and settings are read`,
        'warning',
      );
    }
  }
  const surveyRows = sheets.survey;
  if (!surveyRows) note('survey', 1, 'the workbook has no "survey" sheet', 'error');
  const survey = new Sheet('survey', surveyRows ?? [['type', 'name', 'label']], report);
  const choices = new Sheet('choices', sheets.choices ?? [['list_name', 'name', 'label']], report);
  const settings = new Sheet('settings', sheets.settings ?? [['form_title']], report);
  survey.reportUnknownColumns(report, 'survey');
  // Other columns of choices become option attributes; only media are lost.
  for (const column of choices.columns) {
    if (media.has(column.base) && choices.hasData(column.index)) {
      note('choices', 1, 'media (images, audio, video) are not imported', 'warning', column.header);
    }
  }
  const settingsRow = settings.rows[1] ?? [];
  for (const column of settings.columns) {
    if (!known.settings?.has(column.base) && cellText(settingsRow[column.index]) !== '') {
      note('settings', 2, `the setting "${column.header}" is not imported`, 'warning', column.header);
    }
  }

  // Languages: the settings' default language, else the first language of a translated column.
  const declaredDefault = settings.value(settingsRow, 'default_language');
  const firstNamed = [...survey.columns, ...choices.columns].find(
    (c) => translatable.has(c.base) && !media.has(c.base) && c.language !== undefined,
  )?.language;
  let defaultLanguage = declaredDefault ? languageCode(declaredDefault) : null;
  if (declaredDefault && defaultLanguage === null) {
    note(
      'settings',
      2,
      `the default language "${declaredDefault}" is not recognised`,
      'warning',
      'default_language',
    );
  }
  defaultLanguage ??= firstNamed ?? 'en';
  const languages = [
    ...new Set([
      ...survey.languages(defaultLanguage),
      ...choices.languages(defaultLanguage),
      defaultLanguage,
    ]),
  ];

  // Choices: each list becomes a code list; extra columns become option attributes.
  const listIds = new IdentifierPool();
  const lists = new Map<string, { id: string; options: Option[] }>();
  const listColumn = choices.columns.find((c) => c.base === 'list_name');
  const attributeColumns = choices.columns.filter(
    (c) =>
      !known.choices?.has(c.base) && !media.has(c.base) && c.language === undefined && c.extra === undefined,
  );
  choices.rows.forEach((row, index) => {
    if (index === 0 || row.every((cell) => cellText(cell) === '')) return;
    const rowNumber = index + 1;
    const listName = listColumn ? cellText(row[listColumn.index]) : '';
    const rawValue = choices.value(row, 'name');
    if (!listName || !rawValue) {
      note(
        'choices',
        rowNumber,
        `a choice needs a ${listName ? 'name' : 'list_name'}: the row is not imported`,
        'error',
      );
      return;
    }
    let list = lists.get(listName);
    if (!list) {
      list = { id: listIds.take(listName), options: [] };
      if (list.id !== listName)
        note('choices', rowNumber, `the list "${listName}" is named ${list.id}`, 'info', 'list_name');
      lists.set(listName, list);
    }
    let value = toOptionValue(rawValue);
    if (value !== rawValue)
      note('choices', rowNumber, `the value "${rawValue}" is written ${value}`, 'info', 'name');
    if (list.options.some((o) => o.value === value)) {
      const base = value;
      for (let n = 2; list.options.some((o) => o.value === value); n++) value = `${base}_${n}`;
      note(
        'choices',
        rowNumber,
        `the value "${base}" is already in the list ${list.id}: this one is ${value}`,
        'warning',
        'name',
      );
    }
    let label: LocalizedText | undefined = choices.localized(row, 'label', defaultLanguage);
    if (!label) {
      label = { [defaultLanguage]: rawValue };
      note('choices', rowNumber, 'the choice has no label: its name is used', 'info', 'label');
    }
    const option: Option = { value, label };
    const attributes: Record<string, unknown> = {};
    for (const column of attributeColumns) {
      const cell = row[column.index];
      if (cell === null || cell === undefined || cellText(cell) === '') continue;
      attributes[column.header] = attributeValue(cell);
    }
    for (const [property, extra] of choices.extras(row))
      (option as Record<string, unknown>)[property] = extra;
    if (Object.keys(attributes).length) option.attributes = attributes as Option['attributes'];
    origin.set(option, { sheet: 'choices', row: rowNumber });
    list.options.push(option);
  });

  // Survey
  const ids = new IdentifierPool();
  const names = new Map<string, NameEntry>();
  const dropped = new Map<string, number>();
  const pending: PendingExpression[] = [];
  const pendingOver: { loop: LoopItem; name: string; row: number }[] = [];
  const inlineLists = new Set<string>();
  const root: Frame = { kind: 'root', items: [] };
  const stack: Frame[] = [root];
  const top = () => stack[stack.length - 1] as Frame;
  const currentRepeat = (): string | null => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const frame = stack[i] as Frame;
      if (frame.kind === 'repeat') return frame.item.id;
      if (frame.kind === 'loop' || frame.kind === 'group') return null;
    }
    return null;
  };
  const inRepeat = () => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const kind = (stack[i] as Frame).kind;
      if (kind === 'repeat') return true;
      if (kind !== 'flat') return false;
    }
    return false;
  };
  const add = (item: Item) => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const frame = stack[i] as Frame;
      if (frame.kind === 'root') frame.items.push(item);
      else if (frame.kind === 'group' || frame.kind === 'repeat' || frame.kind === 'loop') {
        (frame.item.items as Item[]).push(item);
      } else continue;
      return;
    }
  };
  const flatRelevant = (own: string): string => {
    const parts = stack.filter(
      (f): f is Extract<Frame, { kind: 'flat' }> => f.kind === 'flat' && f.relevant !== '',
    );
    if (!parts.length) return own;
    return [...parts.map((f) => f.relevant), ...(own ? [own] : [])].map((p) => `(${p})`).join(' and ');
  };

  survey.rows.forEach((row, index) => {
    if (index === 0 || row.every((cell) => cellText(cell) === '')) return;
    const rowNumber = index + 1;
    const typeText = survey.value(row, 'type');
    const frame = top();
    if (frame.kind === 'skip') {
      const parsed = parseType(typeText);
      if (parsed.kind === 'begin' || parsed.kind === 'begin-loop')
        stack.push({ kind: 'skip', row: rowNumber, end: 'group' });
      else if (parsed.kind === 'end') {
        stack.pop();
        if (frame.note) frame.note.reason += ` (rows ${frame.row}–${rowNumber})`;
      }
      return;
    }
    if (!typeText) {
      note('survey', rowNumber, 'a row without a type is not imported', 'warning', 'type');
      return;
    }
    const type = parseType(typeText);
    const rawName = survey.value(row, 'name');

    if (type.kind === 'end') {
      const matches =
        (type.what === 'group' && (frame.kind === 'group' || frame.kind === 'flat')) ||
        (type.what === 'repeat' &&
          (frame.kind === 'repeat' || (frame.kind === 'loop' && frame.end === 'repeat'))) ||
        (type.what === 'loop' && frame.kind === 'loop' && frame.end === 'loop');
      if (!matches) {
        note(
          'survey',
          rowNumber,
          `"${typeText}" closes nothing that is open: the row is ignored`,
          'error',
          'type',
        );
        return;
      }
      stack.pop();
      return;
    }

    const label = survey.localized(row, 'label', defaultLanguage);
    const help = survey.localized(row, 'hint', defaultLanguage);
    const skipBlock = (reason: string) => {
      const entry = note('survey', rowNumber, reason, 'error', 'type');
      stack.push({ kind: 'skip', row: rowNumber, note: entry, end: 'group' });
      if (rawName) dropped.set(rawName, rowNumber);
    };

    const isBlock = type.kind === 'begin' || type.kind === 'begin-loop';
    if (!rawName && !(type.kind === 'begin' && type.what === 'group')) {
      if (isBlock) skipBlock(`"${typeText}" has no name: it is not imported`);
      else if (!metadataTypes.has(type.kind === 'plain' ? type.name : '')) {
        note('survey', rowNumber, `"${typeText}" has no name: the row is not imported`, 'error', 'name');
      }
      return;
    }

    if (type.kind === 'begin' && type.what === 'group' && inRepeat()) {
      note(
        'survey',
        rowNumber,
        'a group inside a repeat is not kept: its questions are imported into the repeat',
        'warning',
        'type',
      );
      stack.push({ kind: 'flat', row: rowNumber, relevant: survey.value(row, 'relevant') });
      return;
    }
    if (isBlock && inRepeat()) {
      skipBlock('a repeat or loop inside a repeat is not supported: its rows are not imported');
      return;
    }

    const base: Record<string, unknown> = {};
    const item = base as Item & Record<string, unknown>;
    const claim = () => {
      const id = ids.take(rawName || `group_${rowNumber}`);
      if (rawName && id !== rawName)
        note('survey', rowNumber, `the name "${rawName}" is written ${id}`, 'info', 'name');
      if (rawName) names.set(rawName, { id, repeat: currentRepeat() });
      return id;
    };
    const defer = (property: string, xls: string, column = property) => {
      if (xls)
        pending.push({
          target: item,
          property,
          xls,
          row: rowNumber,
          column: survey.header(column),
          repeat: currentRepeat(),
        });
    };
    const textReferences = () => {
      const texts = [label, help].flatMap((t) => (t ? Object.values(t) : []));
      if (texts.some((t) => xlsReferences(t).length > 0)) {
        note(
          'survey',
          rowNumber,
          `the text shows \${…} as written: ORS labels do not insert answers`,
          'info',
          'label',
        );
      }
    };
    const answerable = () => {
      // Answerable items need a label: a repeat or a loop often has none in XLSForm.
      item.label = label ?? { [defaultLanguage]: rawName };
      if (help) item.help = help;
      const required = survey.value(row, 'required');
      if (yes.has(required.toLowerCase())) item.required = true;
      else if (!no.has(required.toLowerCase())) defer('required', required);
      defer('constraint', survey.value(row, 'constraint'));
      const message = survey.localized(row, 'constraint_message', defaultLanguage);
      if (message) item.constraintMessage = message;
      if (yes.has(survey.value(row, 'read_only').toLowerCase())) item.readonly = true;
    };
    const finish = () => {
      defer('relevant', flatRelevant(survey.value(row, 'relevant')));
      const calculation = survey.value(row, 'calculation');
      if (calculation && item.type !== 'calculated') {
        note(
          'survey',
          rowNumber,
          `a calculation on a ${typeText} question is not imported`,
          'warning',
          survey.header('calculation'),
        );
      }
      const filter = survey.value(row, 'choice_filter');
      if (filter) {
        note(
          'survey',
          rowNumber,
          'choice_filter is not imported: an ORS choice shows all its options',
          'warning',
          survey.header('choice_filter'),
        );
      }
      for (const [property, value] of survey.extras(row)) item[property] = value;
      textReferences();
      origin.set(item, { sheet: 'survey', row: rowNumber });
    };
    const appearance = survey.value(row, 'appearance');
    const unmappedAppearance = () => {
      if (appearance) {
        note(
          'survey',
          rowNumber,
          `the appearance "${appearance}" has no ORS equivalent: it is ignored`,
          'warning',
          survey.header('appearance'),
        );
      }
    };
    const defaultValue = (kind: 'number' | 'boolean' | 'text') => {
      const text = survey.value(row, 'default');
      if (!text) return;
      if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(text)) item.default = Number(text);
      else if (kind === 'boolean' && (yes.has(text.toLowerCase()) || text.toLowerCase() === 'ok'))
        item.default = true;
      else if (kind === 'boolean' && no.has(text.toLowerCase())) item.default = false;
      else if (/\$\{|\(/.test(text)) defer('default', text);
      else item.default = orsString(text);
    };

    if (type.kind === 'begin' && type.what === 'group') {
      Object.assign(item, { id: claim(), type: 'group' });
      if (label) item.label = label;
      if (help) item.help = help;
      if (appearance && appearance !== 'field-list') unmappedAppearance();
      item.items = [];
      finish();
      add(item);
      stack.push({ kind: 'group', item: item as GroupItem, row: rowNumber });
      return;
    }
    if (type.kind === 'begin' && type.what === 'repeat') {
      const count = survey.value(row, 'repeat_count');
      const over = /^count-selected\s*\(\s*\$\{\s*([^}]+?)\s*\}\s*\)$/.exec(count)?.[1];
      Object.assign(item, { id: claim(), type: over ? 'loop' : 'repeat' });
      answerable();
      if (over) {
        item.over = '';
        pendingOver.push({ loop: item as LoopItem, name: over, row: rowNumber });
      } else if (/^\d+$/.test(count)) {
        item.minItems = Number(count);
        item.maxItems = Number(count);
      } else if (count) {
        note(
          'survey',
          rowNumber,
          `a repeat count "${count}" is not supported: the number of rows is left open`,
          'warning',
          survey.header('repeat_count'),
        );
      }
      if (appearance && appearance !== 'field-list') unmappedAppearance();
      item.items = [];
      finish();
      add(item);
      if (over) stack.push({ kind: 'loop', item: item as LoopItem, row: rowNumber, end: 'repeat' });
      else stack.push({ kind: 'repeat', item: item as RepeatItem, row: rowNumber });
      return;
    }
    if (type.kind === 'begin-loop') {
      const list = lists.get(type.list);
      if (!list) {
        skipBlock(`the list "${type.list}" is not in the choices sheet: the loop is not imported`);
        return;
      }
      Object.assign(item, { id: claim(), type: 'loop' });
      answerable();
      item.over = list.id;
      item.items = [];
      finish();
      add(item);
      stack.push({ kind: 'loop', item: item as LoopItem, row: rowNumber, end: 'loop' });
      return;
    }
    if (type.kind === 'select') {
      const list = lists.get(type.list);
      if (!list) {
        note(
          'survey',
          rowNumber,
          `the list "${type.list}" is not in the choices sheet: the row is not imported`,
          'error',
          'type',
        );
        dropped.set(rawName, rowNumber);
        return;
      }
      Object.assign(item, { id: claim(), type: type.what === 'rank' ? 'ranking' : 'choice' });
      answerable();
      item.options = list.id;
      if (type.what === 'select_multiple') item.multiple = true;
      if (type.other) item.other = true;
      if (type.what !== 'rank' && /^(minimal|autocomplete|search|minimal autocomplete)$/.test(appearance)) {
        item.appearance = 'dropdown';
      } else unmappedAppearance();
      defaultValue('text');
      finish();
      if (item.options === 'inline') {
        item.options = list.options;
        inlineLists.add(list.id);
      }
      add(item);
      return;
    }

    if (type.kind !== 'plain') return;
    const plain = type.name;
    if (metadataTypes.has(plain) || plain.startsWith('uri:')) {
      note(
        'survey',
        rowNumber,
        `"${typeText}" is device metadata: ORS records who changed what and when itself`,
        'warning',
        'type',
      );
      dropped.set(rawName, rowNumber);
      return;
    }
    const unsupported = unsupportedTypes[plain];
    if (unsupported !== undefined || !knownPlainTypes.has(plain)) {
      const what = unsupported ? ` (${unsupported})` : '';
      note(
        'survey',
        rowNumber,
        `the type "${typeText}"${what} is not supported: the row is not imported`,
        'error',
        'type',
      );
      dropped.set(rawName, rowNumber);
      return;
    }
    if (plain === 'note') {
      if (!label) {
        note('survey', rowNumber, 'a note without a label is not imported', 'warning', 'label');
        dropped.set(rawName, rowNumber);
        return;
      }
      Object.assign(item, { id: claim(), type: 'note', text: label });
      if (help) item.help = help;
      unmappedAppearance();
      finish();
      add(item);
      return;
    }
    if (plain === 'calculate') {
      const calculation = survey.value(row, 'calculation');
      const kept = survey.extras(row).some(([property]) => property === 'expression');
      if (!calculation && !kept) {
        note(
          'survey',
          rowNumber,
          'a calculate row without a calculation is not imported',
          'error',
          survey.header('calculation'),
        );
        dropped.set(rawName, rowNumber);
        return;
      }
      Object.assign(item, {
        id: claim(),
        type: 'calculated',
        label: label ?? { [defaultLanguage]: rawName },
      });
      if (help) item.help = help;
      if (calculation) {
        pending.push({
          target: item,
          property: 'expression',
          xls: calculation,
          row: rowNumber,
          column: survey.header('calculation'),
          repeat: currentRepeat(),
        });
      }
      finish();
      add(item);
      return;
    }
    const orsType = plainTypes[plain] as string;
    Object.assign(item, { id: claim(), type: orsType });
    answerable();
    if (plain === 'image') item.accept = ['image/*'];
    if (orsType === 'text' && appearance === 'multiline') item.type = 'textarea';
    else unmappedAppearance();
    if (plain === 'phone number')
      note('survey', rowNumber, 'a phone number is imported as text', 'info', 'type');
    defaultValue(
      orsType === 'integer' || orsType === 'decimal' ? 'number' : orsType === 'boolean' ? 'boolean' : 'text',
    );
    finish();
    add(item);
  });

  for (let i = stack.length - 1; i > 0; i--) {
    const frame = stack[i] as Exclude<Frame, { kind: 'root' }>;
    note(
      'survey',
      frame.row,
      'this block is never closed: it is closed at the end of the sheet',
      'warning',
      'type',
    );
  }

  // Expressions, once every name is known.
  for (const expression of pending) {
    const resolve = (name: string) => {
      const entry = names.get(name);
      if (!entry) return null;
      return entry.repeat && entry.repeat !== expression.repeat ? `${entry.repeat}.${entry.id}` : entry.id;
    };
    const lost = xlsReferences(expression.xls).find((name) => !names.has(name) && dropped.has(name));
    const translated = translateXlsExpression(expression.xls, resolve);
    if (translated.ok && !lost) {
      expression.target[expression.property] = translated.expression;
      continue;
    }
    const reason = lost
      ? `refers to \${${lost}} (row ${dropped.get(lost)}), which is not imported`
      : (translated as { reason: string }).reason;
    note(
      'survey',
      expression.row,
      `${expression.property} "${expression.xls}" is not imported: ${reason}`,
      'error',
      expression.column,
    );
  }
  for (const { loop, name, row } of pendingOver) {
    const entry = names.get(name);
    if (entry) loop.over = entry.id;
    else
      note(
        'survey',
        row,
        `the repeat count refers to \${${name}}, which is not a question`,
        'error',
        survey.header('repeat_count'),
      );
  }

  // Sections: top-level groups when the survey is made of them, else one section.
  const formTitle = settings.localized(settingsRow, 'form_title', defaultLanguage);
  const formId = settings.value(settingsRow, 'form_id');
  const title: LocalizedText = formTitle ?? {
    [defaultLanguage]: formId || options.fileName || 'Questionnaire',
  };
  const topItems = (root as { items: Item[] }).items;
  const sections: Definition['sections'] = [];
  if (topItems.length > 0 && topItems.every((i) => i.type === 'group')) {
    for (const group of topItems as GroupItem[]) {
      const {
        id: _id,
        type: _type,
        label: _label,
        help: _help,
        relevant: _relevant,
        items: _items,
        ...extras
      } = group;
      const section: Definition['sections'][number] = {
        ...extras,
        id: group.id,
        title: group.label ?? { [defaultLanguage]: group.id },
        ...(group.help ? { description: group.help } : {}),
        ...(group.relevant ? { relevant: group.relevant } : {}),
        items: group.items,
      };
      const from = origin.get(group);
      if (from) origin.set(section, from);
      sections.push(section);
    }
  } else {
    sections.push({ id: toIdentifier(formId || 'main'), title, items: topItems });
    if (topItems.length === 0)
      note('survey', 1, 'the survey has no question that could be imported', 'error');
  }

  const codeLists: Record<string, Option[]> = {};
  const referenced = new Set<string>();
  const collect = (items: Item[]) => {
    for (const item of items) {
      if ('options' in item && typeof item.options === 'string') referenced.add(item.options);
      if ('items' in item) collect(item.items as Item[]);
    }
  };
  for (const section of sections) collect(section.items);
  for (const section of sections)
    for (const item of section.items) if (item.type === 'loop') referenced.add(item.over);
  for (const list of lists.values()) {
    if (inlineLists.has(list.id) && !referenced.has(list.id)) continue;
    codeLists[list.id] = list.options;
  }

  let key = options.key ?? '';
  if (!key) {
    key =
      toKey(formId || cellText(formTitle ? Object.values(formTitle)[0] : '') || options.fileName || '') ||
      'xlsform';
    if (formId && key !== formId)
      note(
        'settings',
        2,
        `the form_id "${formId}" is written ${key} as the questionnaire key`,
        'info',
        settings.header('form_id'),
      );
  }
  const instrument = options.instrument ?? settings.value(settingsRow, 'instrument');
  if (!instrument) {
    note(
      'settings',
      1,
      'no instrument: give one (--instrument) or an "instrument" column in settings',
      'error',
    );
  }

  const definition: Record<string, unknown> = {
    format: 'ors-questionnaire@1',
    key,
    instrument,
    title,
    defaultLanguage,
    languages,
    ...(Object.keys(codeLists).length ? { codeLists } : {}),
    sections,
  };
  for (const [property, value] of settings.extras(settingsRow)) definition[property] = value;
  return { definition: definition as unknown as Definition, report, origin };
}

function attributeValue(cell: Cell): unknown {
  if (typeof cell !== 'string') return cell;
  const text = cell.trim();
  if (/^[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
