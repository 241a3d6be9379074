import { languageCode } from './languages.ts';
import { type Cell, cellText, decodeExtra, type MappingNote, type SheetRows } from './sheets.ts';

// A sheet read through its header row: which column holds what, in which language.

export interface Column {
  index: number;
  header: string;
  base: string;
  /** The language code of a translatable column; undefined for the default language. */
  language?: string;
  /** The property of an `ors::<property>` column. */
  extra?: string;
}

const aliases: Record<string, string> = {
  'jr:constraintmsg': 'constraint_message',
  'jr:requiredmsg': 'required_message',
  'jr:count': 'repeat_count',
  readonly: 'read_only',
  title: 'form_title',
  id_string: 'form_id',
};
export const translatable = new Set([
  'label',
  'hint',
  'constraint_message',
  'required_message',
  'guidance_hint',
  'form_title',
  'image',
  'audio',
  'video',
  'big-image',
]);
export const media = new Set(['image', 'audio', 'video', 'big-image']);

export const known: Record<string, Set<string>> = {
  survey: new Set([
    'type',
    'name',
    'label',
    'hint',
    'required',
    'relevant',
    'constraint',
    'constraint_message',
    'calculation',
    'default',
    'read_only',
    'appearance',
    'choice_filter',
    'repeat_count',
    'ors',
  ]),
  choices: new Set(['list_name', 'name', 'label', 'ors']),
  settings: new Set(['form_title', 'form_id', 'default_language', 'version', 'instrument', 'ors']),
};

const columnReasons: Record<string, string> = {
  required_message: 'required messages are not imported: ORS words its own',
  guidance_hint: 'guidance hints are not imported',
  parameters: 'parameters are not imported',
};

function normalizeBase(text: string): string {
  const base = text.trim().toLowerCase().replace(/\s+/g, '_');
  return aliases[base] ?? base;
}

function parseHeader(raw: string): { base: string; qualifier?: string; extra?: string } {
  if (raw.startsWith('ors::')) return { base: 'ors', extra: raw.slice(5) };
  let base = raw;
  let qualifier: string | undefined;
  const doubleColon = raw.indexOf('::');
  if (doubleColon >= 0) {
    base = raw.slice(0, doubleColon);
    qualifier = raw.slice(doubleColon + 2);
  } else {
    // The old syntax: `label:English`.
    const old = /^([^:]+):(.+)$/.exec(raw);
    if (old && translatable.has(normalizeBase(old[1] as string))) {
      base = old[1] as string;
      qualifier = old[2];
    }
  }
  base = normalizeBase(base);
  if (base === 'media' && qualifier) {
    const [kind, ...rest] = qualifier.split('::');
    return { base: normalizeBase(kind ?? ''), qualifier: rest.length ? rest.join('::') : undefined };
  }
  return { base, qualifier };
}

export class Sheet {
  readonly columns: Column[] = [];

  constructor(
    readonly name: string,
    readonly rows: SheetRows,
    report: MappingNote[],
  ) {
    (rows[0] ?? []).forEach((cell, index) => {
      const header = cellText(cell);
      if (!header) return;
      const { base, qualifier, extra } = parseHeader(header);
      if (extra !== undefined) {
        this.columns.push({ index, header, base, extra });
        return;
      }
      let language: string | undefined;
      if (qualifier !== undefined && translatable.has(base)) {
        const code = languageCode(qualifier);
        if (code === null) {
          if (this.hasData(index)) {
            report.push({
              sheet: name,
              row: 1,
              column: header,
              reason: `the language "${qualifier}" is not recognised: write it as "Name (code)", e.g. "English (en)"`,
              severity: 'warning',
            });
          }
          return;
        }
        language = code;
      }
      this.columns.push({
        index,
        header,
        base: qualifier !== undefined && !translatable.has(base) ? header : base,
        language,
      });
    });
  }

  hasData(index: number): boolean {
    return this.rows.some((row, i) => i > 0 && cellText(row[index]) !== '');
  }

  value(row: Cell[], base: string): string {
    const column = this.columns.find(
      (c) => c.base === base && c.language === undefined && c.extra === undefined,
    );
    return column ? cellText(row[column.index]) : '';
  }

  header(base: string): string {
    return this.columns.find((c) => c.base === base)?.header ?? base;
  }

  localized(row: Cell[], base: string, defaultLanguage: string): Record<string, string> | undefined {
    const text: Record<string, string> = {};
    for (const column of this.columns) {
      if (column.base !== base || column.extra !== undefined) continue;
      const value = cellText(row[column.index]);
      if (value) text[column.language ?? defaultLanguage] ??= value;
    }
    return Object.keys(text).length ? text : undefined;
  }

  extras(row: Cell[]): [string, unknown][] {
    return this.columns
      .filter((c) => c.extra !== undefined && cellText(row[c.index]) !== '')
      .map((c) => [c.extra as string, decodeExtra(c.extra as string, row[c.index] ?? null)]);
  }

  /** Languages of translatable columns, in the order of the columns. */
  languages(defaultLanguage: string): string[] {
    return this.columns
      .filter((c) => translatable.has(c.base) && !media.has(c.base) && c.extra === undefined)
      .map((c) => c.language ?? defaultLanguage);
  }

  reportUnknownColumns(report: MappingNote[], sheetKind: 'survey'): void {
    for (const column of this.columns) {
      if (known[sheetKind]?.has(column.base) || !this.hasData(column.index)) continue;
      const reason = media.has(column.base)
        ? 'media (images, audio, video) are not imported'
        : (columnReasons[column.base] ??
          `the column "${column.header}" is not imported: ORS has no such property`);
      report.push({ sheet: this.name, row: 1, column: column.header, reason, severity: 'warning' });
    }
  }
}
