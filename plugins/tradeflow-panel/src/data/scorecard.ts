// The venue scorecard: per venue, the markout curve (mean signed markout at each horizon), fill ratio, mean
// signed slippage, mean implementation shortfall and reject rate, ranked worst first by one of them.
// Means are pooled (sum of sums over sum of counts), so a venue's figure weighs each fill or order once.
import type { Labels, Sample } from './frames';
import { groupHistograms, observations } from './histogram';
import { labelOf, sumBy } from './selection';

export type RankBy = 'markout' | 'slippage' | 'shortfall' | 'rejectRate' | 'fillRatio';
export type Benchmark = 'decision' | 'arrival';

export interface MarkoutPoint {
  horizon: string;
  seconds: number;
  mean: number;
  fills: number;
}

export interface VenueScore {
  venue: string;
  submitted?: number;
  rejects?: number;
  rejectRate?: number;
  fillRatio?: number;
  /** The final orders the fill ratio is the mean over. */
  fillOrders?: number;
  slippage?: number;
  slippageFills?: number;
  shortfall?: number;
  shortfallOrders?: number;
  markouts: MarkoutPoint[];
}

export interface ScorecardInput {
  submitted?: readonly Sample[];
  rejects?: readonly Sample[];
  /**
   * trading_orders_completed_total by final_status: the reject rate is the rejected share of the orders that
   * reached a final status. Its four series are created at 0 with a label set, so increase() loses nothing of a
   * label set's first rejects, as it did of trading_order_rejects_total (a reason's series is created by its first
   * reject) and of trading_orders_submitted_total (created by the first order).
   */
  completed?: readonly Sample[];
  /**
   * trading_order_fill_ratio's _sum and _count: each order's filled over requested quantity (at most 1), observed
   * when the order reaches its final status, so both count the same orders and start together.
   */
  fillRatioSum?: readonly Sample[];
  fillRatioCount?: readonly Sample[];
  /** Signed slippage sums (adverse − favourable) and the adverse histogram for the fill count. */
  slippageSum?: readonly Sample[];
  slippageAdverse?: readonly Sample[];
  shortfallSum?: readonly Sample[];
  shortfallCount?: readonly Sample[];
  markoutSum?: readonly Sample[];
  markoutCount?: readonly Sample[];
  benchmark: Benchmark;
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Seconds of a markout horizon label ("1s", "500ms", "2m"); NaN when it is not a duration. */
export function horizonSeconds(horizon: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(horizon);
  return m ? Number(m[1]) * UNIT_SECONDS[m[2]] : NaN;
}

const venueOf = (l: Labels) => labelOf(l, 'venue');

function ratio(num: number | undefined, den: number | undefined): number | undefined {
  return num !== undefined && den !== undefined && den > 0 ? num / den : undefined;
}

/**
 * A mean of ratios that are each at most 1 is at most 1; increase() can still put the sum a hair above the count
 * when a label set's series start inside the range (each series' start extrapolation is its own), so it is capped.
 */
function capped(v: number | undefined): number | undefined {
  return v === undefined ? undefined : Math.min(1, v);
}

function markoutCurves(sums: readonly Sample[], counts: readonly Sample[]): Map<string, MarkoutPoint[]> {
  const key = (l: Labels) => `${venueOf(l)}\u0000${labelOf(l, 'horizon')}`;
  const sum = sumBy(sums, key);
  const count = sumBy(counts, key);
  const out = new Map<string, MarkoutPoint[]>();
  for (const [k, fills] of count) {
    const [venue, horizon] = k.split('\u0000');
    const s = sum.get(k);
    if (!(fills > 0) || s === undefined) {
      continue;
    }
    const list = out.get(venue) ?? [];
    list.push({ horizon, seconds: horizonSeconds(horizon), mean: s / fills, fills });
    out.set(venue, list);
  }
  for (const list of out.values()) {
    list.sort((a, b) => a.seconds - b.seconds || a.horizon.localeCompare(b.horizon));
  }
  return out;
}

/** One row per venue seen in any of the inputs, unranked. */
export function scoreVenues(input: ScorecardInput): VenueScore[] {
  const forBenchmark = (list: readonly Sample[] | undefined) =>
    (list ?? []).filter((s) => (s.labels.benchmark ?? input.benchmark) === input.benchmark);
  const submitted = sumBy(input.submitted ?? [], venueOf);
  const rejects = sumBy(input.rejects ?? [], venueOf);
  const finals = sumBy(input.completed ?? [], venueOf);
  const rejectedFinals = sumBy(
    (input.completed ?? []).filter((s) => labelOf(s.labels, 'final_status') === 'rejected'),
    venueOf,
  );
  const fillRatioSum = sumBy(input.fillRatioSum ?? [], venueOf);
  const fillOrders = sumBy(input.fillRatioCount ?? [], venueOf);
  const slippageSum = sumBy(input.slippageSum ?? [], venueOf);
  const fills = new Map(
    [...groupHistograms(input.slippageAdverse ?? [], venueOf).byKey].map(([v, h]) => [v, observations(h)]),
  );
  const shortfallSum = sumBy(forBenchmark(input.shortfallSum), venueOf);
  const shortfallCount = sumBy(forBenchmark(input.shortfallCount), venueOf);
  const markouts = markoutCurves(input.markoutSum ?? [], input.markoutCount ?? []);

  const venues = new Set<string>();
  for (const m of [submitted, rejects, finals, fillOrders, slippageSum, fills, shortfallCount, markouts]) {
    for (const v of m.keys()) {
      venues.add(v);
    }
  }
  return [...venues].map((venue) => ({
    venue,
    submitted: submitted.get(venue),
    rejects: input.rejects ? (rejects.get(venue) ?? 0) : undefined,
    rejectRate: input.completed ? ratio(rejectedFinals.get(venue) ?? 0, finals.get(venue)) : undefined,
    fillRatio: capped(ratio(fillRatioSum.get(venue), fillOrders.get(venue))),
    fillOrders: fillOrders.get(venue),
    slippage: ratio(slippageSum.get(venue), fills.get(venue)),
    slippageFills: fills.get(venue),
    shortfall: ratio(shortfallSum.get(venue), shortfallCount.get(venue)),
    shortfallOrders: shortfallCount.get(venue),
    markouts: markouts.get(venue) ?? [],
  }));
}

/** A venue's figure as shown (fill ratio and reject rate as ratios, the others signed, positive = cost). */
export function figure(row: VenueScore, by: RankBy, horizon: string): number | undefined {
  switch (by) {
    case 'markout':
      return row.markouts.find((p) => p.horizon === horizon)?.mean;
    case 'slippage':
      return row.slippage;
    case 'shortfall':
      return row.shortfall;
    case 'rejectRate':
      return row.rejectRate;
    case 'fillRatio':
      return row.fillRatio;
  }
}

/** The figure oriented so that larger is worse (a low fill ratio is bad); undefined when unknown. */
export function badness(row: VenueScore, by: RankBy, horizon: string): number | undefined {
  const v = figure(row, by, horizon);
  return by === 'fillRatio' && v !== undefined ? -v : v;
}

/** Worst first; venues without the figure go last, in name order, as do ties. */
export function rankVenues(rows: readonly VenueScore[], by: RankBy, horizon: string): VenueScore[] {
  return [...rows].sort((a, b) => {
    const x = badness(a, by, horizon);
    const y = badness(b, by, horizon);
    const known = (v: number | undefined) => v !== undefined && !Number.isNaN(v);
    if (known(x) !== known(y)) {
      return known(x) ? -1 : 1;
    }
    if (known(x) && known(y) && x !== y) {
      return y! - x!;
    }
    return a.venue.localeCompare(b.venue);
  });
}
