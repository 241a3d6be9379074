import { AxisBottom, AxisLeft } from '@visx/axis';
import { scaleLinear, scaleUtc } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../app/format.ts';
import { ChartSvg } from './chart-svg.tsx';
import type { TimelineDay } from './desk-api.ts';
import { statusColours } from './status-chart.tsx';

const width = 640;
const height = 220;
const margin = { top: 12, right: 16, bottom: 32, left: 48 };

/**
 * The average progress of the cycle's reports day by day, as a line from 0 to 100%, with the days on which
 * it changed (and how many reports were complete) as a table for screen readers.
 */
export function ProgressChart({ days }: { days: TimelineDay[] }) {
  const { t, i18n } = useTranslation();
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return null;
  const dateOf = (day: TimelineDay) => new Date(`${day.day}T00:00:00Z`);
  const percent = (value: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
  const total = last.notStarted + last.inProgress + last.submitted;
  const x = scaleUtc<number>({
    domain: [dateOf(first), dateOf(last)],
    range: [margin.left, width - margin.right],
  });
  const y = scaleLinear<number>({ domain: [0, 100], range: [height - margin.bottom, margin.top] });
  const changes = days.filter((day, index) => {
    const before = days[index - 1];
    return (
      !before ||
      index === days.length - 1 ||
      day.averagePercent !== before.averagePercent ||
      day.complete !== before.complete
    );
  });
  const summary = t('desk.chart.progressSummary', {
    from: formatDate(first.day, i18n.language),
    to: formatDate(last.day, i18n.language),
    average: percent(last.averagePercent),
    complete: last.complete,
    count: total,
  });

  return (
    <figure className="desk-chart full">
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
          tickLabelProps={{ fontSize: 11, fill: '#1b1f23', textAnchor: 'end', dy: '0.33em' }}
        />
        <AxisBottom
          scale={x}
          top={height - margin.bottom}
          numTicks={4}
          tickFormat={(value) =>
            new Intl.DateTimeFormat(i18n.language, {
              month: 'short',
              day: 'numeric',
              timeZone: 'UTC',
            }).format(value as Date)
          }
          tickLabelProps={{ fontSize: 11, fill: '#1b1f23', textAnchor: 'middle' }}
        />
      </ChartSvg>
      <p>{summary}</p>
      <details>
        <summary>{t('desk.chart.asTable')}</summary>
        <table className="desk-table compact">
          <caption>{t('desk.chart.progressCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('desk.chart.day')}</th>
              <th scope="col">{t('desk.chart.averageProgress')}</th>
              <th scope="col">{t('desk.chart.complete')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((day) => (
              <tr key={day.day}>
                <th scope="row">{formatDate(day.day, i18n.language)}</th>
                <td>{percent(day.averagePercent)}</td>
                <td>{day.complete}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
