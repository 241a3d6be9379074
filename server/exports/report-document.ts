import { PassThrough, type Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import {
  type LocalizedText,
  localize,
  type Plan,
  type PlannedItem,
  type ReportEvaluation,
} from '../../forms/index.ts';

export interface ReportDocumentInput {
  header: {
    instrument_code: string;
    party_code: string;
    party_name: unknown;
    cycle_title: string;
    status: string;
    version: number | null;
    submitted_at: Date | null;
  };
  answers: Record<string, unknown>;
  evaluation: ReportEvaluation;
  plan: Plan;
  /** full: every relevant question, unanswered ones marked; short: answered questions only. */
  variant: 'full' | 'short';
  language: string;
  /** Deflate the page streams (true by default; tests read the text back either way). */
  compress?: boolean;
}

const words = {
  en: {
    party: 'Party',
    instrument: 'Instrument',
    cycle: 'Reporting cycle',
    status: 'Status',
    submitted: 'Submitted',
    version: 'Questionnaire version',
    none: 'not answered',
    yes: 'Yes',
    no: 'No',
  },
  fr: {
    party: 'Partie',
    instrument: 'Instrument',
    cycle: 'Cycle de rapport',
    status: 'Statut',
    submitted: 'Soumis le',
    version: 'Version du questionnaire',
    none: 'sans réponse',
    yes: 'Oui',
    no: 'Non',
  },
  es: {
    party: 'Parte',
    instrument: 'Instrumento',
    cycle: 'Ciclo de informes',
    status: 'Estado',
    submitted: 'Presentado el',
    version: 'Versión del cuestionario',
    none: 'sin respuesta',
    yes: 'Sí',
    no: 'No',
  },
} as const;

// The standard PDF fonts (always available, nothing to embed) encode Windows-1252: all of English, French and
// Spanish. Other letters lose their accents (ā → a) rather than printing as garbage.
const cp1252Extra = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function printable(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 10 || (code >= 32 && code < 127) || (code >= 160 && code <= 255) || cp1252Extra.has(char)) {
      out += char;
    } else {
      const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base.length > 0 && [...base].every((c) => (c.codePointAt(0) ?? 0) < 256) ? base : '?';
    }
  }
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const empty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isObject(value) && Object.keys(value).length === 0);

/** How a document is drawn: the report walk below calls these, in reading order. */
export interface DocumentWriter {
  title(text: string): void;
  meta(label: string, value: string): void;
  section(text: string): void;
  question(text: string, depth: number): void;
  answer(text: string, depth: number, unanswered: boolean): void;
  subheading(text: string, depth: number): void;
  table(header: string[], rows: string[][], depth: number): void;
}

/**
 * Walks a report in reading order for `writer`: a title block, then each relevant section's numbered questions
 * and answers (full: unanswered ones marked; short: answered ones only), in `language`.
 */
