import { AxisBottom, type AxisScale } from '@visx/axis';
import { scaleUtc } from '@visx/scale';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.ts';

/**
 * The drawing of a chart as one image for assistive technology: named by `title`, described by
 * `summary` (the figures in words); it scales to the width it is given.
 */
export function ChartSvg({
  width,
  height,
  title,
  summary,
  children,
}: {
  width: number;
  height: number;
  title: string;
  summary: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-summary`}>{summary}</desc>
      {children}
    </svg>
  );
}

/** The drawing area of the day by day charts, in the units of their viewBox. */
export const dayChart = { width: 640, height: 220, margin: { top: 12, right: 16, bottom: 32, left: 48 } };

/** How the axes' labels are written. */
export const tickLabel = { fontSize: 11, fill: '#1b1f23' } as const;

/** The day of a timeline as a date (UTC midnight). */
export const dateOf = (day: { day: string }) => new Date(`${day.day}T00:00:00Z`);

/** The scale of a day by day chart across, from its first day to its last. */
export const dayScale = (first: { day: string }, last: { day: string }) =>
  scaleUtc<number>({
    domain: [dateOf(first), dateOf(last)],
    range: [dayChart.margin.left, dayChart.width - dayChart.margin.right],
  });

/** The axis of days under a day by day chart, the dates in the reader's language. */
export function DayAxis({ scale }: { scale: AxisScale<number> }) {
  const { i18n } = useTranslation();
  return (
    <AxisBottom
      scale={scale}
      top={dayChart.height - dayChart.margin.bottom}
      numTicks={4}
      tickFormat={(value) =>
        new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
          value as Date,
        )
      }
      tickLabelProps={{ ...tickLabel, textAnchor: 'middle' }}
    />
  );
}

/** The days a table of a day by day chart shows: the first, those `changed` from the day before, the last. */
export function daysOfChange<Day>(days: Day[], changed: (day: Day, before: Day) => boolean): Day[] {
  return days.filter((day, index) => {
    const before = days[index - 1];
    return !before || index === days.length - 1 || changed(day, before);
  });
}

/**
 * The figures of a day by day chart as a table under "Show the figures as a table": a row a day (named by
 * its date), a column a figure.
 */
export function DayTable<Day extends { day: string }>({
  caption,
  columns,
  days,
  cells,
}: {
  caption: string;
  columns: string[];
  days: Day[];
  cells: (day: Day) => (string | number)[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <details>
      <summary>{t('desk.chart.asTable')}</summary>
      <table className="desk-table compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('desk.chart.day')}</th>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row">{formatDate(day.day, i18n.language)}</th>
              {cells(day).map((cell, index) => (
                <td key={columns[index]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
