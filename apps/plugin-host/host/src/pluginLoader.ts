import type { AppPlugin, PanelPlugin, PluginMeta } from '@grafana/data';

import { SystemJS } from './systemjs';

export interface LoadedPlugin {
  meta: PluginMeta;
  /** What module.js exports as `plugin`: a PanelPlugin or an AppPlugin. */
  plugin: PanelPlugin | AppPlugin;
}

/** System.import of a plugin's module.js; an error names the plugin. */
export async function importPluginModule(id: string, modulePath: string): Promise<Record<string, unknown>> {
  try {
    return await SystemJS.import(new URL(modulePath, window.location.href).href);
  } catch (err) {
    throw new Error(`plugin ${id}: ${modulePath} did not load: ${(err as Error).message}`);
  }
}

/**
 * Loads a panel the way Grafana does: its plugin.json, then SystemJS.import of its module.js, then the exported
 * `plugin`, with its meta attached. Errors name the plugin and what was wrong. Panels load from /plugins/<id>/, the
 * page's path since its first release (tests assert the module URL); the same files are under public/plugins/<id>/.
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
  const exports = await importPluginModule(id, meta.module);
  const plugin = exports.plugin as PanelPlugin | AppPlugin | undefined;
  if (!plugin) {
    throw new Error(`plugin ${id}: module.js exports no "plugin"`);
  }
  plugin.meta = { ...meta, ...(plugin.meta ?? {}) } as never;
  return { meta, plugin };
}
