// Every call leaves through Grafana's plugin proxy (/api/plugin-proxy/vigil-alerts-app/<route>) with
// getBackendSrv(): the journal's API key is added by Grafana from secureJsonData and never reaches the browser.
// Failures become SourceErrors that name what failed, so a page can show one source down and keep the rest.
import { lastValueFrom, timeout } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';
import { PROXY_BASE, REQUEST_TIMEOUT_MS } from '../constants';

export type SourceErrorKind = 'not-configured' | 'unreachable' | 'unauthorized' | 'forbidden' | 'timeout' | 'bad-request' | 'not-found' | 'conflict' | 'upstream';

export class SourceError extends Error {
  constructor(
    readonly source: string,
    readonly kind: SourceErrorKind,
    readonly detail: string,
    readonly status?: number,
    readonly field?: string
  ) {
    super(`${source}: ${detail}`);
  }

  get title(): string {
    const what: Record<SourceErrorKind, string> = {
      'not-configured': 'is not configured',
      unreachable: 'is unreachable',
      unauthorized: 'refused the credentials (401)',
      forbidden: 'is not allowed for your role (403)',
      timeout: `did not answer within ${REQUEST_TIMEOUT_MS / 1000} s`,
      'bad-request': 'refused the request (400)',
      'not-found': 'does not know this (404)',
      conflict: 'refused it as a conflict (409)',
      upstream: 'failed',
    };
    return `${this.source} ${what[this.kind]}`;
  }
}

interface FetchFailure {
  status?: number;
  statusText?: string;
  data?: { error?: string; message?: string; field?: string } | string;
  name?: string;
  message?: string;
}

export function classify(source: string, err: unknown): SourceError {
  if (err instanceof SourceError) {
    return err;
  }
  const e = (err ?? {}) as FetchFailure;
  if (e.name === 'TimeoutError') {
    return new SourceError(source, 'timeout', 'no answer in time');
  }
  const status = e.status ?? 0;
  const body = typeof e.data === 'object' && e.data ? e.data : undefined;
  const detail = body?.error ?? body?.message ?? (typeof e.data === 'string' && e.data ? e.data.slice(0, 300) : e.statusText || e.message || 'request failed');
  const kinds: Record<number, SourceErrorKind> = { 400: 'bad-request', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 502: 'unreachable', 503: 'unreachable', 504: 'timeout' };
  const kind = kinds[status] ?? (status <= 0 ? 'unreachable' : 'upstream');
  return new SourceError(source, kind, detail, status || undefined, body?.field);
}

export interface ProxyRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  params?: Record<string, string | number | undefined>;
  data?: unknown;
}

export async function proxyRequest<T>(source: string, route: string, req: ProxyRequest = {}): Promise<T> {
  const params = Object.fromEntries(Object.entries(req.params ?? {}).filter(([, v]) => v !== undefined && v !== ''));
  try {
    const res = await lastValueFrom(
      getBackendSrv()
        .fetch<T>({ url: `${PROXY_BASE}/${route}`, method: req.method ?? 'GET', params, data: req.data, showErrorAlert: false, showSuccessAlert: false })
        .pipe(timeout(REQUEST_TIMEOUT_MS))
    );
    return res.data;
  } catch (err) {
    throw classify(source, err);
  }
}

export function proxyUrl(route: string, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const text = q.toString();
  return `${PROXY_BASE}/${route}${text ? `?${text}` : ''}`;
}
