import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { navigate } from '../app/router.ts';
import {
  type AnalysedCycle,
  analysisApi,
  type DistributionResult,
  type Filters,
  type QuestionSummary,
  type TrendResult,
} from './analysis-api.ts';
import { DataTableView, ExportButtons } from './chart-tools.tsx';
import { CompareView } from './compare-view.tsx';
import { CellChart, DistributionChart, useNumberFormat } from './distribution-chart.tsx';
import { distributionTable, type TableWords } from './distribution-table.ts';
import type { CsvCell } from './export.ts';
import { formatValue, PartyGrid } from './party-grid.tsx';
import './analysis.css';

const views = ['distribution', 'trend', 'grid', 'compare'] as const;
type View = (typeof views)[number];

/** Everything the page shows, read from and written to the address's query string. */
interface State {
  view: View;
  instrument: string;
  cycle: number | null;
  question: string;
  region: string;
  attributes: string[];
  concept: string;
  tag: string;
  scope: string;
}

function readState(query: URLSearchParams): State {
  const view = query.get('view');
  const cycle = Number(query.get('cycle'));
  return {
    view: (views as readonly string[]).includes(view ?? '') ? (view as View) : 'distribution',
    instrument: query.get('instrument') ?? '',
    cycle: Number.isInteger(cycle) && cycle > 0 ? cycle : null,
    question: query.get('question') ?? '',
    region: query.get('region') ?? '',
    attributes: query.getAll('attribute'),
    concept: query.get('concept') ?? '',
    tag: query.get('tag') ?? '',
    scope: query.get('scope') ?? '',
  };
}

function writeState(state: State): string {
  const query = new URLSearchParams();
  if (state.view !== 'distribution') query.set('view', state.view);
  if (state.instrument) query.set('instrument', state.instrument);
  if (state.cycle !== null) query.set('cycle', String(state.cycle));
  if (state.question) query.set('question', state.question);
  if (state.region) query.set('region', state.region);
  for (const attribute of state.attributes) query.append('attribute', attribute);
  if (state.concept) query.set('concept', state.concept);
  if (state.tag) query.set('tag', state.tag);
  if (state.scope) query.set('scope', state.scope);
  const text = query.toString();
  return text ? `/analysis?${text}` : '/analysis';
}

function useTableWords(): TableWords {
  const { t } = useTranslation();
  return {
    option: t('analysis.table.option'),
    count: t('analysis.table.count'),
    share: t('analysis.table.share'),
    from: t('analysis.table.from'),
    to: t('analysis.table.to'),
    statistic: t('analysis.table.statistic'),
    value: t('analysis.table.value'),
    row: t('analysis.table.row'),
    column: t('analysis.table.column'),
    yes: t('analysis.yes'),
    no: t('analysis.no'),
    answered: t('analysis.answered'),
    stats: {
      n: t('analysis.stats.n'),
      min: t('analysis.stats.min'),
      max: t('analysis.stats.max'),
      mean: t('analysis.stats.mean'),
      median: t('analysis.stats.median'),
      q1: t('analysis.stats.q1'),
      q3: t('analysis.stats.q3'),
    },
  };
}

/** What went wrong loading an analysis, for the reader. */
function problemText(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError && error.status === 403) return t('analysis.forbidden');
  if (error instanceof ApiError && error.status === 404) return t('analysis.notFound');
  return t('analysis.loadFailed');
}

