// The route template of a request, mounts included. Express keeps only the concrete mount prefix
// (req.baseUrl = "/accounts/42" under app.use('/accounts/:id', router)), so the mount patterns are found by
// walking the app's router stack down the mounts that lead to the route that handled the request. A chain
// that cannot be resolved is shown as "*": never a concrete path, which would put ids into a label.
import type { Request } from 'express';

interface MatchResult {
  path: string;
  params: Record<string, string>;
  pattern?: unknown;
}

interface LayerLike {
  route?: unknown;
  rawPath?: unknown;
  /** router 2.3+ returns the match; 2.0–2.2 (and express 4) return a boolean and set path/params on the layer. */
  match(path: string): MatchResult | boolean;
  path?: string;
  params?: Record<string, string>;
  handle?: { stack?: LayerLike[]; router?: { stack?: LayerLike[] } };
}

export const UNRESOLVED_MOUNT = '*';

function stackOf(x: unknown): LayerLike[] | undefined {
  const o = x as { stack?: unknown; router?: { stack?: unknown }; _router?: { stack?: unknown } } | undefined;
  const stack = o?.stack ?? o?.router?.stack ?? o?._router?.stack;
  return Array.isArray(stack) ? (stack as LayerLike[]) : undefined;
}

/** A mount layer's pattern: its path string when it has one, else the matched path with each param value as :name. */
function mountPattern(layer: LayerLike, m: MatchResult): string {
  const pattern = m.pattern ?? layer.rawPath;
  if (typeof pattern === 'string') return pattern === '/' ? '' : pattern.replace(/\/+$/, '');
  const byValue = new Map(Object.entries(m.params).map(([k, v]) => [encodeURIComponent(v), `:${k}`]));
  return m.path
    .split('/')
    .map((seg) => byValue.get(seg) ?? seg)
    .join('/');
}

function match(layer: LayerLike, path: string): MatchResult | undefined {
  const r = layer.match(path);
  if (!r) return undefined;
  return typeof r === 'object' ? r : { path: layer.path ?? '', params: layer.params ?? {} };
}

/** Depth-first: the mount patterns leading from `stack` down `rest` to the stack holding `route`. */
function walk(stack: LayerLike[], rest: string, route: unknown, depth: number): string | undefined {
  if (rest === '' || rest === '/') return stack.some((l) => l.route === route) ? '' : undefined;
  if (depth > 16) return undefined;
  for (const layer of stack) {
    if (layer.route !== undefined) continue;
    const inner = stackOf(layer.handle);
    if (!inner) continue;
    const m = match(layer, rest);
    if (!m || m.path === '' || !rest.startsWith(m.path)) continue;
    const below = walk(inner, rest.slice(m.path.length), route, depth + 1);
    if (below !== undefined) return mountPattern(layer, m) + below;
  }
  return undefined;
}

/** The mount patterns of req.baseUrl ("/accounts/:id"), "" at the top level, or "*" when they cannot be found. */
export function mountTemplate(req: Request): string {
  const base = req.baseUrl ?? '';
  if (base === '') return '';
  const stack = stackOf(req.app);
  const found = stack ? walk(stack, base, req.route, 0) : undefined;
  return found ?? UNRESOLVED_MOUNT;
}
