import type { PromQuery } from './prometheus';

/** What the host page renders: a plugin, its queries and options, over a time range. */
export interface Scenario {
  plugin: string;
  title?: string;
  queries: PromQuery[];
  /** Seconds back from now (or from `to`) to query. */
  rangeSeconds: number;
  stepSeconds: number;
  /** Epoch ms of the range end; defaults to now. */
  to?: number;
  options: Record<string, unknown>;
  /** Saved plugin version, to exercise the plugin's migration handler like an older dashboard would. */
  pluginVersion?: string;
  width?: number;
  height?: number;
}

/**
 * Reads the scenario: /scenarios/<name>.json from `?scenario=`, with `?plugin=<id>`, `?options=<json>`, `?to=`,
 * `?range=` and `?expr=` overrides so tests and people can point the same page at other data.
 */
export async function loadScenario(params: URLSearchParams): Promise<Scenario> {
  const name = params.get('scenario') ?? 'slo-burnrate';
  if (!/^[\w-]+$/.test(name)) {
    throw new Error(`scenario "${name}": expected letters, digits, - and _`);
  }
  const res = await fetch(`/scenarios/${name}.json`);
  if (!res.ok) {
    throw new Error(`scenario "${name}": GET /scenarios/${name}.json answered ${res.status}`);
  }
  const scenario = (await res.json()) as Scenario;
  const plugin = params.get('plugin');
  if (plugin) {
    if (!/^[a-z0-9-]+$/.test(plugin)) throw new Error(`plugin "${plugin}": expected a plugin id`);
    scenario.plugin = plugin;
  }
  if (params.get('options')) {
    scenario.options = { ...scenario.options, ...JSON.parse(params.get('options') as string) };
  }
  if (params.get('to')) {
    scenario.to = Number(params.get('to'));
  }
  if (params.get('range')) {
    scenario.rangeSeconds = Number(params.get('range'));
  }
  if (params.get('step')) {
    scenario.stepSeconds = Number(params.get('step'));
  }
  const exprs = params.getAll('expr');
  if (exprs.length) {
    scenario.queries = exprs.map((expr, i) => ({ refId: String.fromCharCode(65 + i), expr }));
  }
  return scenario;
}
