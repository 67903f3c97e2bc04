// How the host page's getBackendSrv() reads a response body: as Grafana's BackendSrv does
// (public/app/core/services/backend_srv.ts and public/app/core/utils/fetch.ts, Grafana 10 to 13), so a plugin pays
// here what it pays in Grafana — no less (the host stands in for Grafana in tests and benchmarks) and no more.
export type ResponseType = 'json' | 'text' | 'arraybuffer' | 'blob';

/**
 * With no responseType asked for, an answer declared exactly `application/json` is read as 'json'. 'json' is
 * `Response.json()` (parsed from the bytes; an empty body declared JSON gives `{}`, invalid JSON fails the request);
 * anything else is read as text and parsed as JSON when it parses, else returned as the text.
 */
export async function parseResponseBody(res: Response, requested: ResponseType | undefined): Promise<unknown> {
  const type = requested ?? (res.headers.get('content-type')?.toLowerCase() === 'application/json' ? 'json' : undefined);
  if (type === 'blob') return res.blob();
  if (type === 'arraybuffer') return res.arrayBuffer();
  if (type === 'json') return res.headers.get('content-length') === '0' ? {} : res.json();
  const text = await res.text();
  if (type === 'text') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
