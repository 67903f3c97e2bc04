// getBackendSrv() for plugins on the host page: fetch() with Grafana's BackendSrv contract — `params` become the
// query string, object `data` is sent as JSON, a response is read as Grafana reads it (responseBody.ts), a status >= 400
// errors the observable with a FetchError {status, statusText, data, config}, and unsubscribing (an rxjs
// `timeout`, a component unmounting) aborts the request.
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { lastValueFrom, Observable } from 'rxjs';
import { parseResponseBody } from './responseBody';

function withParams(url: string, params?: Record<string, unknown>): string {
  if (!params) return url;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item !== undefined && item !== null) q.append(k, String(item));
    }
  }
  const text = q.toString();
  return text ? `${url}${url.includes('?') ? '&' : '?'}${text}` : url;
}

function bodyOf(data: unknown, headers: Headers): BodyInit | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string' || data instanceof FormData || data instanceof Blob || data instanceof URLSearchParams || data instanceof ArrayBuffer) {
    return data;
  }
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return JSON.stringify(data);
}

async function send<T>(options: BackendSrvRequest, signal: AbortSignal): Promise<FetchResponse<T>> {
  const headers = new Headers(options.headers ?? {});
  headers.set('X-Grafana-Org-Id', '1');
  const method = (options.method ?? 'GET').toUpperCase();
  const url = new URL(withParams(options.url, options.params), document.baseURI).href;
  const res = await fetch(url, { method, headers, body: bodyOf(options.data, headers), signal, credentials: 'same-origin' });
  const data = (await parseResponseBody(res, options.responseType)) as T;
  if (!res.ok) {
    const body = data as { message?: string } | undefined;
    const error: FetchError<T> = { status: res.status, statusText: res.statusText, data, config: options, message: body?.message };
    throw error;
  }
  return {
    data,
    status: res.status,
    statusText: res.statusText,
    ok: res.ok,
    headers: res.headers,
    redirected: res.redirected,
    type: res.type,
    url: res.url,
    config: options,
  };
}

export class HostBackendSrv implements BackendSrv {
  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      options.abortSignal?.addEventListener('abort', () => controller.abort());
      send<T>(options, controller.signal).then(
        (res) => {
          subscriber.next(res);
          subscriber.complete();
        },
        (err: unknown) => {
          if (!controller.signal.aborted) subscriber.error(err);
        },
      );
      return () => controller.abort();
    });
  }

  async request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return (await lastValueFrom(this.fetch<T>(options))).data;
  }

  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  get<T = unknown>(url: string, params?: Record<string, unknown>, requestId?: string, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, params, requestId, method: 'GET' });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'DELETE' });
  }

  post<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'POST' });
  }

  patch<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PATCH' });
  }

  put<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PUT' });
  }

  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return new Observable((subscriber) => {
      subscriber.error(new Error(`chunked ${options.url}: streaming responses are not provided by the plugin host`));
    });
  }
}
