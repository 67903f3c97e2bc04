import {
  applyFieldOverrides,
  createDataFrame,
  dateTime,
  FieldType,
  type DataFrame,
  type TimeRange,
} from '@grafana/data';
import { LegendDisplayMode, type TimeZone } from '@grafana/schema';
import { TimeSeries, useTheme2 } from '@grafana/ui';
import React, { useMemo } from 'react';

import type { SloModel } from '../data/model';
import { minMaxDownsample } from '../data/downsample';
import { idealRemaining } from '../slo/forecast';
import { testIds } from '../testIds';

interface Props {
  slo: SloModel;
  end: number;
  width: number;
  height: number;
  timeZone: TimeZone;
  color: string;
}

/**
 * Budget remaining over the SLO window ending at `end`, against the ideal line that spends the budget evenly
 * from 100 % at the window's start to 0 % at its end. Drawn with @grafana/ui's uPlot TimeSeries.
 */
export function BudgetChart({ slo, end, width, height, timeZone, color }: Props) {
  const theme = useTheme2();
  const start = end - slo.periodSeconds * 1000;
  const frames = useMemo<DataFrame[]>(() => {
    // At most ~2 points per pixel column: uPlot cannot show more, and 30 days of 1-minute points cost.
    const { times, values: remaining } = minMaxDownsample(
      slo.history.times,
      slo.history.remaining,
      start,
      end,
      Math.max(16, width),
    );
    const frame = createDataFrame({
      name: slo.slo,
      fields: [
        { name: 'Time', type: FieldType.time, values: times },
        {
          name: 'Budget remaining',
          type: FieldType.number,
          values: remaining,
          config: { color: { mode: 'fixed', fixedColor: color } },
        },
      ],
    });
    const ideal = createDataFrame({
      name: 'ideal',
      fields: [
        { name: 'Time', type: FieldType.time, values: [start, end] },
        {
          name: 'Ideal',
          type: FieldType.number,
          values: [
            idealRemaining(start, start, slo.periodSeconds),
            idealRemaining(start, end, slo.periodSeconds),
          ],
          config: {
            color: { mode: 'fixed', fixedColor: theme.colors.text.secondary },
            custom: { lineStyle: { fill: 'dash', dash: [6, 4] }, fillOpacity: 0 },
          },
        },
      ],
    });
    return applyFieldOverrides({
      data: [frame, ideal],
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          min: Math.min(0, ...remaining.filter((v): v is number => v !== null)),
          max: 1,
          custom: {
            drawStyle: 'line',
            lineWidth: 2,
            fillOpacity: 10,
            showPoints: 'auto',
            spanNulls: true,
            axisSoftMin: 0,
          },
        },
        overrides: [],
      },
      replaceVariables: (s: string) => s,
      theme,
      timeZone,
    });
  }, [slo, start, end, width, color, theme, timeZone]);
  const timeRange: TimeRange = useMemo(
    () => ({ from: dateTime(start), to: dateTime(end), raw: { from: dateTime(start), to: dateTime(end) } }),
    [start, end],
  );
  return (
    <div data-testid={testIds.chart(slo.slo)} data-points={frames[0]?.length ?? 0}>
      <TimeSeries
        frames={frames}
        width={width}
        height={height}
        timeRange={timeRange}
        timeZone={timeZone}
        legend={{ showLegend: false, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] }}
      />
    </div>
  );
}
