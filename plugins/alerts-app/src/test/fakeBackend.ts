// The @grafana/runtime the tests run against (mocked once in jest-setup.js): a fake getBackendSrv() answering
// the plugin proxy routes from a table, and a switchable signed-in user.
import { of, throwError, NEVER } from 'rxjs';

export interface FakeRequest {
  url: string;
  method: string;
  params?: Record<string, string>;
  data?: unknown;
}
type Answer = { status?: number; data?: unknown; pending?: boolean };
type Handler = (req: FakeRequest) => Answer;

let routes: Array<{ method: string; path: string; handler: Handler }> = [];
export const requests: FakeRequest[] = [];
export const bootUser: { orgRole: string; login: string; name: string; permissions?: Record<string, boolean> } = { orgRole: 'Editor', login: 'ana', name: 'Ana' };

export function resetBackend(): void {
  routes = [];
  requests.length = 0;
  bootUser.orgRole = 'Editor';
  delete bootUser.permissions;
}

/** Answers `method path` (path after /api/plugin-proxy/vigil-alerts-app/, exact, or prefix when it ends with *). */
export function answer(method: string, path: string, a: Answer | Handler): void {
  routes.unshift({ method, path, handler: typeof a === 'function' ? a : () => a });
}

export const fakeBackendSrv = {
  fetch(req: FakeRequest) {
    const r = { ...req, method: req.method ?? 'GET' };
    requests.push(r);
    const path = r.url.startsWith('/api/plugin-proxy/') ? r.url.replace(/^\/api\/plugin-proxy\/vigil-alerts-app\//, '') : r.url;
    const hit = routes.find((x) => x.method === r.method && (x.path.endsWith('*') ? path.startsWith(x.path.slice(0, -1)) : x.path === path));
    if (!hit) {
      return throwError(() => ({ status: 404, data: { message: 'plugin route match not found' } }));
    }
    const a = hit.handler(r);
    if (a.pending) {
      return NEVER;
    }
    const status = a.status ?? 200;
    return status >= 400 || status <= 0 ? throwError(() => ({ status, data: a.data, statusText: 'error' })) : of({ status, data: a.data, ok: true });
  },
};
