// When a venue's requests go out: spread over the poll interval, never closer than the venue's own documented
// request interval (ccxt's rateLimit, ms per request), and paused as long as the venue asks after a 429/418.

/** Gap between two requests of one venue: the interval shared by the cycle's requests, at least the venue's limit. */
export function requestSpacingMs(intervalMs: number, requests: number, venueRateLimitMs: number): number {
  return Math.max(intervalMs / Math.max(1, requests), venueRateLimitMs > 0 ? venueRateLimitMs : 0);
}

/** A stable offset in [0, intervalMs) per venue, so that many venues do not all poll at the same instant. */
export function startOffsetMs(venue: string, intervalMs: number): number {
  let h = 2166136261;
  for (let i = 0; i < venue.length; i++) h = Math.imul(h ^ venue.charCodeAt(i), 16777619) >>> 0;
  return h % Math.max(1, Math.floor(intervalMs));
}

/** Longest pause a Retry-After may impose (a misbehaving header must not silence a venue for days). */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** The Retry-After header (seconds, or an HTTP date) in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, unknown> | undefined, nowMs: number): number | undefined {
  if (!headers) return undefined;
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after');
  if (!entry) return undefined;
  const text = String(entry[1]).trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - nowMs;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
