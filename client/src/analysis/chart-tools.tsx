import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CsvCell, download, serializeSvg, svgToPng, toCsv } from './export.ts';

/** Buttons that save the view's data as CSV and, when it has one, its chart as SVG and PNG. */
export function ExportButtons({
  name,
  rows,
  chart,
}: {
  name: string;
  rows: () => CsvCell[][];
  chart?: () => SVGSVGElement | null;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const saved = (file: string) => setMessage(t('analysis.export.saved', { file }));
  const file = name.replace(/[^\w.-]+/g, '-').toLowerCase();
  return (
    <fieldset className="analysis-export">
      <legend className="visually-hidden">{t('analysis.export.label')}</legend>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          download(`${file}.csv`, new Blob([toCsv(rows())], { type: 'text/csv;charset=utf-8' }));
          saved(`${file}.csv`);
        }}
      >
        {t('analysis.export.csv')}
      </button>
      {chart && (
        <>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              const svg = chart();
              if (!svg) return;
              download(`${file}.svg`, new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }));
              saved(`${file}.svg`);
            }}
          >
            {t('analysis.export.svg')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              const svg = chart();
              if (!svg) return;
              try {
                download(`${file}.png`, await svgToPng(svg));
                saved(`${file}.png`);
              } catch {
                setMessage(t('analysis.export.failed'));
              }
            }}
          >
            {t('analysis.export.png')}
          </button>
        </>
      )}
      <span className="visually-hidden" aria-live="polite">
        {message}
      </span>
    </fieldset>
  );
}

/** A table of data: the text alternative of a chart. */
export function DataTableView({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: CsvCell[][];
}) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((cell) => (
              <th key={cell} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place
            <tr key={i}>
              {row.map((cell, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity beyond their place
                <td key={j}>{cell ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
