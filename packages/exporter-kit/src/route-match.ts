// Which routes of an express app take a path, and with which methods: the Allow header of a 405 or of an
// OPTIONS answer, and the route template a request refused before its route ran (a body parser mounted with
// router.use, an auth check) is counted under. It walks express's own router stack (express 5's `router`
// package: each layer's match(), route.methods, a mounted router's stack), so it follows the app's routes as
// they are registered, nested routers included, with no second table to keep in step.
import type { Request } from 'express';

interface RouteLike {
  path: unknown;
  methods: Record<string, boolean | undefined>;
}

interface LayerLike {
  route?: RouteLike;
  handle?: { stack?: LayerLike[] };
  match(path: string): false | { path: string; pattern?: unknown };
}

/** A route that takes the path: its template (mount paths joined to the route's path) and its methods. */
export interface MatchedRoute {
  template: string;
  /** Upper case; HEAD wherever GET is (express answers HEAD with the GET handler); '*' for router.all(). */
  methods: string[];
}

function methodsOf(route: RouteLike): string[] {
  const out: string[] = [];
  for (const [m, on] of Object.entries(route.methods)) if (on) out.push(m === '_all' ? '*' : m.toUpperCase());
  if (route.methods.get && !route.methods.head) out.push('HEAD');
  return out;
}

function patternText(pattern: unknown): string {
  return typeof pattern === 'string' ? pattern : String(pattern);
}

function walk(stack: readonly LayerLike[], path: string, prefix: string, out: MatchedRoute[]): void {
  for (const layer of stack) {
    let m: ReturnType<LayerLike['match']>;
    try {
      m = layer.match(path);
    } catch {
      continue; // a path express cannot decode: no route takes it
    }
    if (!m) continue;
    if (layer.route) {
      out.push({ template: `${prefix}${patternText(m.pattern ?? layer.route.path)}`, methods: methodsOf(layer.route) });
    } else if (layer.handle?.stack) {
      // A mounted router sees the path with the mount's part taken off (a leading slash kept), as express does.
      const rest = path.slice(m.path.length);
      const mount = m.pattern === undefined ? '' : patternText(m.pattern).replace(/\/+$/, '');
      walk(layer.handle.stack, rest.startsWith('/') ? rest : `/${rest}`, `${prefix}${mount}`, out);
    }
  }
}

/** The routes of `app` (its router, express 5) that take `path` (a URL path, no query string). */
export function routesForPath(router: unknown, path: string): MatchedRoute[] {
  const out: MatchedRoute[] = [];
  const stack = (router as { stack?: LayerLike[] } | undefined)?.stack;
  if (stack) walk(stack, path, '', out);
  return out;
}

/** The methods some route takes `path` with, sorted, each once ('*' dropped: such a path never answers 405). */
export function allowedMethods(routes: readonly MatchedRoute[]): string[] {
  return [...new Set(routes.flatMap((r) => r.methods))].filter((m) => m !== '*').sort();
}

/** True when a route takes the method (HEAD is taken by a GET route; '*' takes all). */
export function takesMethod(route: MatchedRoute, method: string): boolean {
  return route.methods.includes('*') || route.methods.includes(method.toUpperCase());
}

/**
 * The route template a request is for, for a metric label: the route express matched when it has, else the
 * route that would take the request's method and path, else the first route for the path; `unmatched` when
 * no route takes the path (the raw path is never a label: ids would make it unbounded).
 */
export function routeTemplate(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (pattern !== undefined) return `${req.baseUrl}${patternText(pattern)}`;
  const path = req.originalUrl.split('?', 1)[0];
  const routes = routesForPath((req.app as unknown as { router?: unknown }).router, path);
  return (routes.find((r) => takesMethod(r, req.method)) ?? routes[0])?.template ?? 'unmatched';
}
