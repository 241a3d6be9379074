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
import type { DeskStatus, TimelineDay } from './desk-api.ts';
import { statusColours, statusOrder } from './status-chart.tsx';

const { width, height, margin } = dayChart;

const countOf = (day: TimelineDay, status: DeskStatus) =>
  status === 'not_started' ? day.notStarted : status === 'in_progress' ? day.inProgress : day.submitted;

const dashes: Record<DeskStatus, string | undefined> = {
  not_started: '2 4',
  in_progress: '6 3',
  submitted: undefined,
};

/**
 * How many reports stood in each status day by day, as lines (told apart by colour and dash), with the
 * days on which something changed as a table for screen readers.
 */
export function TimelineChart({ days }: { days: TimelineDay[] }) {
  const { t, i18n } = useTranslation();
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return null;
  const total = first.notStarted + first.inProgress + first.submitted;
  const x = dayScale(first, last);
  const y = scaleLinear<number>({
    domain: [0, Math.max(1, total)],
    range: [height - margin.bottom, margin.top],
  });
  const changes = daysOfChange(days, (day, before) =>
    statusOrder.some((status) => countOf(day, status) !== countOf(before, status)),
  );
  const summary = t('desk.chart.timelineSummary', {
    from: formatDate(first.day, i18n.language),
    to: formatDate(last.day, i18n.language),
    submitted: last.submitted,
    inProgress: last.inProgress,
    notStarted: last.notStarted,
  });

  return (
    <figure className="desk-chart wide">
      <figcaption>{t('desk.chart.timelineTitle')}</figcaption>
      <ChartSvg width={width} height={height} title={t('desk.chart.timelineTitle')} summary={summary}>
        {statusOrder.map((status) => (
          <LinePath<TimelineDay>
            key={status}
            data={days}
            x={(day) => x(dateOf(day))}
            y={(day) => y(countOf(day, status))}
            stroke={statusColours[status]}
            strokeWidth={2.5}
            strokeDasharray={dashes[status]}
          />
        ))}
        <AxisLeft
          scale={y}
          left={margin.left}
          numTicks={Math.min(5, Math.max(1, total))}
          tickFormat={(value) => String(value)}
          tickLabelProps={{ ...tickLabel, textAnchor: 'end', dy: '0.33em' }}
        />
        <DayAxis scale={x} />
      </ChartSvg>
      <ul className="chart-legend">
        {statusOrder.map((status) => (
          <li key={status}>
            <svg width="28" height="10" aria-hidden="true">
              <line
                x1="0"
                y1="5"
                x2="28"
                y2="5"
                stroke={statusColours[status]}
                strokeWidth="3"
                strokeDasharray={dashes[status]}
              />
            </svg>{' '}
            {t(`status.${status}`)}
          </li>
        ))}
      </ul>
      <p>{summary}</p>
      <DayTable
        caption={t('desk.chart.changesCaption')}
        columns={statusOrder.map((status) => t(`status.${status}`))}
        days={changes}
        cells={(day) => statusOrder.map((status) => countOf(day, status))}
      />
    </figure>
  );
}
