// Incidents the simulator can inject, each a documented change in the distributions it draws from, strong
// enough to trip the matching alert in provisioning/prometheus/rules. Scheduled with
// `--incident NAME@START[:DURATION]` or started over the control endpoint.
import { parseDuration } from '@vigil/exporter-kit';
import { TOXIC_IMPACT_BP } from './quotes.js';

export const INCIDENT_NAMES = [
  'slippage-spike',
  'latency-spike',
  'reject-storm',
  'fill-rate-collapse',
  'model-degradation',
  'drawdown',
  'venue-outage',
  'strategy-slowdown',
  'toxic-venue',
  'position-buildup',
] as const;

export type IncidentName = (typeof INCIDENT_NAMES)[number];

/**
 * Median decision cycle of the slowed strategy under strategy-slowdown, whatever its normal median: with the
 * simulator's σ 0.6, ≈ 93% of cycles take over 500 ms, burning the 95% SLO's 5% budget ≈ 18× too fast.
 */
export const STRATEGY_SLOWDOWN_MEDIAN_S = 1.2;
/**
 * Long notional every strategy steers each of its positions to under position-buildup, instead of flat: 16 per
 * venue and asset, so each venue's and asset's net (640k) passes its limit (500k, 300k) and desk-1's VaR (≈ 4×
 * its normal level) passes its 400k limit.
 */
export const BUILDUP_POSITION_NOTIONAL = 40_000;
/** Incidents aimed at one venue or one strategy (`NAME=TARGET@...`), and the field naming the target. */
export const TARGETED_INCIDENTS: Partial<Record<IncidentName, 'venue' | 'strategy'>> = {
  'venue-outage': 'venue',
  'reject-storm': 'venue',
  'toxic-venue': 'venue',
  'strategy-slowdown': 'strategy',
};

export const INCIDENT_DOCS: Record<IncidentName, { change: string; alert: string }> = {
  'slippage-spike': {
    change: 'adverse slippage per fill gains +15 bp on average and its noise triples (normal p95 ≈ 4 bp → ≈ 25 bp)',
    alert: 'HighAdverseSlippage (p95 adverse slippage > 10 bp for 5m)',
  },
  'latency-spike': {
    change: 'every venue latency (ack, fill, cancel) is 12× longer (normal p95 completion ≈ 0.5 s → ≈ 7 s)',
    alert: 'OrderCompletionSlow (p95 order completion > 1 s for 5m)',
  },
  'reject-storm': {
    change: 'reject probability 0.5% → 35% (reason rate_limited), on every venue or only the one named',
    alert: 'OrderRejectSpike (reject ratio > 5% and > 3× the previous hour)',
  },
  'fill-rate-collapse': {
    change: 'limit orders: 45% canceled unfilled and 35% canceled after 5–30% filled (quantity fill rate ≈ 98% → ≈ 50%, market orders still fill)',
    alert: 'LowFillRate (quantity fill rate < 95% for 5m)',
  },
  'model-degradation': {
    change: 'true accuracy of every model 92% → 55%',
    alert: 'ModelAccuracyLow (model accuracy < 80% for 5m)',
  },
  drawdown: {
    change: 'the portfolio loses 35% of its value over 60 s and stays down while the incident lasts, then recovers over 2 min',
    alert: 'TradingHalt (drawdown > 28% for 1m)',
  },
  'venue-outage': {
    change: 'one venue (the first, or the one named) answers nothing: every order there is rejected (venue_unavailable) after a 2 s timeout, no acks, no fills',
    alert: 'OrderRejectSpike and LowFillRate for that venue (ExchangeDown comes from the exchange exporter polls, not from simulated events)',
  },
  'strategy-slowdown': {
    change: `one strategy's (the first, or the one named) decision cycle slows to a median of ${STRATEGY_SLOWDOWN_MEDIAN_S} s (normally 15–120 ms): ≈ 93% of its cycles over 500 ms instead of < 1%`,
    alert: 'StrategyExecutionLatencyBudgetBurn (strategy-engine SLO: 95% of decision cycles < 500 ms)',
  },
  'toxic-venue': {
    change: `one venue's (the first, or the one named) fills are followed by adverse moves: each fill moves that venue's quoted mid ${TOXIC_IMPACT_BP} bp against it, fading over about 30 s (mean 5 s markout ≈ 1–1.5 bp → ≈ 12–15 bp there)`,
    alert: 'VenueAdverseSelection (mean 5 s markout > 5 bp for 5m)',
  },
  'position-buildup': {
    change: `the desk stops flattening: every strategy steers each of its positions to ${BUILDUP_POSITION_NOTIONAL / 1000}k long instead of flat (symbol-level inventory control off), reached within about 2 minutes; flattened again within minutes after`,
    alert: 'ValueAtRiskLimitExceeded (VaR > its limit for 5m) and ExposureLimitUtilisationHigh (net exposure per venue and asset over its limit)',
  },
};

