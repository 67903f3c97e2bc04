// First-render benchmark, run by bench/src/slo-panel-first-render.bench.ts in headless Chromium: the same frames
// (7 SLOs × every recorded series × 30 days of 1-minute points) rendered by a plugin panel and by @grafana/ui's
// TimeSeries, alternately, each from a fresh mount to the frame after React committed.
import {
  applyFieldOverrides,
  createDataFrame,
  dateTime,
  FieldType,
  type DataFrame,
  type GrafanaTheme2,
  type PanelPlugin,
  type TimeRange,
} from '@grafana/data';
import { TimeSeries } from '@grafana/ui';
import React from 'react';
import type { Root } from 'react-dom/client';
import { flushSync } from 'react-dom';

import type { BenchResult } from '../../src/bench-result';
import { PanelHost } from './PanelHost';

const MINUTE = 60_000;
const END = Date.UTC(2026, 10, 24, 12, 0, 0);
const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

function series(labels: Record<string, string>, times: number[], values: Float64Array): DataFrame {
  return createDataFrame({
    name: labels.__name__,
    fields: [
      { name: 'Time', type: FieldType.time, values: times },
      { name: 'Value', type: FieldType.number, values: Array.from(values), labels },
    ],
  });
}

/** Deterministic recorded SLO series: slow burn with a fast spike near the end for some SLOs. */
export function benchFrames(slos = 7, days = 30): DataFrame[] {
  const n = days * 24 * 60;
  const times = Array.from({ length: n }, (_, i) => END - (n - 1 - i) * MINUTE);
  const frames: DataFrame[] = [];
  for (let s = 0; s < slos; s++) {
    const slo = `bench-slo-${s + 1}`;
    const base = { slo, service: `svc-${s + 1}` };
    const ratio = new Float64Array(n).map(
      (_, i) => 0.001 * (1 + Math.sin(i / 500 + s)) + (s % 3 === 0 && i > n - 90 ? 0.1 : 0),
    );
    for (const w of WINDOWS) {
      frames.push(series({ __name__: `slo:sli_error:ratio_rate${w}`, ...base }, times, ratio));
    }
    const remaining = new Float64Array(n).map((_, i) => 1 - (i / n) * (0.3 + s * 0.1));
    frames.push(series({ __name__: 'slo:period_error_budget_remaining:ratio', ...base }, times, remaining));
    frames.push(series({ __name__: 'slo:objective:ratio', ...base }, times, new Float64Array(n).fill(0.995)));
    frames.push(
      series({ __name__: 'slo:window:seconds', ...base }, times, new Float64Array(n).fill(days * 86400)),
    );
  }
  return frames;
}

export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Milliseconds from rendering `node` into an emptied root to the frame after React committed it. */
export async function timeRender(root: Root, node: () => React.ReactNode): Promise<number> {
  flushSync(() => root.render(null));
  await nextPaint();
  const t0 = performance.now();
  flushSync(() => root.render(node()));
  await nextPaint();
  return performance.now() - t0;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Grafana's field processing, as a Grafana panel gets its frames: part of each reference's timed render. */
export function processedFrames(frames: DataFrame[], theme: GrafanaTheme2, drawStyle: string): DataFrame[] {
  return applyFieldOverrides({
    data: frames,
    fieldConfig: { defaults: { custom: { drawStyle, lineWidth: 1, showPoints: 'never' } }, overrides: [] },
    replaceVariables: (s: string) => s,
    theme,
    timeZone: 'utc',
  });
}

export interface BenchStage {
  wrap: (n: React.ReactNode) => React.ReactNode;
  frames: DataFrame[];
  timeRange: TimeRange;
  width: number;
  height: number;
}

/** The plugin panel in the host's panel chrome, without its editor. */
export function panelSide(stage: BenchStage, plugin: PanelPlugin, options: Record<string, unknown>) {
  return () =>
    stage.wrap(
      <PanelHost
        plugin={plugin}
        title="bench"
        frames={stage.frames}
        timeRange={stage.timeRange}
        initialOptions={options}
        width={stage.width}
        height={stage.height}
        showEditor={false}
      />,
    );
}

/** @grafana/ui's TimeSeries fed the stage's frames after applyFieldOverrides, as Grafana's time series panel is. */
export function timeSeriesSide(stage: BenchStage, theme: GrafanaTheme2) {
  return () =>
    stage.wrap(
      <TimeSeries
        frames={processedFrames(stage.frames, theme, 'line')}
        width={stage.width}
        height={stage.height}
        timeRange={stage.timeRange}
        timeZone="utc"
        legend={{ showLegend: false, displayMode: 'list' as never, placement: 'bottom', calcs: [] }}
      />,
    );
}

/**
 * One warm-up of each side, then `rounds` rounds rendering each side in turn (so neither always runs on a warmer
 * JIT or heap); `afterEach(side)` runs right after a side's timed render, to read what it drew. Milliseconds per side.
 */
export async function alternateSides(
  root: Root,
  sides: Array<() => React.ReactNode>,
  rounds: number,
  afterEach: (side: number) => void = () => undefined,
): Promise<number[][]> {
  for (const side of sides) {
    await timeRender(root, side);
  }
  const ms = sides.map((): number[] => []);
  for (let i = 0; i < rounds; i++) {
    for (const [s, side] of sides.entries()) {
      ms[s].push(await timeRender(root, side));
      afterEach(s);
    }
  }
  return ms;
}

/** What the host page hands every first-render bench: where to render, the plugin under test and how often. */
export interface BenchRun {
  root: Root;
  wrap: (n: React.ReactNode) => React.ReactNode;
  plugin: PanelPlugin;
  options: Record<string, unknown>;
  theme: GrafanaTheme2;
  rounds: number;
}

export async function runFirstRenderBench({
  root,
  wrap,
  plugin,
  options,
  theme,
  rounds,
}: BenchRun): Promise<BenchResult> {
  const stage: BenchStage = {
    wrap,
    frames: benchFrames(),
    timeRange: {
      from: dateTime(END - 30 * 86400_000),
      to: dateTime(END),
      raw: { from: 'now-30d', to: 'now' },
    },
    width: 1400,
    height: 1200,
  };
  let panelCanvases = 0;
  const [panelMs, timeSeriesMs] = await alternateSides(
    root,
    [panelSide(stage, plugin, options), timeSeriesSide(stage, theme)],
    rounds,
    (side) => {
      if (side === 0) {
        panelCanvases = document.querySelectorAll('canvas').length;
      }
    },
  );
  return {
    points: stage.frames.reduce((sum, f) => sum + f.length, 0),
    panelCanvases,
    panelMs,
    timeSeriesMs,
    panelMedianMs: median(panelMs),
    timeSeriesMedianMs: median(timeSeriesMs),
  };
}
