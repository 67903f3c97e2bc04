import { css, cx } from '@emotion/css';
import { FieldType, type Field, type GrafanaTheme2 } from '@grafana/data';
import { GraphDrawStyle, VisibilityMode } from '@grafana/schema';
import { Sparkline, useStyles2, useTheme2 } from '@grafana/ui';
import React from 'react';

import { figure, type Benchmark, type MarkoutPoint, type RankBy, type VenueScore } from '../data/scorecard';
import { formatBp, formatCount, formatPercent } from '../format';
import { testIds } from '../testIds';
import { getStyles as getTableStyles } from './LatencyTable';
import { activateRow } from './activate';

interface Props {
  rows: VenueScore[];
  rankBy: RankBy;
  horizon: string;
  benchmark: Benchmark;
  selectedVenue?: string;
  onSelectVenue: (venue: string) => void;
}

const CURVE_WIDTH = 120;
const CURVE_HEIGHT = 28;

/** A number field; Sparkline reads the y range from field.state, as Grafana's field display fills it. */
function numberField(name: string, values: number[]): Field {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  return {
    name,
    type: FieldType.number,
    values,
    config: {},
    state: { range: { min, max, delta: max - min } },
  };
}

/**
 * The markout curve of one venue (mean markout at each horizon, 1 s … 60 s), a @grafana/ui sparkline. The
 * horizons are evenly spaced, as a TCA report prints them; the range includes 0 so the sign reads.
 */
function MarkoutCurve({ points, color }: { points: MarkoutPoint[]; color: string }) {
  const theme = useTheme2();
  const usable = points.filter((p) => Number.isFinite(p.seconds));
  if (usable.length === 0) {
    return <span>–</span>;
  }
  return (
    <span
      title={points
        .map((p) => `${p.horizon}: ${formatBp(p.mean)} (${formatCount(p.fills)} fills)`)
        .join('\n')}
    >
      <Sparkline
        theme={theme}
        width={CURVE_WIDTH}
        height={CURVE_HEIGHT}
        sparkline={{
          x: numberField(
            'horizon',
            usable.map((_, i) => i),
          ),
          y: numberField(
            'markout',
            usable.map((p) => p.mean),
          ),
        }}
        config={{
          color: { mode: 'fixed', fixedColor: color },
          custom: {
            drawStyle: GraphDrawStyle.Line,
            lineWidth: 1.5,
            showPoints: VisibilityMode.Always,
            pointSize: 4,
          },
        }}
      />
    </span>
  );
}

const COLUMNS: Array<{ by: RankBy; title: (benchmark: Benchmark, horizon: string) => string }> = [
  { by: 'markout', title: (_b, h) => `Markout ${h}` },
  { by: 'fillRatio', title: () => 'Fill ratio' },
  { by: 'slippage', title: () => 'Slippage (mean)' },
  { by: 'shortfall', title: (b) => `Shortfall vs ${b}` },
  { by: 'rejectRate', title: () => 'Reject rate' },
];

function cell(row: VenueScore, by: RankBy, horizon: string): string {
  const v = figure(row, by, horizon);
  return by === 'fillRatio' || by === 'rejectRate' ? formatPercent(v) : formatBp(v);
}

/**
 * One row per venue, worst first by the chosen figure: the markout curve, fill ratio, mean signed slippage,
 * mean implementation shortfall and reject rate. Positive markouts, slippage and shortfall are costs.
 */
export function VenueScorecard({ rows, rankBy, horizon, benchmark, selectedVenue, onSelectVenue }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getTableStyles);
  const local = useStyles2(getStyles);
  const color = theme.visualization.getColorByName('orange');
  return (
    <table className={styles.table} data-testid={testIds.scorecard} data-rank-by={rankBy}>
      <thead>
        <tr>
          <th>#</th>
          <th>Venue</th>
          <th>Markout 1 s … 60 s</th>
          {COLUMNS.map((c) => (
            <th key={c.by} className={cx(styles.num, c.by === rankBy && local.ranked)}>
              {c.title(benchmark, horizon)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr
            key={row.venue}
            data-testid={testIds.scorecardRow(row.venue)}
            data-rank={i + 1}
            className={cx(styles.clickable, row.venue === selectedVenue && styles.selected)}
            {...activateRow(() => onSelectVenue(row.venue))}
          >
            <td>{i + 1}</td>
            <td>{row.venue || '(none)'}</td>
            <td>
              <MarkoutCurve points={row.markouts} color={color} />
            </td>
            {COLUMNS.map((c) => (
              <td
                key={c.by}
                className={cx(styles.num, c.by === rankBy && local.ranked)}
                data-by={c.by}
                data-value={figure(row, c.by, horizon)}
              >
                {cell(row, c.by, horizon)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  ranked: css({ fontWeight: theme.typography.fontWeightBold }),
});
