import { FieldType, type DataFrame, type Field, type Labels } from '@grafana/data';

import { ALL_SERIES } from './series';

/** One time series pulled out of a data frame: its metric name (if known), labels and points. */
export interface Series {
  metric?: string;
  labels: Labels;
  times: number[];
  values: number[];
  /** The name to show for raw series with no `slo` label. */
  displayName: string;
}

const KNOWN = new Set(ALL_SERIES);

function metricName(frame: DataFrame, field: Field): string | undefined {
  const candidates = [
    field.labels?.__name__,
    field.config?.displayNameFromDS,
    field.config?.displayName,
    frame.name,
    field.name,
  ];
  return candidates.find((c): c is string => typeof c === 'string' && KNOWN.has(c));
}

/**
 * Flattens frames (wide or long Prometheus frames: one time field and one or more number fields) into series.
 * Frames with no time or number field are reported back so the panel can name them.
 */
export function framesToSeries(frames: DataFrame[]): { series: Series[]; unusable: string[] } {
  const series: Series[] = [];
  const unusable: string[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const numbers = frame.fields.filter((f) => f.type === FieldType.number);
    if (!time || numbers.length === 0) {
      unusable.push(frame.name ?? frame.refId ?? 'unnamed frame');
      continue;
    }
    for (const field of numbers) {
      const labels: Labels = { ...(field.labels ?? {}) };
      // No copy: 30 days of 1-minute points per series add up; readers skip null and NaN themselves.
      series.push({
        metric: metricName(frame, field),
        labels,
        times: time.values as number[],
        values: field.values as number[],
        displayName: field.config?.displayNameFromDS ?? frame.name ?? field.name,
      });
    }
  }
  return { series, unusable };
}

/** A real number (frames may hold null for missing steps, and NaN for 0/0). */
export function isValue(v: unknown): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}

/** The last real value of a series, the way a panel reads "now"; NaN if it only holds NaN. */
export function lastValue(s: Series | undefined): number | undefined {
  if (!s) {
    return undefined;
  }
  for (let i = s.values.length - 1; i >= 0; i--) {
    if (isValue(s.values[i])) {
      return s.values[i];
    }
  }
  return s.values.some((v) => typeof v === 'number') ? NaN : undefined;
}
