import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';

export interface PromQuery {
  refId: string;
  expr: string;
  /** Optional legend, as Grafana's legendFormat (only {{label}} substitution). */
  legendFormat?: string;
  /** An instant query at the range's end (Grafana's _Type: Instant_), instead of a range query. */
  instant?: boolean;
}

/**
 * Grafana's range variables in an expression, as its Prometheus datasource interpolates them before sending:
 * `$__range` / `${__range}` (e.g. `3600s`), `$__range_s` and `$__range_ms`.
 */
export function interpolateRange(expr: string, rangeSeconds: number): string {
  const s = Math.round(rangeSeconds);
  return expr
    .replace(/\$\{?__range_ms\}?/g, String(s * 1000))
    .replace(/\$\{?__range_s\}?/g, String(s))
    .replace(/\$\{?__range\}?/g, `${s}s`);
}

interface MatrixResult {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

function legend(format: string | undefined, labels: Record<string, string>): string | undefined {
  return format?.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => labels[k] ?? '');
}

/** A Prometheus matrix as Grafana's Prometheus datasource shapes it: one frame per series, Time + Value. */
export function matrixToFrames(refId: string, result: MatrixResult[], legendFormat?: string): DataFrame[] {
  return result.map((series) => {
    const name = legend(legendFormat, series.metric) ?? series.metric.__name__;
    return createDataFrame({
      refId,
      name,
      fields: [
        { name: 'Time', type: FieldType.time, values: series.values.map((v) => v[0] * 1000) },
        {
          name: 'Value',
          type: FieldType.number,
          values: series.values.map((v) => Number(v[1])),
          labels: series.metric,
          config: name ? { displayNameFromDS: name } : {},
        },
      ],
    });
  });
}

async function promGet(q: PromQuery, path: string, params: URLSearchParams) {
  const res = await fetch(`/api/prom/api/v1/${path}?${params}`);
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok || body.status !== 'success') {
    throw new Error(`query ${q.refId} (${q.expr}): ${body.error ?? `HTTP ${res.status}`}`);
  }
  return body.data;
}

/** Runs one instant query at `toMs`: a vector, shaped like a one-point matrix (as Grafana frames it). */
export async function queryInstant(q: PromQuery, toMs: number, rangeSeconds: number): Promise<DataFrame[]> {
  const params = new URLSearchParams({ query: interpolateRange(q.expr, rangeSeconds), time: String(toMs / 1000) });
  const data = await promGet(q, 'query', params);
  if (data.resultType !== 'vector') {
    throw new Error(`query ${q.refId}: expected a vector, got ${data.resultType}`);
  }
  const series = (data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map((r) => ({ metric: r.metric, values: [r.value] }));
  return matrixToFrames(q.refId, series, q.legendFormat);
}

/** Runs one query_range through the host server's /api/prom proxy; errors carry Prometheus' own message. */
export async function queryRange(
  q: PromQuery,
  fromMs: number,
  toMs: number,
  stepSeconds: number,
): Promise<DataFrame[]> {
  const params = new URLSearchParams({
    query: interpolateRange(q.expr, (toMs - fromMs) / 1000),
    start: String(fromMs / 1000),
    end: String(toMs / 1000),
    step: String(stepSeconds),
  });
  const data = await promGet(q, 'query_range', params);
  if (data.resultType !== 'matrix') {
    throw new Error(`query ${q.refId}: expected a matrix, got ${data.resultType}`);
  }
  return matrixToFrames(q.refId, data.result, q.legendFormat);
}
