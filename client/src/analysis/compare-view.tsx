import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { analysisApi, type CompareResult, type Concept, type Filters } from './analysis-api.ts';
import { DataTableView, ExportButtons } from './chart-tools.tsx';
import type { CsvCell } from './export.ts';

export interface CompareState {
  concept: string;
  tag: string;
  scope: string;
}

const fallback = (id: string): Concept => ({ id, label: {}, tags: [] });

/** A concept's or a target tag's answers, every Party × every instrument and cycle, side by side. */
export function CompareView({
  state,
  filters,
  instruments,
  onChange,
}: {
  state: CompareState;
  filters: Filters;
  instruments: string[];
  onChange: (change: Partial<CompareState>) => void;
}) {
  const { t, i18n } = useTranslation();
  const [concepts, setConcepts] = useState<Concept[]>([]);
  const [result, setResult] = useState<CompareResult | null>(null);
  const [error, setError] = useState('');
  const lang = i18n.language;

  useEffect(() => {
    analysisApi
      .concepts()
      .then((found) => setConcepts(found.concepts))
      .catch(() => setConcepts([]));
  }, []);

  const region = filters.region;
  const attributes = filters.attributes.join('\n');
  useEffect(() => {
    const filters = { region, attributes: attributes ? attributes.split('\n') : [] };
    if (!state.concept && !state.tag) {
      setResult(null);
      return;
    }
    let live = true;
    const selector = state.concept ? { concept: state.concept } : { tag: state.tag };
    setError('');
    analysisApi
      .compare(selector, state.scope, filters, lang)
      .then((found) => live && setResult(found))
      .catch((e: unknown) => {
        if (!live) return;
        setResult(null);
        setError(
          e instanceof ApiError && e.status === 403
            ? t('analysis.compare.forbidden')
            : t('analysis.loadFailed'),
        );
      });
    return () => {
      live = false;
    };
  }, [state.concept, state.tag, state.scope, region, attributes, lang, t]);

  const tags = [...new Set(concepts.flatMap((concept) => concept.tags))].sort();
  const label = (concept: Concept) => concept.label[lang] ?? concept.label.en ?? concept.id;
  const head = result
    ? [
        t('analysis.compare.party'),
        ...result.columns.map(
          (column) => `${column.instrument} · ${column.cycle.title} · ${column.label} (${column.itemId})`,
        ),
      ]
    : [];
  const format = (value: unknown, column: CompareResult['columns'][number]): CsvCell => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean') return value ? t('analysis.yes') : t('analysis.no');
    if (typeof value === 'number' || typeof value === 'string') {
      const option = column.options?.find((o) => o.value === value);
      return option ? option.label : value;
    }
    if (Array.isArray(value))
      return value.map((v) => column.options?.find((o) => o.value === v)?.label ?? String(v)).join('; ');
    return JSON.stringify(value);
  };
  const rows = (): CsvCell[][] =>
    result?.rows.map((row) => [
      `${row.party.name} (${row.party.code})`,
      ...row.cells.map((cell, i) => {
        const column = result.columns[i];
        return column ? format(cell, column) : null;
      }),
    ]) ?? [];

  return (
    <section aria-labelledby="compare-title" className="analysis-view">
      <h2 id="compare-title">{t('analysis.compare.title')}</h2>
      <div className="analysis-controls">
        <label className="field">
          <span>{t('analysis.compare.concept')}</span>
          <select value={state.concept} onChange={(e) => onChange({ concept: e.target.value, tag: '' })}>
            <option value="">{t('analysis.compare.none')}</option>
            {concepts.map((concept) => (
              <option key={concept.id} value={concept.id}>
                {label(concept)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('analysis.compare.tag')}</span>
          <select value={state.tag} onChange={(e) => onChange({ tag: e.target.value, concept: '' })}>
            <option value="">{t('analysis.compare.none')}</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('analysis.compare.instruments')}</span>
          <select value={state.scope} onChange={(e) => onChange({ scope: e.target.value })}>
            <option value="">{t('analysis.compare.every')}</option>
            {instruments.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p role="alert" className="issue">
        {error}
      </p>
      {result && result.columns.length === 0 && <p>{t('analysis.compare.empty')}</p>}
      {result && result.columns.length > 0 && (
        <>
          <ExportButtons name={`compare-${state.concept || state.tag}`} rows={() => [head, ...rows()]} />
          <DataTableView
            caption={t('analysis.compare.caption', {
              what: state.concept
                ? label(concepts.find((c) => c.id === state.concept) ?? fallback(state.concept))
                : state.tag,
            })}
            head={head}
            rows={rows()}
          />
        </>
      )}
    </section>
  );
}
