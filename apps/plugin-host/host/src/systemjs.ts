// SystemJS with the AMD extra, as Grafana loads plugins: create-plugin builds dist/module.js as an AMD module
// whose dependencies (react, @grafana/ui, ...) are resolved through an import map to shared modules.
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';

interface SystemJSLike {
  import(id: string): Promise<Record<string, unknown>>;
  set(id: string, module: Record<string, unknown>): void;
  addImportMap(map: { imports: Record<string, string> }): void;
}

export const SystemJS = (window as unknown as { System: SystemJSLike }).System;

// Grafana prefixes shared dependencies so they act as URLs rather than bare specifiers.
export const SHARED_DEPENDENCY_PREFIX = 'package';

// @grafana/runtime up to 12.x moves SystemJS's AMD `define` to window.__grafana_amd_define (Monaco's RequireJS
// loader bails on a global define), and Grafana's loader hands it back to each plugin module by wrapping the
// module's source (systemjsHooks.ts, preventAMDLoaderCollision). The page built for such a release does the same;
// with a runtime that leaves `define` alone (13.x) nothing is wrapped.
type Fetch = (url: string, options?: RequestInit) => Promise<Response>;
const amdWindow = window as unknown as { define?: unknown; __grafana_amd_define?: unknown };
const systemProto = Object.getPrototypeOf(SystemJS) as { fetch: Fetch };
const systemFetch = systemProto.fetch;
systemProto.fetch = async function (this: unknown, url: string, options?: RequestInit): Promise<Response> {
  const res = await systemFetch.call(this, url, options);
  if (amdWindow.define !== undefined || amdWindow.__grafana_amd_define === undefined || !res.ok || !/\.js(\?|$)/.test(url)) {
    return res;
  }
  const source = await res.text();
  return new Response(`(function(define) {\n  ${source}\n})(window.__grafana_amd_define);`, {
    status: res.status,
    headers: res.headers,
  });
};
