// 7×24 grid of firing time by weekday and hour, shaded with the theme's colour scale; each cell says its value.
import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { formatDuration } from '../../lib/format';
import type { Heatmap } from '../../types';
import { testIds } from '../../testIds';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function WeekHourHeatmap({ data }: { data: Heatmap }) {
  const s = useStyles2(getStyles);
  const theme = useTheme2();
  const max = Math.max(1, ...data.firing_seconds.flat());
  const base = theme.visualization.getColorByName('red');
  return (
    <table className={s.grid} data-testid={testIds.history.heatmap} aria-label={`Firing by weekday and hour (${data.timezone})`}>
      <thead>
        <tr>
          <th />
          {Array.from({ length: 24 }, (_, h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.firing_seconds.map((row, d) => (
          <tr key={DAYS[d]}>
            <th scope="row">{DAYS[d]}</th>
            {row.map((v, h) => {
              const label = `${DAYS[d]} ${h}:00: ${formatDuration(v)} firing, ${data.starts[d][h]} started`;
              return <td key={h} title={label} aria-label={label} data-testid={testIds.history.heatCell(d, h)} style={{ background: v > 0 ? theme.colors.emphasize(base, 0) : undefined, opacity: v > 0 ? 0.2 + 0.8 * (v / max) : 1 }} />;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({
    borderCollapse: 'separate',
    borderSpacing: 2,
    fontSize: theme.typography.bodySmall.fontSize,
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular, padding: theme.spacing(0, 0.5) },
    td: { width: 18, height: 18, background: theme.colors.background.secondary, borderRadius: 2 },
  }),
});
