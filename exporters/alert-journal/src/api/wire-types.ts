// The JSON shapes the journal's REST API answers with, for clients written in TypeScript (the alerts app imports
// them with `import type` from `@vigil/alert-journal/api-types`, so the two cannot drift apart). Types only: this
// module has no runtime code. The OpenAPI document (openapi.ts) describes the same shapes for other clients.
import type { Occurrence } from '../store/occurrence.js';

export type { Occurrence } from '../store/occurrence.js';
export type { GroupStats, StatsReport } from '../stats.js';
export type { BacktestResult } from '../insights/backtest.js';
import type { Heatmap } from '../insights/heatmap.js';

/** GET /api/v1/alerts/heatmap: the grid, for one alert name or (null) for all. */
export interface HeatmapReport extends Heatmap {
  alertname: string | null;
}

/** One open acknowledgement, as GET /api/v1/alerts/acks lists them. */
export interface OpenAck {
  fingerprint: string;
  occurrence_id: number;
  owner: string | null;
  ticket: string | null;
  comment: string | null;
  acknowledged_at: string | null;
  silence_id: string | null;
}

/** POST /api/v1/alerts/{id}/ack. */
export interface AckResult {
  occurrence: Occurrence;
  silence_id: string | null;
}
