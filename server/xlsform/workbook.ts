import ExcelJS from 'exceljs';
import type { Cell, SheetRows, XlsFormSheets } from './sheets.ts';

/** The value a spreadsheet shows for a cell: a formula's result, a rich text's text, a date as YYYY-MM-DD. */
function plainValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean')
        return result;
      // Files written without cached results: TRUE() and FALSE() are the formulas XLSForms hold.
      const formula = String((value as { formula?: string }).formula ?? '').toUpperCase();
      if (formula === 'TRUE()' || formula === 'FALSE()') return formula === 'TRUE()';
      return null;
    }
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return null;
  }
  return null;
}

/** Reads every sheet of an .xlsx file as rows of plain values, by lower-case sheet name. */
export async function readSheets(buffer: Buffer | Uint8Array): Promise<XlsFormSheets> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheets: XlsFormSheets = {};
  for (const worksheet of workbook.worksheets) {
    const rows: SheetRows = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        cells[column - 1] = plainValue(cell.value);
      });
      rows[rowNumber - 1] = Array.from(cells, (cell) => cell ?? null);
    });
    sheets[worksheet.name.trim().toLowerCase()] = Array.from(rows, (row) => row ?? []);
  }
  return sheets;
}

/** Writes sheets of plain values as an .xlsx file, the header row bold and frozen. */
export async function writeSheets(sheets: XlsFormSheets): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of rows) worksheet.addRow(row.map((cell) => cell ?? null));
    worksheet.getRow(1).font = { bold: true };
    worksheet.columns.forEach((column) => {
      column.width = 18;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
