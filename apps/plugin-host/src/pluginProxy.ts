// Grafana's app plugin proxy, /api/plugin-proxy/<id>/<path>, built from the plugin's plugin.json `routes`: the first
// route whose method (if it has one) and path match wins; a route with `reqAction` refuses a user without that
// action (403), one with `reqRole` a user below that role; the rest of the path (the route's `*`) is joined to the
// route's `url`, which, like header contents, is a template over the app's jsonData and secureJsonData. Cookies
// never leave; the query string and body go through. No matching route is a 404, as in Grafana.
import type { Request, Response, Router } from 'express';
import express from 'express';
import { Counter, type Registry } from 'prom-client';

import type { PluginSettingsStore } from './pluginSettings.js';
import type { ServedPlugin } from './plugins.js';
import { RouteTemplateError, renderRouteTemplate, type TemplateData } from './routeTemplate.js';
import { hasRole, type SignedInUser } from './signedInUser.js';

export interface PluginRoute {
  path: string;
  method?: string;
  url?: string;
  reqRole?: string;
  reqAction?: string;
  headers?: { name: string; content: string }[];
}

const OUTCOMES = ['ok', 'upstream_error', 'unreachable', 'timeout', 'forbidden', 'no_route', 'bad_request', 'settings_error'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** Matches a route path (segments, `:name` for one segment, a final `*` for the rest) against a proxy path. */
export function matchRoutePath(pattern: string, path: string): { rest: string } | undefined {
  const want = pattern.replace(/^\/+/, '').split('/');
  const got = path.replace(/^\/+/, '').split('/');
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '*' && i === want.length - 1) return { rest: got.slice(i).join('/') };
    if (i >= got.length) return undefined;
    if (want[i].startsWith(':') ? got[i] === '' : want[i] !== got[i]) return undefined;
  }
  return got.length === want.length ? { rest: '' } : undefined;
}

export function findRoute(routes: PluginRoute[], method: string, path: string): { route: PluginRoute; rest: string } | undefined {
  for (const route of routes) {
    if (route.method && route.method.toUpperCase() !== method.toUpperCase()) continue;
    const m = matchRoutePath(route.path, path);
    if (m) return { route, rest: m.rest };
  }
  return undefined;
}

/** util.JoinURLFragments: one slash between the URL's path and the rest, the rest's trailing slash kept. */
function joinPath(base: string, rest: string): string {
  if (!rest) return base;
  return `${base.replace(/\/+$/, '')}/${rest.replace(/^\/+/, '')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%2e/gi, '.').replace(/%2f/gi, '/');
  }
}

export interface PluginProxyOptions {
  plugins: Map<string, ServedPlugin>;
  settings: PluginSettingsStore;
  userOf: (req: Request) => SignedInUser;
  registry: Registry;
  namespace: string;
  timeoutMs?: number;
  /** Request bodies larger than this are refused (413). */
  maxBodyBytes?: number;
}

export function pluginProxy(opts: PluginProxyOptions): Router {
  const requests = new Counter({
    name: `${opts.namespace}_plugin_proxy_requests_total`,
    help: 'Requests through the app plugin proxy (/api/plugin-proxy), by outcome.',
    labelNames: ['outcome'],
    registers: [opts.registry],
  });
  for (const o of OUTCOMES) requests.labels(o).inc(0);
  const fail = (res: Response, outcome: Outcome, status: number, message: string) => {
    requests.labels(outcome).inc();
    res.status(status).json({ message });
  };

  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: opts.maxBodyBytes ?? 1024 * 1024 }));
  router.use(async (req: Request, res: Response) => {
    // req.path stays percent-encoded: the rest is forwarded as the browser sent it.
    const [id = '', ...segments] = req.path.replace(/^\/+/, '').split('/');
    const path = segments.join('/');
    const plugin = opts.plugins.get(id);
    if (!plugin || plugin.type !== 'app') {
      fail(res, 'no_route', 404, `plugin ${id}: no such app plugin is served`);
      return;
    }
    // Also when encoded (%2e%2e%2f): a target that decodes the path must not be walked out of its route's URL.
    if (safeDecode(path).split('/').some((seg) => seg === '..' || seg === '.')) {
      fail(res, 'bad_request', 400, `path: "${path}" contains . or .. segments`);
      return;
    }
    const found = findRoute((plugin.json.routes ?? []) as PluginRoute[], req.method, path);
    if (!found) {
      fail(res, 'no_route', 404, `plugin route match not found: ${req.method} ${path}`);
      return;
    }
    const { route, rest } = found;
    const user = opts.userOf(req);
    if (route.reqAction ? !user.permissions[route.reqAction] : route.reqRole ? !hasRole(user, route.reqRole) : false) {
      fail(res, 'forbidden', 403, `plugin proxy route access denied: ${route.reqAction ?? route.reqRole} is required (signed in as ${user.orgRole})`);
      return;
    }
    const settings = opts.settings.get(id);
    if (!settings.enabled) {
      fail(res, 'settings_error', 404, `plugin ${id} is not enabled`);
      return;
    }
    const data: TemplateData = { JsonData: settings.jsonData, SecureJsonData: settings.secureJsonData };
    let target: URL;
    const headers: Record<string, string> = {};
    try {
      target = new URL(renderRouteTemplate(route.url ?? '', data));
      for (const h of route.headers ?? []) headers[h.name] = renderRouteTemplate(h.content, data);
    } catch (err) {
      const why = err instanceof RouteTemplateError ? err.message : `url: ${(err as Error).message}`;
      fail(res, 'settings_error', 500, `route ${route.path}: could not interpolate plugin route: ${why}`);
      return;
    }
    target.pathname = joinPath(target.pathname, rest);
    const query = req.originalUrl.indexOf('?');
    if (query >= 0) target.search = req.originalUrl.slice(query);
    for (const name of ['content-type', 'accept']) {
      const v = req.headers[name];
      if (typeof v === 'string') headers[name] ??= v;
    }
    const hasBody = !['GET', 'HEAD'].includes(req.method) && Buffer.isBuffer(req.body) && req.body.length > 0;
    try {
      const upstream = await fetch(target, {
        method: req.method,
        headers,
        body: hasBody ? (req.body as Buffer) : undefined,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
        redirect: 'manual',
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      requests.labels(upstream.status < 400 ? 'ok' : 'upstream_error').inc();
      const type = upstream.headers.get('content-type');
      if (type) res.type(type);
      res.status(upstream.status).send(body);
    } catch (err) {
      const e = err as Error;
      // As Grafana's proxy error handler: a timeout is a 504, anything else reaching the target a 502.
      if (e.name === 'TimeoutError') fail(res, 'timeout', 504, `${target.origin}: no answer within ${(opts.timeoutMs ?? 30_000) / 1000} s`);
      else fail(res, 'unreachable', 502, `${target.origin} unreachable: ${(e.cause as Error | undefined)?.message ?? e.message}`);
      req.log?.warn({ route: route.path, err: e.message }, 'plugin proxy upstream failed');
    }
  });
  return router;
}
