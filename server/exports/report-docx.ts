import JSZip from 'jszip';
import { type ReportDocumentInput, writeReport } from './report-document.ts';

// A .docx is a zip of three XML parts; the report needs no more than paragraphs, runs and tables, so it is
// written directly (the `docx` package is not a dependency).
const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

const xmlText = (text: string) =>
  text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  /** Half-points. */
  size?: number;
}

const run = (text: string, style: RunStyle = {}) =>
  `<w:r><w:rPr>${style.bold ? '<w:b/>' : ''}${style.italic ? '<w:i/>' : ''}${style.size ? `<w:sz w:val="${style.size}"/>` : ''}</w:rPr><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
const paragraph = (runs: string, depth = 0, spaceBefore = 0) =>
  `<w:p><w:pPr><w:spacing w:before="${spaceBefore}" w:after="60"/><w:ind w:left="${depth * 240}"/></w:pPr>${runs}</w:p>`;
const border =
  '<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>';

/** The report as a Word document (see `writeReport`), for those who edit in Word. */
export async function reportDocx(input: Omit<ReportDocumentInput, 'compress'>): Promise<Buffer> {
  const body: string[] = [];
  writeReport(input, {
    title: (text) => body.push(paragraph(run(text, { bold: true, size: 32 }), 0, 0)),
    meta: (label, value) => body.push(paragraph(`${run(`${label}: `, { bold: true })}${run(value)}`)),
    section: (text) => body.push(paragraph(run(text, { bold: true, size: 26 }), 0, 240)),
    question: (text, depth) => body.push(paragraph(run(text, { bold: true }), depth, 120)),
    answer: (text, depth, unanswered) => body.push(paragraph(run(text, { italic: unanswered }), depth + 1)),
    subheading: (text, depth) => body.push(paragraph(run(text, { bold: true, italic: true }), depth + 1, 60)),
    table: (header, rows, depth) => {
      const cell = (text: string, bold: boolean) => `<w:tc><w:p>${run(text, { bold })}</w:p></w:tc>`;
      const tableRows = [
        `<w:tr>${header.map((text) => cell(text, true)).join('')}</w:tr>`,
        ...rows.map((row) => `<w:tr>${row.map((text, i) => cell(text, i === 0)).join('')}</w:tr>`),
      ];
      body.push(
        `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblInd w:w="${(depth + 1) * 240}" w:type="dxa"/><w:tblBorders>${border}</w:tblBorders></w:tblPr><w:tblGrid>${header.map(() => '<w:gridCol/>').join('')}</w:tblGrid>${tableRows.join('')}</w:tbl>`,
        paragraph(''),
      );
    },
  });
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const zip = new JSZip();
  zip.file('[Content_Types].xml', contentTypes);
  zip.file('_rels/.rels', rels);
  zip.file('word/document.xml', document);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
