// Trade-flow first-render benchmark, run by bench/src/tradeflow-panel-first-render.bench.ts in headless Chromium:
// the frames of the panel's queries for a desk of venues × symbols × strategies (tradeflowFrames) rendered from a
// fresh mount by the trade-flow panel and by @grafana/ui components given the same frames, alternately:
// - bars: UPlotChart with bars (what the panel's slippage chart draws with), one bar per bucket bound and
//   histogram, after applyFieldOverrides and summing each bucket over the label sets; and the same bars from the
//   raw frames (no applyFieldOverrides), the least work that draws them, for scale;
// - time series: TimeSeries after applyFieldOverrides, as Grafana's time series panel gets them.
import {
  applyFieldOverrides,
  dateTime,
  type DataFrame,
  type GrafanaTheme2,
  type PanelPlugin,
  type TimeRange,
} from '@grafana/data';
import {
  AxisPlacement,
  GraphDrawStyle,
  ScaleDirection,
  ScaleOrientation,
  VisibilityMode,
} from '@grafana/schema';
import { TimeSeries, UPlotChart, UPlotConfigBuilder } from '@grafana/ui';
import React from 'react';
import type { Root } from 'react-dom/client';
import type uPlot from 'uplot';

import type { TradeflowBenchResult } from '../../src/bench-result';
import { median, timeRender } from './bench';
import { PanelHost } from './PanelHost';
import { tradeflowFrames, type TradeflowDesk } from './tradeflowFrames';

const HISTOGRAMS = ['ack', 'first_fill', 'completion', 'slippage_adverse', 'slippage_favorable'];
const END = Date.UTC(2026, 10, 24, 12, 0, 0);
const WIDTH = 1400;
const HEIGHT = 1200;

function processed(frames: DataFrame[], theme: GrafanaTheme2, drawStyle: string): DataFrame[] {
  return applyFieldOverrides({
    data: frames,
    fieldConfig: { defaults: { custom: { drawStyle, lineWidth: 1, showPoints: 'never' } }, overrides: [] },
    replaceVariables: (s: string) => s,
    theme,
    timeZone: 'utc',
  });
}

/** Bucket totals per histogram query over every label set: x = bucket index (bounds in `le` order), one series per query. */
function bucketBars(frames: DataFrame[]): { les: string[]; data: uPlot.AlignedData } {
  const totals = new Map<string, Map<string, number>>(HISTOGRAMS.map((h) => [h, new Map()]));
  for (const f of frames) {
    const byLe = totals.get(f.refId ?? '');
    const value = f.fields[1];
    const le = value?.labels?.le;
    if (!byLe || le === undefined) {
      continue;
    }
    byLe.set(le, (byLe.get(le) ?? 0) + Number(value.values[value.values.length - 1]));
  }
  const les = [...new Set([...totals.values()].flatMap((m) => [...m.keys()]))].sort(
    (a, b) => Number(a) - Number(b),
  );
  return {
    les,
    data: [les.map((_, i) => i), ...HISTOGRAMS.map((h) => les.map((le) => totals.get(h)!.get(le) ?? null))],
  };
}

function BucketBars({ frames, theme, overrides }: { frames: DataFrame[]; theme: GrafanaTheme2; overrides: boolean }) {
  const { les, data } = bucketBars(overrides ? processed(frames, theme, 'bars') : frames);
  const builder = new UPlotConfigBuilder();
  builder.addScale({
    scaleKey: 'x',
    isTime: false,
    orientation: ScaleOrientation.Horizontal,
    direction: ScaleDirection.Right,
    range: () => [-0.5, les.length - 0.5],
  });
  builder.addAxis({
    scaleKey: 'x',
    placement: AxisPlacement.Bottom,
    theme,
    splits: () => les.map((_, i) => i),
    values: (_u: uPlot, splits: number[]) => splits.map((i) => les[i]),
  });
  builder.addScale({ scaleKey: 'n', orientation: ScaleOrientation.Vertical, direction: ScaleDirection.Up, min: 0 });
  builder.addAxis({ scaleKey: 'n', placement: AxisPlacement.Left, theme });
  HISTOGRAMS.forEach((_, i) => {
    const color = theme.visualization.getColorByName(['green', 'blue', 'orange', 'red', 'purple'][i]);
    builder.addSeries({
      scaleKey: 'n',
      drawStyle: GraphDrawStyle.Bars,
      lineColor: color,
      fillColor: color,
      fillOpacity: 70,
      lineWidth: 1,
      barWidthFactor: 0.9,
      showPoints: VisibilityMode.Never,
      theme,
    });
  });
  return <UPlotChart data={data} config={builder} width={WIDTH} height={300} />;
}

