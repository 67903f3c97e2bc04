// Prometheus HTTP API: instant and range queries, and readiness.
import { fetchJson, type OnUpstreamError, type UpstreamError } from './http-json.js';

interface PromResponse<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
}

export interface RangeSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

export interface InstantSample {
  metric: Record<string, string>;
  value: [number, string];
}

export class PrometheusClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
    private readonly onError?: OnUpstreamError,
  ) {}

  private url(path: string, params: Record<string, string>): string {
    const u = new URL(path, this.baseUrl.endsWith('/') ? this.baseUrl : this.baseUrl + '/');
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u.toString();
  }

  async queryRange(query: string, startSec: number, endSec: number, stepSec: number): Promise<RangeSeries[]> {
    const res = (await fetchJson(
      'prometheus',
      this.url('api/v1/query_range', { query, start: String(startSec), end: String(endSec), step: String(stepSec) }),
      {},
      this.timeoutMs,
      this.onError,
    )) as PromResponse<{ result: RangeSeries[] }>;
    return res.data.result;
  }

  async query(query: string, timeSec?: number): Promise<InstantSample[]> {
    const params: Record<string, string> = { query };
    if (timeSec !== undefined) params.time = String(timeSec);
    const res = (await fetchJson('prometheus', this.url('api/v1/query', params), {}, this.timeoutMs, this.onError)) as PromResponse<{ result: InstantSample[] }>;
    return res.data.result;
  }

  /** The type a metric family was scraped with (`# TYPE`), from the metadata API; undefined when Prometheus has none. */
  async metricType(metric: string): Promise<string | undefined> {
    const res = (await fetchJson('prometheus', this.url('api/v1/metadata', { metric, limit: '1' }), {}, this.timeoutMs, this.onError)) as PromResponse<
      Record<string, Array<{ type?: string }>>
    >;
    return res.data?.[metric]?.[0]?.type;
  }

  /** One number from a query that yields a single sample (NaN when empty). */
  async scalar(query: string, timeSec?: number): Promise<number> {
    const result = await this.query(query, timeSec);
    return result.length ? Number(result[0].value[1]) : NaN;
  }

  async ready(): Promise<void> {
    await fetchJson('prometheus', this.url('-/ready', {}), {}, this.timeoutMs).catch((err: UpstreamError) => {
      // /-/ready answers plain text, which fetchJson reports as "not JSON"; only reachability matters here.
      if (/not JSON/.test(err.message)) return;
      this.onError?.(err);
      throw err;
    });
  }
}