export const DEFAULT_INCIDENT_DURATION_MS = 15 * 60_000;
const DRAWDOWN_DEPTH = 0.35;
const DRAWDOWN_RAMP_MS = 60_000;
const DRAWDOWN_RECOVERY_MS = 120_000;

export interface Incident {
  name: IncidentName;
  /** Epoch ms. */
  startsAt: number;
  endsAt: number;
  venue?: string;
  strategy?: string;
}

export class IncidentSpecError extends Error {}

/** Parses `NAME[=TARGET]@START[:DURATION]`, e.g. `slippage-spike@60s`, `venue-outage=okx@2m:10m`, `strategy-slowdown=stat-arb@1m`. */
export function parseIncidentSpec(spec: string, startedAt: number): Incident {
  const m = /^([a-z-]+)(?:=([^@:]+))?@([^:]+)(?::(.+))?$/.exec(spec.trim());
  if (!m) throw new IncidentSpecError(`--incident: expected NAME@START[:DURATION] such as slippage-spike@60s, got ${JSON.stringify(spec)}`);
  const [, name, target, start, duration] = m;
  if (!(INCIDENT_NAMES as readonly string[]).includes(name)) {
    throw new IncidentSpecError(`--incident: unknown incident ${JSON.stringify(name)}; expected one of ${INCIDENT_NAMES.join(', ')}`);
  }
  const offset = parseDuration(start);
  if (offset === undefined) throw new IncidentSpecError(`--incident ${spec}: START must be a duration such as 60s, got ${JSON.stringify(start)}`);
  const length = duration === undefined ? DEFAULT_INCIDENT_DURATION_MS : parseDuration(duration);
  if (length === undefined || length <= 0) throw new IncidentSpecError(`--incident ${spec}: DURATION must be a positive duration such as 10m`);
  const targetField = TARGETED_INCIDENTS[name as IncidentName];
  if (target !== undefined && !targetField) {
    throw new IncidentSpecError(`--incident ${spec}: only venue-outage, reject-storm and toxic-venue take =VENUE, and strategy-slowdown =STRATEGY`);
  }
  const incident: Incident = { name: name as IncidentName, startsAt: startedAt + offset, endsAt: startedAt + offset + length };
  if (target !== undefined && targetField) incident[targetField] = target;
  return incident;
}

/** What the active incidents do to the distributions at one moment. */
export interface Conditions {
  slippageExtraBp: number;
  slippageNoiseFactor: number;
  latencyFactor: number;
  rejectProbability: number;
  fillCollapse: boolean;
  modelAccuracy: number;
  downVenues: ReadonlySet<string>;
  /** Venues of a targeted reject-storm (35% rejects there only; an untargeted storm sets rejectProbability). */
  stormVenues: ReadonlySet<string>;
  /** Venues whose fills are followed by adverse moves (toxic-venue). */
  toxicVenues: ReadonlySet<string>;
  /** Strategies whose decision cycle has the median STRATEGY_SLOWDOWN_MEDIAN_S. */
  slowStrategies: ReadonlySet<string>;
  /** Notional each position is steered to (0: flat; position-buildup sets BUILDUP_POSITION_NOTIONAL). */
  positionTarget: number;
}

