// The risk limits file (--risk.limits-file, YAML): exposure limits per venue, asset and strategy, the two alert
// tiers of their utilisation, and the VaR model and its limit per portfolio (account). Validated whole at start:
// the first problem stops the exporter with a message naming the field, e.g.
//   risk.yml: exposure.venue.binance.gross: expected a number greater than 0, got "2m"
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseDuration } from '@vigil/exporter-kit';

export const EXPOSURE_SCOPES = ['venue', 'asset', 'strategy'] as const;
export type ExposureScope = (typeof EXPOSURE_SCOPES)[number];
export const EXPOSURE_MEASURES = ['gross', 'net'] as const;
export type ExposureMeasure = (typeof EXPOSURE_MEASURES)[number];

export interface ExposureLimit {
  gross?: number;
  net?: number;
}

export interface VarModel {
  /** One-sided confidence of the VaR, e.g. 0.99. */
  confidence: number;
  /** Holding period the VaR is scaled to, in seconds. */
  horizonSeconds: number;
  /** Window of the rolling mark-price volatility, in ms. */
  windowMs: number;
  /** Fewest mark-to-mark returns in the window before a position is priced. */
  minReturns: number;
  /** Constant correlation between risk factors; undefined: undiversified sum of the positions' VaRs. */
  correlation?: number;
}

export interface RiskLimits {
  utilisation: { warning: number; critical: number };
  exposure: Record<ExposureScope, Map<string, ExposureLimit>>;
  var: VarModel;
  /** VaR limit per portfolio (account), in the quote currency. */
  varLimits: Map<string, number>;
}

export class RiskLimitsError extends Error {}

export function defaultRiskLimits(): RiskLimits {
  return {
    utilisation: { warning: 0.8, critical: 0.95 },
    exposure: { venue: new Map(), asset: new Map(), strategy: new Map() },
    var: { confidence: 0.99, horizonSeconds: 86_400, windowMs: 3_600_000, minReturns: 10 },
    varLimits: new Map(),
  };
}

type Obj = Record<string, unknown>;

class Reader {
  constructor(private readonly source: string) {}

  fail(path: string, expected: string, got: unknown): never {
    throw new RiskLimitsError(`${this.source}: ${path || 'the document'}: ${expected}, got ${JSON.stringify(got) ?? String(got)}`);
  }

  object(value: unknown, path: string, allowed?: readonly string[]): Obj {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'expected a mapping', value);
    if (allowed) {
      for (const k of Object.keys(value as Obj)) {
        if (!allowed.includes(k)) this.fail(`${path ? `${path}.` : ''}${k}`, `unknown field (expected one of ${allowed.join(', ')})`, (value as Obj)[k]);
      }
    }
    return value as Obj;
  }

  positive(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) this.fail(path, 'expected a number greater than 0', value);
    return value;
  }

  ratio(value: unknown, path: string, { open = false } = {}): number {
    const ok = typeof value === 'number' && (open ? value > 0 && value < 1 : value > 0 && value <= 1);
    if (!ok) this.fail(path, open ? 'expected a number between 0 and 1, both excluded' : 'expected a number above 0 and at most 1', value);
    return value as number;
  }

  duration(value: unknown, path: string): number {
    const ms = typeof value === 'string' ? parseDuration(value) : undefined;
    if (ms === undefined || ms <= 0) this.fail(path, 'expected a duration such as 1h, 30m or 1d', value);
    return ms;
  }
}

/** Validates a parsed limits document; `source` names it in errors. */
export function parseRiskLimits(doc: unknown, source: string): RiskLimits {
  const r = new Reader(source);
  const limits = defaultRiskLimits();
  if (doc === null || doc === undefined) return limits;
  const root = r.object(doc, '', ['utilisation', 'exposure', 'var']);

  if (root.utilisation !== undefined) {
    const u = r.object(root.utilisation, 'utilisation', ['warning', 'critical']);
    if (u.warning !== undefined) limits.utilisation.warning = r.positive(u.warning, 'utilisation.warning');
    if (u.critical !== undefined) limits.utilisation.critical = r.positive(u.critical, 'utilisation.critical');
    if (limits.utilisation.warning >= limits.utilisation.critical) {
      r.fail('utilisation.warning', `expected less than utilisation.critical (${limits.utilisation.critical})`, limits.utilisation.warning);
    }
  }

  if (root.exposure !== undefined) {
    const e = r.object(root.exposure, 'exposure', EXPOSURE_SCOPES);
    for (const scope of EXPOSURE_SCOPES) {
      if (e[scope] === undefined) continue;
      const byName = r.object(e[scope], `exposure.${scope}`);
      for (const [name, raw] of Object.entries(byName)) {
        const path = `exposure.${scope}.${name}`;
        const l = r.object(raw, path, EXPOSURE_MEASURES);
        const limit: ExposureLimit = {};
        for (const m of EXPOSURE_MEASURES) if (l[m] !== undefined) limit[m] = r.positive(l[m], `${path}.${m}`);
        if (limit.gross === undefined && limit.net === undefined) r.fail(path, 'expected a gross or a net limit', raw);
        limits.exposure[scope].set(name, limit);
      }
    }
  }

  if (root.var !== undefined) {
    const v = r.object(root.var, 'var', ['confidence', 'horizon', 'window', 'minReturns', 'correlation', 'portfolios']);
    if (v.confidence !== undefined) limits.var.confidence = r.ratio(v.confidence, 'var.confidence', { open: true });
    if (v.horizon !== undefined) limits.var.horizonSeconds = r.duration(v.horizon, 'var.horizon') / 1000;
    if (v.window !== undefined) limits.var.windowMs = r.duration(v.window, 'var.window');
    if (v.minReturns !== undefined) {
      if (!Number.isInteger(v.minReturns) || (v.minReturns as number) < 2 || (v.minReturns as number) > 1000) {
        r.fail('var.minReturns', 'expected a whole number from 2 to 1000', v.minReturns);
      }
      limits.var.minReturns = v.minReturns as number;
    }
    if (v.correlation !== undefined) {
      const rho = v.correlation;
      if (typeof rho !== 'number' || !(rho >= -1 && rho <= 1)) r.fail('var.correlation', 'expected a number from -1 to 1', rho);
      limits.var.correlation = rho as number;
    }
    if (v.portfolios !== undefined) {
      for (const [account, raw] of Object.entries(r.object(v.portfolios, 'var.portfolios'))) {
        const p = r.object(raw, `var.portfolios.${account}`, ['limit']);
        limits.varLimits.set(account, r.positive(p.limit, `var.portfolios.${account}.limit`));
      }
    }
  }
  return limits;
}

/** Reads and validates the file; throws RiskLimitsError naming the file and the field. */
export function loadRiskLimits(file: string): RiskLimits {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RiskLimitsError(`${file}: cannot read the risk limits file: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new RiskLimitsError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  return parseRiskLimits(doc, file);
}
