import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { useTranslation } from 'react-i18next';
import { ChartSvg } from './chart-svg.tsx';
import type { DeskStatus } from './desk-api.ts';

export const statusOrder: DeskStatus[] = ['not_started', 'in_progress', 'submitted'];
export const statusColours: Record<DeskStatus, string> = {
  not_started: '#5b6672',
  in_progress: '#9a5b00',
  submitted: '#1e6b34',
};

const width = 420;
const height = 170;
const margin = { top: 10, right: 40, bottom: 30, left: 110 };

/** How many reports stand in each status, as bars, with the same figures as a table for screen readers. */
export function StatusChart({ counts }: { counts: Record<DeskStatus, number> }) {
  const { t } = useTranslation();
  const total = statusOrder.reduce((sum, status) => sum + counts[status], 0);
  const labels = statusOrder.map((status) => t(`status.${status}`));
  const y = scaleBand<string>({
    domain: labels,
    range: [margin.top, height - margin.bottom],
    padding: 0.25,
  });
  const x = scaleLinear<number>({
    domain: [0, Math.max(1, total)],
    range: [margin.left, width - margin.right],
  });
  const title = t('desk.chart.statusTitle', { count: total });
  const summary = statusOrder
    .map((status) => t('desk.chart.statusLine', { status: t(`status.${status}`), count: counts[status] }))
    .join('; ');

  return (
    <figure className="desk-chart">
      <figcaption>{title}</figcaption>
      <ChartSvg width={width} height={height} title={title} summary={summary}>
        <Group>
          {statusOrder.map((status, index) => {
            const label = labels[index] as string;
            const barY = y(label) ?? 0;
            const barWidth = x(counts[status]) - margin.left;
            return (
              <Group key={status}>
                <Bar
                  x={margin.left}
                  y={barY}
                  width={Math.max(0, barWidth)}
                  height={y.bandwidth()}
                  fill={statusColours[status]}
                />
                <text
                  x={margin.left + Math.max(0, barWidth) + 6}
                  y={barY + y.bandwidth() / 2}
                  dominantBaseline="middle"
                  fontSize={13}
                  fill="#1b1f23"
                >
                  {counts[status]}
                </text>
              </Group>
            );
          })}
        </Group>
        <AxisLeft
          scale={y}
          left={margin.left}
          hideTicks
          tickLabelProps={{ fontSize: 12, fill: '#1b1f23', textAnchor: 'end', dy: '0.33em' }}
        />
        <AxisBottom
          scale={x}
          top={height - margin.bottom}
          numTicks={Math.min(5, Math.max(1, total))}
          tickFormat={(value) => String(value)}
          tickLabelProps={{ fontSize: 11, fill: '#1b1f23', textAnchor: 'middle' }}
        />
      </ChartSvg>
      <details>
        <summary>{t('desk.chart.asTable')}</summary>
        <table className="desk-table compact">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('desk.table.status')}</th>
              <th scope="col">{t('desk.chart.reports')}</th>
            </tr>
          </thead>
          <tbody>
            {statusOrder.map((status) => (
              <tr key={status}>
                <th scope="row">{t(`status.${status}`)}</th>
                <td>{counts[status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