export function writeReport(input: Omit<ReportDocumentInput, 'compress'>, writer: DocumentWriter): void {
  const { plan, answers, evaluation, header } = input;
  const definition = plan.definition;
  const lang = input.language in words ? (input.language as keyof typeof words) : 'en';
  const w = words[lang];
  const t = (text: LocalizedText | undefined | null) =>
    localize(text, input.language, definition.defaultLanguage);
  const irrelevant = new Set(evaluation.irrelevant);
  const children = new Map<string | null, PlannedItem[]>();
  for (const item of plan.items)
    children.set(item.parentKey, [...(children.get(item.parentKey) ?? []), item]);

  const optionLabel = (item: PlannedItem, value: unknown) => {
    const option = item.options?.find((candidate) => candidate.value === value);
    return option ? t(option.label) : String(value);
  };
  const format = (item: PlannedItem, value: unknown): string => {
    if (empty(value)) return w.none;
    if (typeof value === 'boolean') return value ? w.yes : w.no;
    if (item.type === 'choice' || item.type === 'ranking') {
      return (Array.isArray(value) ? value : [value]).map((v) => optionLabel(item, v)).join('; ');
    }
    if (item.type === 'file') {
      return (Array.isArray(value) ? value : [value]).map((f) => String(isObject(f) ? f.name : f)).join('; ');
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  /** Whether anything under an item is answered (for the short variant). */
  const answered = (value: unknown): boolean =>
    isObject(value)
      ? Object.values(value).some(answered)
      : Array.isArray(value)
        ? value.length > 0
        : !empty(value);

  writer.title(t(definition.title));
  const partyName = localize(header.party_name as LocalizedText, input.language);
  writer.meta(w.party, `${partyName} (${header.party_code})`);
  writer.meta(w.instrument, header.instrument_code);
  writer.meta(w.cycle, header.cycle_title);
  writer.meta(w.version, String(header.version ?? ''));
  writer.meta(w.status, header.status);
  writer.meta(w.submitted, header.submitted_at?.toISOString().slice(0, 10) ?? '—');

  const question = (number: string, label: string, depth: number) =>
    writer.question(`${number} ${label}`, depth);
  const answerText = (text: string, depth: number) => writer.answer(text, depth, text === w.none);
  const table = (item: PlannedItem, key: string, value: Record<string, unknown>, depth: number) => {
    const columns = (children.get(item.key) ?? []).filter((c) => c.type !== 'note');
    const rows = (item.options ?? []).filter((row) => input.variant === 'full' || answered(value[row.value]));
    const lines: string[][] = [];
    for (const row of rows) {
      const cells = isObject(value[row.value]) ? (value[row.value] as Record<string, unknown>) : {};
      lines.push([
        t(row.label),
        ...columns.map((c) =>
          irrelevant.has(`${key}.${row.value}.${c.id}`) || empty(cells[c.id]) ? '' : format(c, cells[c.id]),
        ),
      ]);
    }
    writer.table(['', ...columns.map((c) => t(c.item.label))], lines, depth);
  };

  /** Writes an item and what it holds; `instance` is the engine's key prefix, `values` the enclosing answer object. */
  const writeItem = (
    item: PlannedItem,
    number: string,
    instance: string,
    values: Record<string, unknown>,
    depth: number,
  ) => {
    const key = `${instance}${item.id}`;
    if (item.type === 'note' || irrelevant.has(key)) return;
    const value = item.type === 'calculated' ? evaluation.calculated[key] : values[item.id];
    if (input.variant === 'short' && item.type !== 'group' && !answered(value)) return;
    const label = t(item.item.label);
    const shown = item.item.number ? item.item.number : number;
    const inner = children.get(item.key) ?? [];
    switch (item.type) {
      case 'group': {
        if (input.variant === 'short' && !inner.some((c) => answered(values[c.id]))) return;
        question(shown, label, depth);
        inner.forEach((child, i) => {
          writeItem(child, `${shown}.${i + 1}`, instance, values, depth + 1);
        });
        return;
      }
      case 'table':
        question(shown, label, depth);
        if (isObject(value) || input.variant === 'full')
          table(item, key, isObject(value) ? value : {}, depth);
        return;
      case 'loop': {
        question(shown, label, depth);
        const iterations = isObject(value) ? value : {};
        for (const option of item.options ?? []) {
          const optionKey = `${key}.${option.value}`;
          const answersOf = isObject(iterations[option.value])
            ? (iterations[option.value] as Record<string, unknown>)
            : {};
          if (irrelevant.has(optionKey) || (input.variant === 'short' && !answered(answersOf))) continue;
          writer.subheading(t(option.label), depth);
          inner.forEach((child, i) => {
            writeItem(child, `${shown}.${i + 1}`, `${optionKey}.`, answersOf, depth + 1);
          });
        }
        return;
      }
      case 'repeat': {
        question(shown, label, depth);
        const entries = Array.isArray(value) ? value : [];
        if (entries.length === 0) answerText(w.none, depth);
        entries.forEach((entry, n) => {
          writer.subheading(`${n + 1}.`, depth);
          const row = isObject(entry) ? entry : {};
          inner.forEach((child, i) => {
            writeItem(child, `${shown}.${i + 1}`, `${key}.${n}.`, row, depth + 1);
          });
        });
        return;
      }
      default: {
        question(shown, label, depth);
        answerText(format(item, value), depth);
        const other = values[`${item.id}_other`];
        if (item.item.type === 'choice' && item.item.other && typeof other === 'string' && other !== '') {
          answerText(other, depth);
        }
      }
    }
  };

  definition.sections.forEach((section, s) => {
    if (evaluation.progress.sections[section.id]?.relevant === false || irrelevant.has(section.id)) return;
    const top = (children.get(null) ?? []).filter((item) => item.sectionId === section.id);
    if (
      input.variant === 'short' &&
      !top.some((item) => answered(answers[item.id]) || answered(evaluation.calculated[item.id]))
    )
      return;
    writer.section(`${s + 1}. ${t(section.title)}`);
    let n = 0;
    for (const item of top) {
      if (item.type !== 'note') n += 1;
      writeItem(item, `${s + 1}.${n}`, '', answers, 0);
    }
  });
}

/** The report as a readable PDF (see `writeReport`). */
export function reportPdf(input: ReportDocumentInput): Readable {
  const stream = new PassThrough();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: input.compress ?? true,
    info: { Title: printable(localize(input.plan.definition.title, input.language)) },
  });
  doc.pipe(stream);
  const left = 50;
  const width = doc.page.width - 100;
  const at = (depth: number) => ({ x: left + depth * 12, width: width - depth * 12 });
  writeReport(input, {
    title: (text) => {
      doc
        .font('Helvetica-Bold')
        .fontSize(16)
        .text(printable(text))
        .moveDown(0.5)
        .font('Helvetica')
        .fontSize(10);
    },
    meta: (label, value) => {
      doc
        .font('Helvetica-Bold')
        .text(`${printable(label)}: `, { continued: true })
        .font('Helvetica')
        .text(printable(value));
    },
    section: (text) => {
      doc.moveDown(1).font('Helvetica-Bold').fontSize(13).text(printable(text), left);
    },
    question: (text, depth) => {
      const { x, width } = at(depth);
      doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10).text(printable(text), x, undefined, { width });
    },
    answer: (text, depth, unanswered) => {
      const { x, width } = at(depth + 1);
      doc
        .font(unanswered ? 'Helvetica-Oblique' : 'Helvetica')
        .fontSize(10)
        .text(printable(text), x, undefined, { width });
    },
    subheading: (text, depth) => {
      doc
        .moveDown(0.2)
        .font('Helvetica-BoldOblique')
        .fontSize(10)
        .text(printable(text), at(depth + 1).x);
    },
    table: (header, rows, depth) => {
      const { x: x0, width: tableWidth } = at(depth + 1);
      const cellWidth = tableWidth / header.length;
      const line = (cells: string[], bold: boolean) => {
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
        const texts = cells.map(printable);
        const height =
          Math.max(...texts.map((cell) => doc.heightOfString(cell, { width: cellWidth - 6 }))) + 6;
        if (doc.y + height > doc.page.height - 50) doc.addPage();
        const y = doc.y;
        texts.forEach((cell, i) => {
          doc.rect(x0 + i * cellWidth, y, cellWidth, height).stroke();
          doc.text(cell, x0 + i * cellWidth + 3, y + 3, { width: cellWidth - 6 });
        });
        doc.x = left;
        doc.y = y + height;
      };
      doc.moveDown(0.2);
      line(header, true);
      for (const row of rows) line(row, false);
    },
  });
  doc.end();
  return stream;
}
