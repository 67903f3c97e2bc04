// Everything the panel draws, from the frames, the options and what the operator clicked.
import type { DataFrame } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';

import { ROLE_SPECS, roleOfExpr, type Role } from '../queries';
import { SECTIONS, type Section, type TradeFlowOptions } from '../types';
import { buildFlow, type FlowModel } from './flow';
import { readFrames, type ReadFrames, type Sample } from './frames';
import { groupHistograms } from './histogram';
import { latencyByVenue, parsePercentiles, type VenueLatency } from './latency';
import { rejectReasons, type RejectReason } from './rejects';
import { rankVenues, scoreVenues, type VenueScore } from './scorecard';
import { FILTER_DIMENSIONS, applySelection, type Dimension, type Selection } from './selection';
import { signedSlippage, type SignedSlippage } from './slippage';

export interface PanelModel {
  /** `no-data`: not one query returned a series; the panel says so instead of drawing empty parts. */
  state: 'ready' | 'no-data';
  /** About the data as a whole: unknown queries, malformed buckets, bad options, unbalanced flows. */
  problems: string[];
  /** Per part of the panel, the series it needs and did not get, named. */
  missing: Record<Section, string[]>;
  /** Selected dimensions some series do not carry, with the queries concerned. */
  notApplied: Array<{ dimension: Dimension; roles: Role[] }>;
  /** The values present for each dimension (before the selection), for the filter bar. */
  values: Record<Dimension, string[]>;
  flow?: FlowModel;
  slippage?: SignedSlippage;
  quantiles: number[];
  latency: VenueLatency[];
  rejects: RejectReason[];
  submitted?: number;
  scorecard: VenueScore[];
}

const FALLBACK_QUANTILES = [0.5, 0.95, 0.99];

function needs(options: TradeFlowOptions): Record<Section, Role[]> {
  return {
    flow:
      options.flowMeasure === 'count'
        ? ['transitions', 'submitted', 'completed']
        : ['transition_qty', 'requested_qty'],
    slippage: ['slippage_adverse', 'slippage_favorable'],
    latency: ['ack', 'first_fill', 'completion'],
    rejects: ['rejects'],
    scorecard: [
      'markout_sum',
      'markout_count',
      'completed',
      'fill_ratio_sum',
      'fill_ratio_count',
      'slippage_sum',
      'slippage_adverse',
      'shortfall_sum',
      'shortfall_count',
    ],
  };
}

function missingName(role: Role, read: ReadFrames, targets: DataQuery[]): string {
  const metric = ROLE_SPECS[role].metric;
  if (read.answered.has(role)) {
    return `${metric} (query ${role} returned no series)`;
  }
  const asked = targets.some(
    (t) => t.refId === role || roleOfExpr((t as DataQuery & { expr?: string }).expr) === role,
  );
  return targets.length > 0 && !asked ? `${metric} (no query ${role})` : `${metric} (no series)`;
}

export interface ModelInput {
  frames: DataFrame[];
  targets?: DataQuery[];
  options: TradeFlowOptions;
  selection: Selection;
}

/** Builds the panel model; never throws on bad data or options, it reports them in `problems`. */
export function buildModel({ frames, targets = [], options, selection }: ModelInput): PanelModel {
  const read = readFrames(frames, targets);
  const problems: string[] = read.unknown.map(
    (refId) => `Query ${refId} is not one of the panel's queries (by refId or metric); it is ignored`,
  );
  const values = Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, new Set<string>()])) as Record<
    Dimension,
    Set<string>
  >;
  const notApplied = new Map<Dimension, Role[]>();
  const data = new Map<Role, Sample[]>();
  for (const [role, samples] of read.samples) {
    for (const s of samples) {
      for (const d of FILTER_DIMENSIONS) {
        if (s.labels[d] !== undefined) {
          values[d].add(s.labels[d]);
        }
      }
    }
    const filtered = applySelection(samples, selection);
    for (const d of filtered.notApplied) {
      notApplied.set(d, [...(notApplied.get(d) ?? []), role]);
    }
    data.set(role, filtered.samples);
  }
  const has = (role: Role) => (read.samples.get(role)?.length ?? 0) > 0;
  const get = (role: Role) => (has(role) ? data.get(role)! : undefined);

  const required = needs(options);
  const missing = Object.fromEntries(
    SECTIONS.map((s) => [s, required[s].filter((r) => !has(r)).map((r) => missingName(r, read, targets))]),
  ) as Record<Section, string[]>;

  let quantiles = FALLBACK_QUANTILES;
  try {
    quantiles = parsePercentiles(options.latencyPercentiles);
  } catch (e) {
    problems.push(`${e instanceof Error ? e.message : String(e)}; showing p50, p95, p99`);
  }

  const count = options.flowMeasure === 'count';
  const transitions = get(count ? 'transitions' : 'transition_qty');
  const flow = transitions
    ? buildFlow({
        transitions,
        entered: get(count ? 'submitted' : 'requested_qty') ?? [],
        completed: count ? get('completed') : undefined,
        completedSamples: count ? get('completed_samples') : undefined,
        measure: options.flowMeasure,
        groupBy: options.flowGroupBy,
        maxGroups: options.maxGroups,
      })
    : undefined;
  if (flow) {
    problems.push(...flow.problems);
  }

  const adverse = get('slippage_adverse');
  const favorable = get('slippage_favorable');
  let skipped = 0;
  const merged = (samples: Sample[]) => {
    const g = groupHistograms(samples, () => '');
    skipped += g.skipped;
    return g.byKey.get('') ?? [];
  };
  const slippage = adverse && favorable ? signedSlippage(merged(adverse), merged(favorable)) : undefined;

  const latency = latencyByVenue(
    { ack: get('ack'), first_fill: get('first_fill'), completion: get('completion') },
    quantiles,
  );
  skipped += latency.skipped;
  if (skipped > 0) {
    problems.push(`${skipped} bucket series without a usable le label were left out of the histograms`);
  }

  const rejects = get('rejects');
  const submitted = get('submitted');
  const scorecard = rankVenues(
    scoreVenues({
      submitted,
      rejects,
      completed: get('completed'),
      fillRatioSum: get('fill_ratio_sum'),
      fillRatioCount: get('fill_ratio_count'),
      slippageSum: get('slippage_sum'),
      slippageAdverse: adverse,
      shortfallSum: get('shortfall_sum'),
      shortfallCount: get('shortfall_count'),
      markoutSum: get('markout_sum'),
      markoutCount: get('markout_count'),
      benchmark: options.benchmark,
    }),
    options.rankBy,
    options.markoutHorizon,
  );

  return {
    state: read.samples.size === 0 ? 'no-data' : 'ready',
    problems,
    missing,
    notApplied: [...notApplied].map(([dimension, roles]) => ({ dimension, roles })),
    values: Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, [...values[d]].sort()])) as Record<
      Dimension,
      string[]
    >,
    flow,
    slippage,
    quantiles,
    latency: latency.rows,
    rejects: rejects ? rejectReasons(rejects) : [],
    submitted: submitted?.reduce((s, x) => s + (Number.isNaN(x.value) ? 0 : x.value), 0),
    scorecard,
  };
}