/** The analysis area: one page whose every view is addressable (`/analysis?cycle=…&question=…&view=…`). */
export function AnalysisArea({ query }: { path: string[]; query: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const state = readState(query);
  const lang = i18n.language;
  const update = (change: Partial<State>) => navigate(writeState({ ...state, ...change }));

  const [instruments, setInstruments] = useState<{ code: string; name: string }[]>([]);
  const [cycles, setCycles] = useState<AnalysedCycle[]>([]);
  const [questions, setQuestions] = useState<QuestionSummary[]>([]);
  const [facets, setFacets] = useState<{ regions: string[]; attributes: Record<string, string[]> }>({
    regions: [],
    attributes: {},
  });
  const [error, setError] = useState('');

  useEffect(() => {
    analysisApi
      .instruments()
      .then((found) =>
        setInstruments(
          found.instruments.map((i) => ({ code: i.code, name: i.name[lang] ?? i.name.en ?? i.code })),
        ),
      )
      .catch((e: unknown) => setError(problemText(e, t)));
  }, [lang, t]);

  useEffect(() => {
    setCycles([]);
    if (!state.instrument) return;
    setError('');
    analysisApi
      .cycles(state.instrument)
      .then((found) => setCycles(found.cycles))
      .catch((e: unknown) => setError(problemText(e, t)));
  }, [state.instrument, t]);

  // Comparisons span cycles: their region filter offers every Party's region.
  const comparing = state.view === 'compare';
  useEffect(() => {
    if (!comparing) return;
    analysisApi
      .parties()
      .then((found) =>
        setFacets({
          regions: [...new Set(found.parties.flatMap((p) => (p.region ? [p.region] : [])))].sort(),
          attributes: {},
        }),
      )
      .catch((e: unknown) => setError(problemText(e, t)));
  }, [comparing, t]);

  useEffect(() => {
    setQuestions([]);
    if (state.cycle === null || comparing) return;
    analysisApi
      .questions(state.cycle, lang)
      .then((found) => {
        setQuestions(found.questions);
        setFacets(found.filters);
      })
      .catch((e: unknown) => setError(problemText(e, t)));
  }, [state.cycle, comparing, lang, t]);

  const filters: Filters = { region: state.region, attributes: state.attributes };
  const attributeValue = (name: string) =>
    state.attributes.find((a) => a.startsWith(`${name}:`))?.slice(name.length + 1) ?? '';
  const setAttribute = (name: string, value: string) =>
    update({
      attributes: [
        ...state.attributes.filter((a) => !a.startsWith(`${name}:`)),
        ...(value ? [`${name}:${value}`] : []),
      ],
    });

  return (
    <main id="content" className="page analysis" tabIndex={-1}>
      <h1>{t('analysis.title')}</h1>
      <nav aria-label={t('analysis.views')} className="analysis-tabs">
        {views.map((view) => (
          <a
            key={view}
            href={writeState({ ...state, view })}
            aria-current={state.view === view ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              update({ view });
            }}
          >
            {t(`analysis.view.${view}`)}
          </a>
        ))}
      </nav>
      <p role="alert" className="issue">
        {error}
      </p>
      <div className="analysis-controls">
        {state.view !== 'compare' && (
          <>
            <label className="field">
              <span>{t('analysis.instrument')}</span>
              <select
                value={state.instrument}
                onChange={(e) => update({ instrument: e.target.value, cycle: null, question: '' })}
              >
                <option value="">{t('analysis.choose')}</option>
                {instruments.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.code} — {i.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('analysis.cycle')}</span>
              <select
                value={state.cycle ?? ''}
                disabled={cycles.length === 0}
                onChange={(e) => update({ cycle: e.target.value ? Number(e.target.value) : null })}
              >
                <option value="">{t('analysis.choose')}</option>
                {cycles.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t('analysis.cycleOption', { title: c.title, submitted: c.submitted })}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label className="field">
          <span>{t('analysis.region')}</span>
          <select value={state.region} onChange={(e) => update({ region: e.target.value })}>
            <option value="">{t('analysis.all')}</option>
            {[...new Set([...facets.regions, ...(state.region ? [state.region] : [])])].map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </select>
        </label>
        {Object.entries(facets.attributes).map(([name, values]) => (
          <label className="field" key={name}>
            <span>{t('analysis.attribute', { name })}</span>
            <select value={attributeValue(name)} onChange={(e) => setAttribute(name, e.target.value)}>
              <option value="">{t('analysis.all')}</option>
              {values.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {state.view === 'compare' ? (
        <CompareView
          state={{ concept: state.concept, tag: state.tag, scope: state.scope }}
          filters={filters}
          instruments={instruments.map((i) => i.code)}
          onChange={update}
        />
      ) : (
        state.cycle !== null && (
          <>
            <QuestionPicker
              questions={questions}
              value={state.question}
              onChange={(question) => update({ question })}
            />
            {state.question && (
              <QuestionView
                view={state.view}
                cycle={state.cycle}
                question={state.question}
                filters={filters}
              />
            )}
          </>
        )
      )}
    </main>
  );
}

/** A searchable list of the cycle's questions. */
function QuestionPicker({
  questions,
  value,
  onChange,
}: {
  questions: QuestionSummary[];
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = questions.filter((q) => {
    const text = `${q.number ?? ''} ${q.id} ${q.label} ${q.section}`.toLowerCase();
    return words.every((word) => text.includes(word)) || q.id === value;
  });
  return (
    <div className="question-picker">
      <label className="field">
        <span>{t('analysis.searchQuestions')}</span>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('analysis.question', { shown: shown.length })}</span>
        <select
          size={Math.min(8, Math.max(2, shown.length))}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        >
          {shown.map((q) => (
            <option key={q.id} value={q.id}>
              {q.number ? `${q.number} ` : ''}
              {q.label} ({q.id})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function QuestionView({
  view,
  cycle,
  question,
  filters,
}: {
  view: Exclude<View, 'compare'>;
  cycle: number;
  question: string;
  filters: Filters;
}) {
  const { t, i18n } = useTranslation();
  const [result, setResult] = useState<DistributionResult | null>(null);
  const [trend, setTrend] = useState<TrendResult | null>(null);
  const [error, setError] = useState('');
  const region = filters.region;
  const attributes = filters.attributes.join('\n');
  const lang = i18n.language;

  useEffect(() => {
    let live = true;
    setError('');
    const filters = { region, attributes: attributes ? attributes.split('\n') : [] };
    const failed = (e: unknown) => live && setError(problemText(e, t));
    if (view === 'trend') {
      analysisApi
        .trend(cycle, question, filters, lang)
        .then((found) => live && setTrend(found))
        .catch(failed);
    } else {
      analysisApi
        .distribution(cycle, question, filters, lang)
        .then((found) => live && setResult(found))
        .catch(failed);
    }
    return () => {
      live = false;
    };
  }, [view, cycle, question, region, attributes, lang, t]);

  return (
    <section
      className="analysis-view"
      aria-live="polite"
      aria-busy={result === null && trend === null && !error}
    >
      <p role="alert" className="issue">
        {error}
      </p>
      {view === 'distribution' && result && <DistributionView result={result} />}
      {view === 'grid' && result && <GridView result={result} />}
      {view === 'trend' && trend && <TrendView trend={trend} />}
    </section>
  );
}

function DistributionView({ result }: { result: DistributionResult }) {
  const { t } = useTranslation();
  const words = useTableWords();
  const chart = useRef<SVGSVGElement>(null);
  const table = useMemo(() => distributionTable(result.distribution, words), [result, words]);
  const title = result.question.label;
  return (
    <>
      <h2>{title}</h2>
      <p>{t('analysis.summary', { reports: result.reports, n: result.distribution.n })}</p>
      {result.distribution.kind === 'answered' ? (
        <p>{t('analysis.notCharted')}</p>
      ) : (
        <div className="chart-box">
          <DistributionChart ref={chart} title={title} distribution={result.distribution} />
        </div>
      )}
      <ExportButtons
        name={`${result.questionId}-distribution`}
        rows={() => [[title], table.head, ...table.rows]}
        {...(result.distribution.kind !== 'answered' ? { chart: () => chart.current } : {})}
      />
      <DataTableView
        caption={t('analysis.tableCaption', { question: title })}
        head={table.head}
        rows={table.rows}
      />
    </>
  );
}

function GridView({ result }: { result: DistributionResult }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const words = { yes: t('analysis.yes'), no: t('analysis.no'), format };
  const rows = (): CsvCell[][] => [
    [t('analysis.compare.party'), t('analysis.region'), t('analysis.table.value'), t('analysis.grid.state')],
    ...result.parties.map((party) => [
      `${party.name} (${party.code})`,
      party.region,
      formatValue(party.value, result, words),
      t(`analysis.grid.states.${party.state}`),
    ]),
  ];
  return (
    <>
      <h2>{result.question.label}</h2>
      <ExportButtons name={`${result.questionId}-parties`} rows={rows} />
      <PartyGrid result={result} format={format} />
    </>
  );
}

function TrendView({ trend }: { trend: TrendResult }) {
  const { t } = useTranslation();
  const words = useTableWords();
  const chart = useRef<SVGSVGElement>(null);
  const rows = (): CsvCell[][] => {
    const out: CsvCell[][] = [];
    for (const point of trend.points) {
      const table = distributionTable(point.distribution, words);
      out.push(
        [point.cycle.title, point.questionId, t(`analysis.match.${point.match}`)],
        table.head,
        ...table.rows,
      );
    }
    return out;
  };
  if (trend.points.length === 0) return <p>{t('analysis.trend.none')}</p>;
  return (
    <>
      <h2>{t('analysis.trend.title', { question: trend.question.label })}</h2>
      <ExportButtons name={`${trend.question.id}-trend`} rows={rows} chart={() => chart.current} />
      <TrendChart ref={chart} trend={trend} />
      {trend.points.map((point) => {
        const table = distributionTable(point.distribution, words);
        return (
          <DataTableView
            key={point.cycle.id}
            caption={t('analysis.trend.caption', {
              cycle: point.cycle.title,
              id: point.questionId,
              match: t(`analysis.match.${point.match}`),
              n: point.distribution.n,
            })}
            head={table.head}
            rows={table.rows}
          />
        );
      })}
    </>
  );
}

/** One chart per cycle, side by side, in one SVG (small multiples across time). */
function TrendChart({ trend, ref }: { trend: TrendResult; ref: React.Ref<SVGSVGElement> }) {
  const { t } = useTranslation();
  const width = 320;
  const points = trend.points.filter(
    (point) => point.distribution.kind === 'choice' || point.distribution.kind === 'number',
  );
  if (points.length === 0) return null;
  const total = { width: width * points.length, height: 320 };
  return (
    <div className="chart-box">
      <svg
        ref={ref}
        xmlns="http://www.w3.org/2000/svg"
        role="img"
        aria-label={t('analysis.trend.title', { question: trend.question.label })}
        width={total.width}
        height={total.height}
        viewBox={`0 0 ${total.width} ${total.height}`}
        className="chart"
      >
        <rect width={total.width} height={total.height} fill="#ffffff" />
        {points.map((point, i) =>
          point.distribution.kind === 'table' ? null : (
            <CellChart
              key={point.cycle.id}
              title={`${point.cycle.title} (n = ${point.distribution.n})`}
              distribution={point.distribution}
              width={width}
              at={{ x: i * width, y: 0 }}
            />
          ),
        )}
      </svg>
    </div>
  );
}
