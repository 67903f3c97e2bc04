import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import {
  AxisPlacement,
  GraphDrawStyle,
  ScaleDirection,
  ScaleOrientation,
  VisibilityMode,
} from '@grafana/schema';
import { UPlotChart, UPlotConfigBuilder, useStyles2, useTheme2 } from '@grafana/ui';
import React, { useMemo } from 'react';
import type uPlot from 'uplot';

import type { SignedSlippage, SlippageBar, SlippageSide } from '../data/slippage';
import { formatBp, formatCount, formatPercent } from '../format';
import { testIds } from '../testIds';

interface Props {
  slippage: SignedSlippage;
  width: number;
  height: number;
}

const SIDES: SlippageSide[] = ['favorable', 'neutral', 'adverse'];

/** Where a signed value sits on the bar axis (bar i spans i − 0.5 .. i + 0.5), for the p50/p95 markers. */
export function barPosition(bars: readonly SlippageBar[], v: number): number | undefined {
  if (!Number.isFinite(v)) {
    return undefined;
  }
  const i = bars.findIndex((b) => v <= b.to);
  if (i < 0) {
    return bars.length - 0.5;
  }
  const b = bars[i];
  if (!Number.isFinite(b.from)) {
    return i + 0.5;
  }
  return i - 0.5 + (v - b.from) / (b.to - b.from);
}

function sideLabel(side: SlippageSide, bars: readonly SlippageBar[]): string {
  if (side !== 'neutral') {
    return side === 'favorable' ? 'favourable' : 'adverse';
  }
  const middle = bars.find((b) => b.side === 'neutral');
  return middle ? `within ±${boundLabel(middle.to)} bp` : 'near 0';
}

function boundLabel(v: number): string {
  if (!Number.isFinite(v)) {
    return v > 0 ? '+∞' : '−∞';
  }
  return String(Number((v * 1e4).toPrecision(3)));
}

/**
 * The signed slippage distribution: favourable fills left of zero, adverse right, one bar per bucket (bucket
 * bounds in bp on the axis), p50 and p95 marked. Drawn with @grafana/ui's uPlot chart.
 */
export function SlippageChart({ slippage, width, height }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const { bars, p50, p95, fills } = slippage;
  const colors: Record<SlippageSide, string> = {
    favorable: theme.visualization.getColorByName('green'),
    neutral: theme.colors.text.secondary,
    adverse: theme.visualization.getColorByName('red'),
  };
  const chartHeight = Math.max(60, height - 28);
  const config = useMemo(() => {
    const builder = new UPlotConfigBuilder();
    builder.addScale({
      scaleKey: 'x',
      isTime: false,
      orientation: ScaleOrientation.Horizontal,
      direction: ScaleDirection.Right,
      range: () => [-0.5, bars.length - 0.5],
    });
    const every = Math.max(1, Math.ceil((bars.length * 34) / Math.max(1, width)));
    builder.addAxis({
      scaleKey: 'x',
      placement: AxisPlacement.Bottom,
      theme,
      splits: () => bars.map((_, i) => i + 0.5).filter((_, i) => i % every === 0 && i < bars.length - 1),
      values: (_u: uPlot, splits: number[]) => splits.map((s) => boundLabel(bars[Math.floor(s)].to)),
      label: 'signed slippage, bp (− favourable, + adverse)',
    });
    builder.addScale({
      scaleKey: 'fills',
      orientation: ScaleOrientation.Vertical,
      direction: ScaleDirection.Up,
      min: 0,
    });
    builder.addAxis({
      scaleKey: 'fills',
      placement: AxisPlacement.Left,
      theme,
      formatValue: (v) => formatCount(v),
    });
    for (const side of SIDES) {
      builder.addSeries({
        scaleKey: 'fills',
        drawStyle: GraphDrawStyle.Bars,
        lineColor: colors[side],
        fillColor: colors[side],
        fillOpacity: 70,
        lineWidth: 1,
        barWidthFactor: 0.9,
        showPoints: VisibilityMode.Never,
        theme,
      });
    }
    builder.addHook('draw', (u: uPlot) => {
      const ctx = u.ctx;
      for (const [v, dash] of [
        [p50, [4, 3]],
        [p95, [1, 3]],
      ] as Array<[number, number[]]>) {
        const pos = barPosition(bars, v);
        if (pos === undefined || !ctx) {
          continue;
        }
        const x = u.valToPos(pos, 'x', true);
        ctx.save();
        ctx.strokeStyle = theme.colors.text.primary;
        ctx.setLineDash(dash);
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.restore();
      }
    });
    return builder;
    // colors derive from theme
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bars, p50, p95, width, theme]);
  const data = useMemo(
    () =>
      [
        bars.map((_, i) => i),
        ...SIDES.map((side) => bars.map((b) => (b.side === side ? b.count : null))),
      ] as uPlot.AlignedData,
    [bars],
  );
  const share = (side: SlippageSide) =>
    bars.filter((b) => b.side === side).reduce((s, b) => s + b.count, 0) / fills;
  return (
    <div data-testid={testIds.slippage}>
      <div
        className={styles.stats}
        data-testid={testIds.slippageStats}
        data-p50={p50}
        data-p95={p95}
        data-fills={fills}
      >
        <span>p50 {formatBp(p50)}</span>
        <span>p95 {formatBp(p95)}</span>
        <span>{formatCount(fills)} fills</span>
        {SIDES.map((side) => (
          <span key={side} style={{ color: colors[side] }}>
            {sideLabel(side, bars)} {formatPercent(share(side))}
          </span>
        ))}
      </div>
      <UPlotChart data={data} config={config} width={width} height={chartHeight} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  stats: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    fontSize: theme.typography.bodySmall.fontSize,
    marginBottom: theme.spacing(0.5),
  }),
});
