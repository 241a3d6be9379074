import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { forwardRef, useId } from 'react';
import type { CellDistribution } from './analysis-api.ts';

const ink = '#1b1f23';
const bar = '#0b4f8a';
const font = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const tickLabel = { fill: ink, fontSize: 11, fontFamily: font };

interface ChartProps {
  title: string;
  description: string;
  width?: number;
  /** Where the chart sits inside an enclosing SVG (small multiples). */
  at?: { x: number; y: number };
}

/** Horizontal bars, one per option, labelled with their counts. */
export const BarChart = forwardRef<SVGSVGElement, ChartProps & { bars: { label: string; count: number }[] }>(
  function BarChart({ title, description, bars, width = 560, at }, ref) {
    const id = useId();
    const labelWidth = Math.min(200, Math.max(60, ...bars.map((b) => b.label.length * 6.5)));
    const margin = { top: 28, right: 40, bottom: 32, left: labelWidth + 8 };
    const height = margin.top + margin.bottom + Math.max(1, bars.length) * 28;
    const inner = { width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
    const max = Math.max(1, ...bars.map((b) => b.count));
    const y = scaleBand({ domain: bars.map((b) => b.label), range: [0, inner.height], padding: 0.25 });
    const x = scaleLinear({ domain: [0, max], range: [0, inner.width], nice: true });
    return (
      <Frame ref={ref} id={id} title={title} description={description} width={width} height={height} at={at}>
        <Group left={margin.left} top={margin.top}>
          {bars.map((b) => {
            const top = y(b.label) ?? 0;
            const length = x(b.count);
            return (
              <g key={b.label}>
                <Bar x={0} y={top} width={length} height={y.bandwidth()} fill={bar} />
                <text
                  x={length + 4}
                  y={top + y.bandwidth() / 2}
                  dy="0.35em"
                  fill={ink}
                  fontSize={12}
                  fontFamily={font}
                >
                  {b.count}
                </text>
              </g>
            );
          })}
          <AxisLeft
            scale={y}
            stroke={ink}
            tickStroke={ink}
            tickLabelProps={() => ({ ...tickLabel, textAnchor: 'end', dx: -4, dy: '0.33em' })}
          />
          <AxisBottom
            scale={x}
            top={inner.height}
            stroke={ink}
            tickStroke={ink}
            numTicks={Math.min(max, 6)}
            tickFormat={(v) => (Number.isInteger(Number(v)) ? String(v) : '')}
            tickLabelProps={() => ({ ...tickLabel, textAnchor: 'middle' })}
          />
        </Group>
      </Frame>
    );
  },
);

/** A histogram of numbers with the quartiles, median and mean drawn over it. */
export const Histogram = forwardRef<
  SVGSVGElement,
  ChartProps & {
    distribution: Extract<CellDistribution, { kind: 'number' }>;
    words: { median: string; mean: string; quartiles: string };
    format: (n: number) => string;
  }
>(function Histogram({ title, description, distribution, words, format, width = 560, at }, ref) {
  const id = useId();
  const margin = { top: 54, right: 20, bottom: 76, left: 44 };
  const height = width < 400 ? 280 : 320;
  const inner = { width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
  const bins = distribution.bins;
  const from = bins[0]?.from ?? 0;
  const to = Math.max(from + 1, bins[bins.length - 1]?.to ?? 1);
  const integerBins =
    bins.length > 0 && bins.every((b) => Number.isInteger(b.from) && Number.isInteger(b.to));
  // Integer bins cover [from, to] inclusive, so they end one past their upper value.
  const end = integerBins ? to + 1 : to;
  const x = scaleLinear({ domain: [from, end], range: [0, inner.width] });
  const y = scaleLinear({
    domain: [0, Math.max(1, ...bins.map((b) => b.count))],
    range: [inner.height, 0],
    nice: true,
  });
  const s = distribution.summary;
  const marker = (value: number, label: string, dash: string, row: number) => (
    <g key={label}>
      <line
        x1={x(value)}
        x2={x(value)}
        y1={0}
        y2={inner.height}
        stroke="#a3141d"
        strokeWidth={2}
        strokeDasharray={dash}
      />
      <text x={x(value)} y={-6 - row * 12} textAnchor="middle" fill="#a3141d" fontSize={11} fontFamily={font}>
        {label}
      </text>
    </g>
  );
  return (
    <Frame ref={ref} id={id} title={title} description={description} width={width} height={height} at={at}>
      <Group left={margin.left} top={margin.top}>
        {bins.map((b) => {
          const left = x(b.from);
          const right = x(integerBins ? b.to + 1 : b.to);
          return (
            <Bar
              key={`${b.from}-${b.to}`}
              x={left + 1}
              y={y(b.count)}
              width={Math.max(1, right - left - 2)}
              height={inner.height - y(b.count)}
              fill={bar}
            />
          );
        })}
        {s && (
          <>
            <rect
              x={x(s.q1)}
              y={inner.height + 30}
              width={Math.max(1, x(s.q3) - x(s.q1))}
              height={8}
              fill="#f2a900"
              stroke={ink}
            />
            <text x={x(s.q1)} y={inner.height + 52} fill={ink} fontSize={11} fontFamily={font}>
              {words.quartiles}: {format(s.q1)}–{format(s.q3)}
            </text>
            {marker(s.median, `${words.median} ${format(s.median)}`, '0', 0)}
            {Math.abs(s.mean - s.median) > 1e-9 &&
              marker(s.mean, `${words.mean} ${format(s.mean)}`, '4 3', 1)}
          </>
        )}
        <AxisLeft
          scale={y}
          stroke={ink}
          tickStroke={ink}
          numTicks={5}
          tickFormat={(v) => (Number.isInteger(Number(v)) ? String(v) : '')}
          tickLabelProps={() => ({ ...tickLabel, textAnchor: 'end', dx: -4, dy: '0.33em' })}
        />
        <AxisBottom
          scale={x}
          top={inner.height}
          stroke={ink}
          tickStroke={ink}
          numTicks={6}
          tickFormat={(v) => (integerBins && !Number.isInteger(Number(v)) ? '' : format(Number(v)))}
          tickLabelProps={() => ({ ...tickLabel, textAnchor: 'middle' })}
        />
      </Group>
    </Frame>
  );
});

/** The SVG root every chart shares: titled and described for assistive technology, white background. */
const Frame = forwardRef<
  SVGSVGElement,
  {
    id: string;
    title: string;
    description: string;
    width: number;
    height: number;
    at?: { x: number; y: number } | undefined;
    children: React.ReactNode;
  }
>(function Frame({ id, title, description, width, height, at, children }, ref) {
  return (
    <svg
      ref={ref}
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      width={width}
      height={height}
      {...(at ? { x: at.x, y: at.y } : {})}
      viewBox={`0 0 ${width} ${height}`}
      className="chart"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <rect width={width} height={height} fill="#ffffff" />
      <text x={8} y={16} fill={ink} fontSize={13} fontWeight="bold" fontFamily={font}>
        {title.length > 90 ? `${title.slice(0, 88)}…` : title}
      </text>
      {children}
    </svg>
  );
});
