// fetch with a time limit that returns parsed JSON or throws an UpstreamError naming the upstream. Each call is
// a client span (`<upstream> <METHOD> <path>`) whose traceparent goes along, so Prometheus' and Alertmanager's
// own traces (when they trace) join the journal's.
import { SpanKind, inSpan, traceHeaders } from '@vigil/exporter-kit';

export class UpstreamError extends Error {
  constructor(
    readonly upstream: string,
    readonly status: number | undefined,
    message: string,
    readonly body?: string,
  ) {
    super(`${upstream}: ${message}`);
  }
}

/** Told of every failed call (the journal counts them by upstream). */
export type OnUpstreamError = (err: UpstreamError) => void;

export function fetchJson(upstream: string, url: string, init: RequestInit = {}, timeoutMs = 5000, onError?: OnUpstreamError): Promise<unknown> {
  const method = (init.method ?? 'GET').toUpperCase();
  const { pathname } = new URL(url);
  return inSpan(
    `${upstream} ${method} ${pathname}`,
    { 'http.request.method': method, 'url.path': pathname, 'server.address': new URL(url).host, 'vigil.upstream': upstream },
    async (span) => {
      try {
        return await request(upstream, url, { ...init, method, headers: traceHeaders({ ...(init.headers as Record<string, string>) }) }, timeoutMs);
      } catch (err) {
        // inSpan marks the span failed; the status says how.
        if (err instanceof UpstreamError) {
          if (err.status !== undefined) span.setAttribute('http.response.status_code', err.status);
          onError?.(err);
        }
        throw err;
      }
    },
    SpanKind.CLIENT,
  );
}

async function request(upstream: string, url: string, init: RequestInit, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    // undici reports "fetch failed" and puts the reason (ECONNREFUSED, a timeout, ...) in `cause`.
    const c = (err as { cause?: { code?: string; message?: string } }).cause;
    const cause = c?.code ?? c?.message ?? (err as Error).message;
    throw new UpstreamError(upstream, undefined, (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `unreachable (${cause})`);
  }
  const text = await res.text();
  if (!res.ok) throw new UpstreamError(upstream, res.status, `answered HTTP ${res.status}: ${text.slice(0, 300)}`, text);
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamError(upstream, res.status, 'answered with a body that is not JSON');
  }
}
