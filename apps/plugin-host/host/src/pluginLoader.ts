import type { AppPlugin, PanelPlugin, PluginMeta } from '@grafana/data';

import { SystemJS } from './systemjs';

export interface LoadedPlugin {
  meta: PluginMeta;
  /** What module.js exports as `plugin`: a PanelPlugin or an AppPlugin. */
  plugin: PanelPlugin | AppPlugin;
}

/**
 * Loads a plugin the way Grafana does: plugin.json from /plugins/<id>/, then SystemJS.import of its module.js,
 * then the exported `plugin`, with its meta attached. Errors name the plugin and what was wrong.
 */
export async function loadPlugin(id: string): Promise<LoadedPlugin> {
  const base = `/plugins/${encodeURIComponent(id)}/`;
  const res = await fetch(`${base}plugin.json`);
  if (!res.ok) {
    throw new Error(`plugin ${id}: GET ${base}plugin.json answered ${res.status}; is it built and served?`);
  }
  const meta = (await res.json()) as PluginMeta;
  meta.baseUrl = base.slice(0, -1);
  meta.module = `${base}module.js`;
  const exports = await SystemJS.import(new URL(meta.module, window.location.href).href);
  const plugin = exports.plugin as PanelPlugin | AppPlugin | undefined;
  if (!plugin) {
    throw new Error(`plugin ${id}: module.js exports no "plugin"`);
  }
  plugin.meta = { ...meta, ...(plugin.meta ?? {}) } as never;
  return { meta, plugin };
}
