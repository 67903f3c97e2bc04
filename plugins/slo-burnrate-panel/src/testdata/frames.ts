import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';

/** A Prometheus-style frame (Time + Value with labels incl. __name__), as Grafana's datasource returns. */
export function promFrame(labels: Record<string, string>, points: Array<[number, number]>): DataFrame {
  return createDataFrame({
    refId: 'A',
    fields: [
      { name: 'Time', type: FieldType.time, values: points.map((p) => p[0]) },
      { name: 'Value', type: FieldType.number, values: points.map((p) => p[1]), labels },
    ],
  });
}

/** Fixed "now" for tests (TZ=UTC, see jest.config.js). */
export const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
