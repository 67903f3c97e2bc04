// fetch with a time limit that returns parsed JSON or throws an UpstreamError naming the upstream.
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

export async function fetchJson(upstream: string, url: string, init: RequestInit = {}, timeoutMs = 5000): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    // undici reports "fetch failed" and puts the reason (ECONNREFUSED, a timeout, ...) in `cause`.
    const c = (err as { cause?: { code?: string; message?: string } }).cause;
    const cause = c?.code ?? c?.message ?? (err as Error).message;
    throw new UpstreamError(upstream, undefined, `unreachable (${cause})`);
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