export const NORMAL: Conditions = {
  slippageExtraBp: 0,
  slippageNoiseFactor: 1,
  latencyFactor: 1,
  rejectProbability: 0.005,
  fillCollapse: false,
  modelAccuracy: 0.92,
  downVenues: new Set(),
  stormVenues: new Set(),
  toxicVenues: new Set(),
  slowStrategies: new Set(),
  positionTarget: 0,
};

/** Reject probability during a reject-storm. */
export const STORM_REJECT_PROBABILITY = 0.35;

export class IncidentSchedule {
  private incidents: Incident[] = [];

  constructor(
    private readonly defaultVenue: string,
    private readonly defaultStrategy: string,
  ) {}

  add(i: Incident): void {
    if (i.name === 'venue-outage' || i.name === 'toxic-venue') i = { ...i, venue: i.venue ?? this.defaultVenue };
    else if (i.name === 'strategy-slowdown') i = { ...i, strategy: i.strategy ?? this.defaultStrategy };
    this.incidents.push(i);
  }

  /** Ends every active or scheduled incident of that name; returns how many. */
  stop(name: IncidentName, now: number): number {
    let n = 0;
    for (const i of this.incidents) {
      if (i.name === name && i.endsAt > now) {
        i.endsAt = Math.max(i.startsAt, now);
        n++;
      }
    }
    return n;
  }

  list(now: number): Array<Incident & { active: boolean }> {
    return this.incidents.filter((i) => i.endsAt > now).map((i) => ({ ...i, active: i.startsAt <= now }));
  }

  /** Share of the portfolio lost to drawdown incidents: ramps to 35% over 60 s, recovers over 2 min after. */
  drawdownLoss(now: number): number {
    let loss = 0;
    for (const i of this.incidents) {
      if (i.name !== 'drawdown' || now < i.startsAt) continue;
      const levelAt = (t: number) => DRAWDOWN_DEPTH * Math.min(1, (t - i.startsAt) / DRAWDOWN_RAMP_MS);
      if (now < i.endsAt) loss = Math.max(loss, levelAt(now));
      else if (now < i.endsAt + DRAWDOWN_RECOVERY_MS) loss = Math.max(loss, levelAt(i.endsAt) * (1 - (now - i.endsAt) / DRAWDOWN_RECOVERY_MS));
    }
    return loss;
  }

  conditions(now: number): Conditions {
    const active = this.incidents.filter((i) => i.startsAt <= now && now < i.endsAt);
    if (active.length === 0) return NORMAL;
    const c: Conditions = { ...NORMAL, downVenues: new Set(), stormVenues: new Set(), toxicVenues: new Set(), slowStrategies: new Set() };
    const down = c.downVenues as Set<string>;
    const slow = c.slowStrategies as Set<string>;
    for (const i of active) {
      switch (i.name) {
        case 'slippage-spike':
          c.slippageExtraBp = 15;
          c.slippageNoiseFactor = 3;
          break;
        case 'latency-spike':
          c.latencyFactor = 12;
          break;
        case 'reject-storm':
          if (i.venue) (c.stormVenues as Set<string>).add(i.venue);
          else c.rejectProbability = STORM_REJECT_PROBABILITY;
          break;
        case 'toxic-venue':
          (c.toxicVenues as Set<string>).add(i.venue ?? this.defaultVenue);
          break;
        case 'fill-rate-collapse':
          c.fillCollapse = true;
          break;
        case 'model-degradation':
          c.modelAccuracy = 0.55;
          break;
        case 'drawdown':
          // Acts on the portfolio value, see drawdownLoss().
          break;
        case 'venue-outage':
          down.add(i.venue ?? this.defaultVenue);
          break;
        case 'strategy-slowdown':
          slow.add(i.strategy ?? this.defaultStrategy);
          break;
        case 'position-buildup':
          c.positionTarget = BUILDUP_POSITION_NOTIONAL;
          break;
      }
    }
    return c;
  }
}
