import { useTranslation } from 'react-i18next';
import type { DistributionResult, PartyAnswer } from './analysis-api.ts';
import { optionLabel } from './distribution-table.ts';

/** Light fills, each with dark text at well above 4.5:1. */
const categorical = ['#a6cee3', '#b2df8a', '#fb9a99', '#fdbf6f', '#cab2d6', '#ffff99', '#8dd3c7', '#d9d9d9'];
/** A sequential scale, light to dark; the two darkest take white text. */
const sequential = [
  { fill: '#deebf7', text: '#1b1f23' },
  { fill: '#9ecae1', text: '#1b1f23' },
  { fill: '#6baed6', text: '#1b1f23' },
  { fill: '#2171b5', text: '#ffffff' },
  { fill: '#08306b', text: '#ffffff' },
];

interface Legend {
  label: string;
  fill: string;
  text: string;
}

/** How each Party's tile is coloured, and the legend that explains it. */
export function colouring(
  result: DistributionResult,
  words: { yes: string; no: string; answered: string; format: (n: number) => string },
): { legend: Legend[]; of: (party: PartyAnswer) => Legend | null } {
  const distribution = result.distribution;
  if (distribution.kind === 'choice' && !result.question.multiple) {
    const legend = distribution.options.map((option, i) => ({
      label: optionLabel(option, words),
      fill: categorical[i % categorical.length] ?? '#d9d9d9',
      text: '#1b1f23',
    }));
    const index = new Map(distribution.options.map((option, i) => [option.value, i]));
    return { legend, of: (party) => legend[index.get(String(party.value)) ?? -1] ?? null };
  }
  const numeric =
    distribution.kind === 'number'
      ? (party: PartyAnswer) => (typeof party.value === 'number' ? party.value : null)
      : distribution.kind === 'choice'
        ? (party: PartyAnswer) => (Array.isArray(party.value) ? party.value.length : null)
        : null;
  if (numeric) {
    const values = result.parties.flatMap((party) => numeric(party) ?? []).sort((a, b) => a - b);
    if (values.length === 0) return { legend: [], of: () => null };
    // Five classes at the quintiles of the answers (fewer when values repeat).
    const least = values[0] ?? 0;
    const cuts = [
      ...new Set([1, 2, 3, 4].map((k) => values[Math.floor((values.length * k) / 5)] ?? least)),
    ].filter((cut) => cut > least);
    const bounds = [least, ...cuts, (values[values.length - 1] ?? 0) + 1];
    const classes = bounds.slice(0, -1).map((low, i) => {
      const high = bounds[i + 1] ?? low;
      const colour =
        sequential[Math.round((i * (sequential.length - 1)) / Math.max(1, bounds.length - 2))] ??
        sequential[0];
      const last = i === bounds.length - 2;
      return {
        low,
        high,
        fill: colour?.fill ?? '#deebf7',
        text: colour?.text ?? '#1b1f23',
        label: last
          ? `${words.format(low)} – ${words.format(values[values.length - 1] ?? low)}`
          : `${words.format(low)} – < ${words.format(high)}`,
      };
    });
    return {
      legend: classes,
      of: (party) => {
        const value = numeric(party);
        if (value === null) return null;
        return classes.find((c) => value >= c.low && value < c.high) ?? classes[classes.length - 1] ?? null;
      },
    };
  }
  const answered = { label: words.answered, fill: categorical[0] ?? '#a6cee3', text: '#1b1f23' };
  return { legend: [answered], of: (party) => (party.state === 'answered' ? answered : null) };
}

/** Every Party with a submitted report as a tile coloured by its answer, with a legend. */
export function PartyGrid({ result, format }: { result: DistributionResult; format: (n: number) => string }) {
  const { t } = useTranslation();
  const words = { yes: t('analysis.yes'), no: t('analysis.no'), answered: t('analysis.answered'), format };
  const { legend, of } = colouring(result, words);
  const describe = (party: PartyAnswer) => {
    if (party.state === 'not-applicable') return t('analysis.grid.notApplicable');
    if (party.state === 'unanswered') return t('analysis.grid.unanswered');
    return formatValue(party.value, result, words);
  };
  return (
    <section className="party-grid-section" aria-labelledby="party-grid-title">
      <h3 id="party-grid-title">{t('analysis.grid.title', { question: result.question.label })}</h3>
      <ul className="grid-legend" aria-label={t('analysis.grid.legend')}>
        {legend.map((entry) => (
          <li key={entry.label}>
            <span className="swatch" style={{ background: entry.fill }} aria-hidden="true" />
            {entry.label}
          </li>
        ))}
        <li>
          <span className="swatch swatch-empty" aria-hidden="true" />
          {t('analysis.grid.unanswered')}
        </li>
        <li>
          <span className="swatch swatch-na" aria-hidden="true" />
          {t('analysis.grid.notApplicable')}
        </li>
      </ul>
      <ul className="party-grid">
        {result.parties.map((party) => {
          const colour = party.state === 'answered' ? of(party) : null;
          return (
            <li
              key={party.code}
              className={`party-tile party-${party.state}`}
              style={colour ? { background: colour.fill, color: colour.text } : undefined}
              title={`${party.name}: ${describe(party)}`}
            >
              <span className="party-code">{party.code}</span>
              <span className="party-value">{describe(party)}</span>
              <span className="visually-hidden">{party.name}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** One Party's answer in words. */
export function formatValue(
  value: unknown,
  result: Pick<DistributionResult, 'distribution'>,
  words: { yes: string; no: string; format: (n: number) => string },
): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return words.format(value);
  const options = result.distribution.kind === 'choice' ? result.distribution.options : [];
  const label = (v: unknown) => {
    const option = options.find((o) => o.value === String(v));
    return option ? optionLabel(option, words) : String(v);
  };
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return label(value);
}
