// Frames in the shapes Grafana's Prometheus datasource gives a panel (see src/data/frames.ts).
import { createDataFrame, DataFrameType, FieldType, type DataFrame } from '@grafana/data';

import type { Role } from '../queries';
import type { RawSample } from './histograms';

/** Fixed "now" for tests (TZ=UTC, see jest.config.js). */
export const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

/** One series of an instant query (format time series): Time + Value with the series' labels. */
export function instantFrame(refId: string, labels: Record<string, string>, value: number | null): DataFrame {
  return createDataFrame({
    refId,
    meta: { type: DataFrameType.NumericMulti, custom: { resultType: 'vector' } },
    fields: [
      { name: 'Time', type: FieldType.time, values: [NOW] },
      { name: 'Value', type: FieldType.number, values: [value], labels },
    ],
  });
}

/** One series of a range query: Time + Value over several steps. */
export function rangeFrame(
  refId: string,
  labels: Record<string, string>,
  points: Array<[number, number | null]>,
): DataFrame {
  return createDataFrame({
    refId,
    meta: { type: DataFrameType.TimeSeriesMulti, custom: { resultType: 'matrix' } },
    fields: [
      { name: 'Time', type: FieldType.time, values: points.map((p) => p[0]) },
      { name: 'Value', type: FieldType.number, values: points.map((p) => p[1]), labels },
    ],
  });
}

/**
 * A query's series as one table (format table), as Grafana's transformDFToTable builds it: Time, one string
 * field per label (sorted), then "Value" (or "Value #<refId>" when the panel has several queries).
 */
export function tableFrame(
  refId: string,
  samples: RawSample[],
  valueName = `Value #${refId}`,
  time = NOW,
): DataFrame {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.labels)))].sort();
  return createDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: samples.map(() => time) },
      ...names.map((n) => ({
        name: n,
        type: FieldType.string,
        values: samples.map((s) => s.labels[n] ?? ''),
        config: { filterable: true },
      })),
      { name: valueName, type: FieldType.number, values: samples.map((s) => Number(s.value)) },
    ],
  });
}

/** Every role's samples as instant time-series frames (one frame per series). */
export function instantFrames(series: Partial<Record<Role, RawSample[]>>): DataFrame[] {
  return Object.entries(series).flatMap(([role, samples]) =>
    (samples ?? []).map((s) => instantFrame(role, s.labels, Number(s.value))),
  );
}
