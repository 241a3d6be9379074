import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellDistribution, Distribution } from './analysis-api.ts';
import { BarChart, Histogram } from './charts.tsx';
import { optionLabel } from './distribution-table.ts';

/** Numbers as the reader's locale writes them, to three decimals at most. */
export function useNumberFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 });
  return (n: number) => format.format(n);
}

interface Props {
  title: string;
  distribution: Distribution;
}

/** The chart of a distribution: bars for choices, a histogram for numbers, small multiples for a table. */
export const DistributionChart = forwardRef<SVGSVGElement, Props>(function DistributionChart(
  { title, distribution },
  ref,
) {
  const { t } = useTranslation();
  if (distribution.kind !== 'table') return <CellChart ref={ref} title={title} distribution={distribution} />;
  const width = 300;
  const height = 300;
  const columns = 2;
  const cells = distribution.cells.filter((cell) => cell.distribution.kind !== 'answered');
  const total = {
    width: width * columns,
    height: Math.max(1, Math.ceil(cells.length / columns)) * height + 24,
  };
  return (
    <svg
      ref={ref}
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label={t('analysis.chart.multiples', { title })}
      width={total.width}
      height={total.height}
      viewBox={`0 0 ${total.width} ${total.height}`}
      className="chart"
    >
      <rect width={total.width} height={total.height} fill="#ffffff" />
      <text x={8} y={16} fill="#1b1f23" fontSize={13} fontWeight="bold" fontFamily="system-ui, sans-serif">
        {title.length > 90 ? `${title.slice(0, 88)}…` : title}
      </text>
      {cells.map((cell, i) => (
        <CellChart
          key={`${cell.row.id}.${cell.column.id}`}
          title={`${cell.row.label} — ${cell.column.label}`}
          distribution={cell.distribution}
          width={width}
          at={{ x: (i % columns) * width, y: 24 + Math.floor(i / columns) * height }}
        />
      ))}
    </svg>
  );
});

/** The chart of one question or cell: bars for choices, a histogram for numbers. */
export const CellChart = forwardRef<
  SVGSVGElement,
  { title: string; distribution: CellDistribution; width?: number; at?: { x: number; y: number } }
>(function CellChart({ title, distribution, width, at }, ref) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const common = { title, ...(width !== undefined ? { width } : {}), ...(at ? { at } : {}) };
  if (distribution.kind === 'choice') {
    const bars = distribution.options.map((option) => ({
      label: optionLabel(option, { yes: t('analysis.yes'), no: t('analysis.no') }),
      count: option.count,
    }));
    return (
      <BarChart
        ref={ref}
        {...common}
        bars={bars}
        description={t('analysis.chart.barsDescription', {
          n: distribution.n,
          list: bars.map((b) => `${b.label}: ${b.count}`).join(', '),
        })}
      />
    );
  }
  if (distribution.kind === 'number') {
    const s = distribution.summary;
    return (
      <Histogram
        ref={ref}
        {...common}
        distribution={distribution}
        format={format}
        words={{
          median: t('analysis.stats.median'),
          mean: t('analysis.stats.mean'),
          quartiles: t('analysis.chart.quartiles'),
        }}
        description={
          s
            ? t('analysis.chart.histogramDescription', {
                n: s.n,
                min: format(s.min),
                max: format(s.max),
                mean: format(s.mean),
                median: format(s.median),
                q1: format(s.q1),
                q3: format(s.q3),
              })
            : t('analysis.noAnswers')
        }
      />
    );
  }
  return null;
});
