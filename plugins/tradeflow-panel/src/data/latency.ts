// Ack, first-fill and completion latency percentiles by venue (and over all venues), each computed from the
// merged buckets exactly as histogram_quantile(q, sum by (venue, le) (...)) would.
import type { Sample } from './frames';
import { groupHistograms, histogramQuantile, mergeHistograms, observations } from './histogram';
import { labelOf } from './selection';

export const STAGES = ['ack', 'first_fill', 'completion'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageLatency {
  /** Quantile (0..1) → seconds; NaN where Prometheus gives NaN (no observations). */
  quantiles: Map<number, number>;
  observations: number;
}

export interface VenueLatency {
  venue: string;
  /** The row over all venues. */
  all: boolean;
  stages: Partial<Record<Stage, StageLatency>>;
}

/** Rows for every venue with any observation, then the row over all venues. */
export function latencyByVenue(
  stages: Partial<Record<Stage, readonly Sample[]>>,
  quantiles: readonly number[],
): { rows: VenueLatency[]; skipped: number } {
  const rows = new Map<string, VenueLatency>();
  const all: VenueLatency = { venue: '', all: true, stages: {} };
  let skipped = 0;
  const stat = (buckets: Parameters<typeof histogramQuantile>[1]): StageLatency => ({
    quantiles: new Map(quantiles.map((q) => [q, histogramQuantile(q, buckets)])),
    observations: observations(buckets),
  });
  for (const stage of STAGES) {
    const samples = stages[stage];
    if (!samples) {
      continue;
    }
    const grouped = groupHistograms(samples, (l) => labelOf(l, 'venue'));
    skipped += grouped.skipped;
    for (const [venue, buckets] of grouped.byKey) {
      const row = rows.get(venue) ?? { venue, all: false, stages: {} };
      row.stages[stage] = stat(buckets);
      rows.set(venue, row);
    }
    all.stages[stage] = stat(mergeHistograms(grouped.byKey.values()));
  }
  const sorted = [...rows.values()].sort((a, b) => a.venue.localeCompare(b.venue));
  return { rows: rows.size > 0 ? [...sorted, all] : [], skipped };
}

/** Parses "50, 95, 99" (percent) or "0.5 0.95" (ratios) into quantiles; throws naming a bad entry. */
export function parsePercentiles(text: string): number[] {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) {
    throw new Error('Latency percentiles: expected numbers such as "50, 95, 99"');
  }
  const out = parts.map((p) => {
    const v = Number(p.replace(/^p/i, ''));
    if (!Number.isFinite(v) || v <= 0 || v >= 100) {
      throw new Error(`Latency percentiles: "${p}" is not a percentile between 0 and 100 (exclusive)`);
    }
    return v < 1 ? v : Number((v / 100).toPrecision(12));
  });
  return [...new Set(out)].sort((a, b) => a - b);
}
