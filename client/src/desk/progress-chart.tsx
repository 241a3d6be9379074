import { AxisLeft } from '@visx/axis';
import { scaleLinear } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.ts';
import {
  ChartSvg,
  DayAxis,
  DayTable,
  dateOf,
  dayChart,
  dayScale,
  daysOfChange,
  tickLabel,
} from './chart-svg.tsx';
import type { TimelineDay } from './desk-api.ts';
import { statusColours } from './status-chart.tsx';

const { width, height, margin } = dayChart;

/**
 * The average progress of the cycle's reports day by day, as a line from 0 to 100%, with the days on which
 * it changed (and how many reports were complete) as a table for screen readers.
 */
export function ProgressChart({ days }: { days: TimelineDay[] }) {
  const { t, i18n } = useTranslation();
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return null;
  const percent = (value: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  const x = dayScale(first, last);
  const y = scaleLinear<number>({ domain: [0, 100], range: [height - margin.bottom, margin.top] });
  const changes = daysOfChange(
    days,
    (day, before) => day.averagePercent !== before.averagePercent || day.complete !== before.complete,
  );
  const summary = t('desk.chart.progressSummary', {
    from: formatDate(first.day, i18n.language),
    to: formatDate(last.day, i18n.language),
    average: percent(last.averagePercent),
    complete: last.complete,
    count: last.notStarted + last.inProgress + last.submitted,
  });

  return (
    <figure className="desk-chart under-timeline">
      <figcaption>{t('desk.chart.progressTitle')}</figcaption>
      <ChartSvg width={width} height={height} title={t('desk.chart.progressTitle')} summary={summary}>
        <LinePath<TimelineDay>
          data={days}
          x={(day) => x(dateOf(day))}
          y={(day) => y(day.averagePercent)}
          stroke={statusColours.submitted}
          strokeWidth={2.5}
        />
        <AxisLeft
          scale={y}
          left={margin.left}
          tickValues={[0, 25, 50, 75, 100]}
          tickFormat={(value) => percent(Number(value))}
          tickLabelProps={{ ...tickLabel, textAnchor: 'end', dy: '0.33em' }}
        />
        <DayAxis scale={x} />
      </ChartSvg>
      <p>{summary}</p>
      <DayTable
        caption={t('desk.chart.progressCaption')}
        columns={[t('desk.chart.averageProgress'), t('desk.chart.complete')]}
        days={changes}
        cells={(day) => [percent(day.averagePercent), day.complete]}
      />
    </figure>
  );
}
