// Share of the venue's request budget in use, from the rate-limit headers of its last response:
// - venues that send both the limit and what remains: bybit's X-Bapi-Limit / X-Bapi-Limit-Status, the common
//   X-RateLimit-Limit / X-RateLimit-Remaining;
// - venues that send only the weight used in the current window, divided by the venue's documented limit:
//   binance's X-MBX-USED-WEIGHT-1M over its spot REQUEST_WEIGHT limit of 6000 per minute (older documents say
//   1200; exchangeInfo's rateLimits tell), or whatever --exchange.weight-limit says for the venue.
// Venues that send nothing (okx, kraken) get no figure rather than a guessed one.
const PAIRS: ReadonlyArray<[limit: string, remaining: string]> = [
  ['x-bapi-limit', 'x-bapi-limit-status'],
  ['x-ratelimit-limit', 'x-ratelimit-remaining'],
];

/** Headers carrying the weight used in the current window, for venues that do not send the limit beside it. */
const USED_WEIGHT_HEADERS = ['x-mbx-used-weight-1m'];

/** Documented request-weight limits per window of the used-weight headers, by ccxt id. */
export const DEFAULT_WEIGHT_LIMITS: Readonly<Record<string, number>> = { binance: 6000 };

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** `weightLimit`: the venue's request-weight limit, used only with a used-weight header. */
export function rateLimitUsed(headers: Record<string, unknown> | undefined, weightLimit?: number): number | undefined {
  if (!headers) return undefined;
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Number(v)]));
  for (const [limitName, remainingName] of PAIRS) {
    const limit = lower.get(limitName);
    const remaining = lower.get(remainingName);
    if (limit !== undefined && remaining !== undefined && limit > 0 && Number.isFinite(remaining)) {
      return clamp01(1 - remaining / limit);
    }
  }
  if (weightLimit === undefined || !(weightLimit > 0)) return undefined;
  for (const name of USED_WEIGHT_HEADERS) {
    const used = lower.get(name);
    if (used !== undefined && Number.isFinite(used)) return clamp01(used / weightLimit);
  }
  return undefined;
}

/** `--exchange.weight-limit=ID=N` values over the documented defaults; an error names the bad value. */
export function parseWeightLimits(specs: readonly string[]): Record<string, number> | string {
  const limits: Record<string, number> = { ...DEFAULT_WEIGHT_LIMITS };
  for (const spec of specs) {
    const m = /^([a-z0-9]+)=(\d+(?:\.\d+)?)$/.exec(spec.trim());
    if (!m || !(Number(m[2]) > 0)) return `expected ID=LIMIT with a positive limit, such as binance=6000, got ${JSON.stringify(spec)}`;
    limits[m[1]] = Number(m[2]);
  }
  return limits;
}
