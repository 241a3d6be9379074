import { existsSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { localize, type Plan, type PlannedItem, type ReportEvaluation } from '../../forms/index.ts';

export interface PdfReport {
  instrument: string;
  party: string;
  cycleTitle: string;
  status: string;
  revision: number;
  submittedAt: Date | null;
  answers: Record<string, unknown>;
  evaluation: ReportEvaluation;
  plan: Plan;
  language: string;
}

// The standard PDF fonts cover Latin-1 only; DejaVu (Debian's fonts-dejavu-core) covers every language.
const fontFolder = '/usr/share/fonts/truetype/dejavu';
const fonts = existsSync(`${fontFolder}/DejaVuSans.ttf`)
  ? { regular: `${fontFolder}/DejaVuSans.ttf`, bold: `${fontFolder}/DejaVuSans-Bold.ttf` }
  : { regular: 'Helvetica', bold: 'Helvetica-Bold' };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The report as a PDF document: each relevant question of each section with its answer, in order. */
export function reportPdf(report: PdfReport): Readable {
  const { plan, language } = report;
  const definition = plan.definition;
  const lang = (text: Parameters<typeof localize>[0]) => localize(text, language, definition.defaultLanguage);
  const irrelevant = new Set(report.evaluation.irrelevant);
  const hidden = (key: string): boolean => {
    if (irrelevant.has(key)) return true;
    const parent = plan.item(key)?.parentKey;
    return parent ? hidden(parent) : false;
  };
  const optionLabel = (item: PlannedItem, value: unknown) => {
    const option = item.options?.find((candidate) => candidate.value === value);
    return option ? lang(option.label) : String(value);
  };
  const children = (key: string) => plan.items.filter((candidate) => candidate.parentKey === key);

  const format = (item: PlannedItem, value: unknown): string => {
    if (value === undefined || value === null) return '—';
    switch (item.type) {
      case 'boolean':
        return value === true ? '✓' : value === false ? '✗' : String(value);
      case 'choice':
      case 'ranking':
        return Array.isArray(value)
          ? value.map((v) => optionLabel(item, v)).join('; ')
          : optionLabel(item, value);
      case 'file':
        return (Array.isArray(value) ? value : [value])
          .map((file) => (isObject(file) ? String(file.name ?? '') : String(file)))
          .join('; ');
      default:
        return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  };

  const stream = new PassThrough();
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: lang(definition.title) } });
  doc.pipe(stream);
  doc.font(fonts.bold).fontSize(16).text(lang(definition.title));
  doc
    .moveDown(0.5)
    .font(fonts.regular)
    .fontSize(10)
    .text(`${report.party} · ${report.instrument} · ${report.cycleTitle}`)
    .text(
      `${report.status} · revision ${report.revision}${report.submittedAt ? ` · ${report.submittedAt.toISOString().slice(0, 10)}` : ''}`,
    );

  const writeItem = (item: PlannedItem, depth: number) => {
    if (hidden(item.key) || item.type === 'note') return;
    const indent = 50 + depth * 12;
    const label = `${item.item.number ? `${item.item.number} ` : ''}${lang(item.item.label)}`;
    if (item.type === 'group') {
      doc.moveDown(0.3).font(fonts.bold).fontSize(10).text(label, indent);
      for (const child of children(item.key)) writeItem(child, depth + 1);
      return;
    }
    const value =
      item.type === 'calculated'
        ? report.evaluation.calculated[item.key]
        : report.answers[item.answerId ?? item.key];
    doc.moveDown(0.3).font(fonts.bold).fontSize(9).text(label, indent);
    doc.font(fonts.regular).fontSize(9);
    if ((item.type === 'table' || item.type === 'loop') && isObject(value)) {
      const columns = children(item.key);
      for (const option of item.options ?? []) {
        const row = value[option.value];
        if (!isObject(row)) continue;
        const cells = columns
          .filter((column) => row[column.id] !== undefined && row[column.id] !== null)
          .map((column) => `${lang(column.item.label)}: ${format(column, row[column.id])}`);
        if (cells.length > 0) doc.text(`${lang(option.label)} — ${cells.join(' · ')}`, indent + 12);
      }
      return;
    }
    if (item.type === 'repeat' && Array.isArray(value)) {
      const columns = children(item.key);
      value.forEach((row, index) => {
        if (!isObject(row)) return;
        const cells = columns
          .filter((column) => row[column.id] !== undefined && row[column.id] !== null)
          .map((column) => `${lang(column.item.label)}: ${format(column, row[column.id])}`);
        doc.text(`${index + 1}. ${cells.join(' · ')}`, indent + 12);
      });
      return;
    }
    doc.text(format(item, value), indent + 12);
    const other = report.answers[`${item.key}_other`];
    if (item.type === 'choice' && typeof other === 'string') doc.text(other, indent + 12);
  };

  for (const section of definition.sections) {
    if (hidden(section.id)) continue;
    doc.moveDown(1).font(fonts.bold).fontSize(13).text(lang(section.title), 50);
    for (const item of plan.items) {
      if (item.sectionId === section.id && item.parentKey === null) writeItem(item, 0);
    }
  }
  doc.end();
  return stream;
}
