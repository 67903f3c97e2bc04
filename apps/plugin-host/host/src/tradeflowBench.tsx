// Trade-flow first-render benchmark, run by bench/src/tradeflow-panel-first-render.bench.ts in headless Chromium:
// the frames of the panel's queries for a desk of venues × symbols × strategies (tradeflowFrames) rendered from a
// fresh mount by the trade-flow panel and by @grafana/ui components given the same frames, alternately:
// - bars: UPlotChart with bars (what the panel's slippage chart draws with), one bar per bucket bound and
//   histogram, after applyFieldOverrides and summing each bucket over the label sets; and the same bars from the
//   raw frames (no applyFieldOverrides), the least work that draws them, for scale;
// - time series: TimeSeries after applyFieldOverrides, as Grafana's time series panel gets them.
import { dateTime, type DataFrame, type GrafanaTheme2 } from '@grafana/data';
import {
  AxisPlacement,
  GraphDrawStyle,
  ScaleDirection,
  ScaleOrientation,
  VisibilityMode,
} from '@grafana/schema';
import { UPlotChart, UPlotConfigBuilder } from '@grafana/ui';
import React from 'react';
import type uPlot from 'uplot';

import type { TradeflowBenchResult } from '../../src/bench-result';
import {
  alternateSides,
  median,
  panelSide,
  processedFrames,
  timeSeriesSide,
  type BenchRun,
  type BenchStage,
} from './bench';
import { tradeflowFrames, type TradeflowDesk } from './tradeflowFrames';

const HISTOGRAMS = ['ack', 'first_fill', 'completion', 'slippage_adverse', 'slippage_favorable'];
const END = Date.UTC(2026, 10, 24, 12, 0, 0);
const WIDTH = 1400;
const HEIGHT = 1200;

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

function BucketBars({
  frames,
  theme,
  overrides,
}: {
  frames: DataFrame[];
  theme: GrafanaTheme2;
  overrides: boolean;
}) {
  const { les, data } = bucketBars(overrides ? processedFrames(frames, theme, 'bars') : frames);
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
  builder.addScale({
    scaleKey: 'n',
    orientation: ScaleOrientation.Vertical,
    direction: ScaleDirection.Up,
    min: 0,
  });
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
  { root, wrap, plugin, options, theme, rounds }: BenchRun,
  desk: TradeflowDesk,
  /** False: TimeSeries is left out (it takes minutes on the full desk's frames; see bench/README.md). */
  withTimeSeries: boolean,
): Promise<TradeflowBenchResult> {
  const stage: BenchStage = {
    wrap,
    frames: tradeflowFrames(desk),
    timeRange: { from: dateTime(END - 3600_000), to: dateTime(END), raw: { from: 'now-1h', to: 'now' } },
    width: WIDTH,
    height: HEIGHT,
  };
  const { frames } = stage;
  // Each reference does its own applyFieldOverrides inside the timed render: it is part of what Grafana does
  // before its panel draws, as the panel's own reading of the frames is part of its render.
  const bars = () => wrap(<BucketBars frames={frames} theme={theme} overrides />);
  // The floor: the same bars from the raw frames, without Grafana's field processing.
  const barsRaw = () => wrap(<BucketBars frames={frames} theme={theme} overrides={false} />);
  const sides = [panelSide(stage, plugin, options), bars, barsRaw];
  if (withTimeSeries) {
    sides.push(timeSeriesSide(stage, theme));
  }
  let panelCanvases = 0;
  let scorecardRows = 0;
  let latencyRows = 0;
  const [panelMs, barsMs, barsRawMs, timeSeriesMs = []] = await alternateSides(
    root,
    sides,
    rounds,
    (side) => {
      if (side === 0) {
        // What the panel drew, so the bench can check it rendered the data and not an error or no-data box.
        panelCanvases = document.querySelectorAll('canvas').length;
        scorecardRows = document.querySelectorAll('[data-testid^="vigil-tradeflow-score-"]').length;
        latencyRows = document.querySelectorAll('[data-testid^="vigil-tradeflow-latency-venue-"]').length;
      }
    },
  );
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
