// --exchange.api-base: every venue URL ccxt would call, REST and websocket alike, redirected to
// BASE/<original host[:port]>/<path>, so one egress proxy (or the tests' one local server) serves both.
// https://api.venue.com/v5/x → http://127.0.0.1:9000/api.venue.com/v5/x, and
// wss://ws.venue.com:8443/ws/v5 → ws://127.0.0.1:9000/ws.venue.com:8443/ws/v5 (ws for an http base, wss for https).

/** One URL rewritten; strings that are not http(s) or ws(s) URLs are returned as they are. */
export function rewriteUrl(url: string, base: string): string {
  const m = /^(https?|wss?):\/\//.exec(url);
  if (!m) return url;
  const trimmed = base.replace(/\/+$/, '');
  const target = m[1].startsWith('ws') ? trimmed.replace(/^http/, 'ws') : trimmed;
  return `${target}/${url.slice(m[0].length)}`;
}

/** ccxt's `urls.api` (a string, or nested objects and arrays of them) with every URL rewritten. */
export function rewriteUrls(api: unknown, base: string): unknown {
  if (typeof api === 'string') return rewriteUrl(api, base);
  if (api && typeof api === 'object') {
    const out: Record<string, unknown> = Array.isArray(api) ? ([] as unknown as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(api)) out[k] = rewriteUrls(v, base);
    return out;
  }
  return api;
}