export async function runTradeflowFirstRenderBench(
  root: Root,
  wrap: (n: React.ReactNode) => React.ReactNode,
  plugin: PanelPlugin,
  options: Record<string, unknown>,
  theme: GrafanaTheme2,
  rounds: number,
  desk: TradeflowDesk,
  /** False: TimeSeries is left out (it takes minutes on the full desk's frames; see bench/README.md). */
  withTimeSeries: boolean,
): Promise<TradeflowBenchResult> {
  const frames = tradeflowFrames(desk);
  const timeRange: TimeRange = {
    from: dateTime(END - 3600_000),
    to: dateTime(END),
    raw: { from: 'now-1h', to: 'now' },
  };
  const panel = () =>
    wrap(
      <PanelHost
        plugin={plugin}
        title="bench"
        frames={frames}
        timeRange={timeRange}
        initialOptions={options}
        width={WIDTH}
        height={HEIGHT}
        showEditor={false}
      />,
    );
  // Each reference does its own applyFieldOverrides inside the timed render: it is part of what Grafana does
  // before its panel draws, as the panel's own reading of the frames is part of its render.
  const bars = () => wrap(<BucketBars frames={frames} theme={theme} overrides />);
  // The floor: the same bars from the raw frames, without Grafana's field processing.
  const barsRaw = () => wrap(<BucketBars frames={frames} theme={theme} overrides={false} />);
  const timeSeries = () =>
    wrap(
      <TimeSeries
        frames={processed(frames, theme, 'line')}
        width={WIDTH}
        height={HEIGHT}
        timeRange={timeRange}
        timeZone="utc"
        legend={{ showLegend: false, displayMode: 'list' as never, placement: 'bottom', calcs: [] }}
      />,
    );
  const panelMs: number[] = [];
  const barsMs: number[] = [];
  const barsRawMs: number[] = [];
  const timeSeriesMs: number[] = [];
  // One warm-up of each, then alternate so neither side always runs on a warmer JIT or heap.
  await timeRender(root, panel);
  await timeRender(root, bars);
  await timeRender(root, barsRaw);
  if (withTimeSeries) {
    await timeRender(root, timeSeries);
  }
  let panelCanvases = 0;
  let scorecardRows = 0;
  let latencyRows = 0;
  for (let i = 0; i < rounds; i++) {
    panelMs.push(await timeRender(root, panel));
    panelCanvases = document.querySelectorAll('canvas').length;
    // What the panel drew, so the bench can check it rendered the data and not an error or no-data box.
    scorecardRows = document.querySelectorAll('[data-testid^="vigil-tradeflow-score-"]').length;
    latencyRows = document.querySelectorAll('[data-testid^="vigil-tradeflow-latency-venue-"]').length;
    barsMs.push(await timeRender(root, bars));
    barsRawMs.push(await timeRender(root, barsRaw));
    if (withTimeSeries) {
      timeSeriesMs.push(await timeRender(root, timeSeries));
    }
  }
  return {
    frames: frames.length,
    panelCanvases,
    scorecardRows,
    latencyRows,
    panelMs,
    barsMs,
    timeSeriesMs,
    panelMedianMs: median(panelMs),
    barsMedianMs: median(barsMs),
    barsRawMs,
    barsRawMedianMs: median(barsRawMs),
    timeSeriesMedianMs: withTimeSeries ? median(timeSeriesMs) : NaN,
  };
}
