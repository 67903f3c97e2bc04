import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';

export interface PromQuery {
  refId: string;
  expr: string;
  /** Optional legend, as Grafana's legendFormat (only {{label}} substitution). */
  legendFormat?: string;
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

/** Runs one query_range through the host server's /api/prom proxy; errors carry Prometheus' own message. */
export async function queryRange(
  q: PromQuery,
  fromMs: number,
  toMs: number,
  stepSeconds: number,
): Promise<DataFrame[]> {
  const params = new URLSearchParams({
    query: q.expr,
    start: String(fromMs / 1000),
    end: String(toMs / 1000),
    step: String(stepSeconds),
  });
  const res = await fetch(`/api/prom/api/v1/query_range?${params}`);
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok || body.status !== 'success') {
    throw new Error(`query ${q.refId} (${q.expr}): ${body.error ?? `HTTP ${res.status}`}`);
  }
  if (body.data.resultType !== 'matrix') {
    throw new Error(`query ${q.refId}: expected a matrix, got ${body.data.resultType}`);
  }
  return matrixToFrames(q.refId, body.data.result, q.legendFormat);
}
