// Share of the venue's request budget in use, from the rate-limit headers of its last response, for venues
// that send both the limit and what remains (bybit's X-Bapi-Limit / X-Bapi-Limit-Status, the common
// X-RateLimit-Limit / X-RateLimit-Remaining). Venues that send only a used weight without its limit
// (binance) or nothing (okx, kraken) get no figure rather than a guessed one.
const PAIRS: ReadonlyArray<[limit: string, remaining: string]> = [
  ['x-bapi-limit', 'x-bapi-limit-status'],
  ['x-ratelimit-limit', 'x-ratelimit-remaining'],
];

export function rateLimitUsed(headers: Record<string, unknown> | undefined): number | undefined {
  if (!headers) return undefined;
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Number(v)]));
  for (const [limitName, remainingName] of PAIRS) {
    const limit = lower.get(limitName);
    const remaining = lower.get(remainingName);
    if (limit !== undefined && remaining !== undefined && limit > 0 && Number.isFinite(remaining)) {
      return Math.min(1, Math.max(0, 1 - remaining / limit));
    }
  }
  return undefined;
}
