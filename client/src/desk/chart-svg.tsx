import { type ReactNode, useId } from 'react';

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
