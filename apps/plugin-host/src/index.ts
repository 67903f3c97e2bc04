// The plugin host server as a library: its exporter options (for running it in-process, as the Playwright tests
// and the first-render benchmark do) and the shape of the benchmark result the page leaves behind.
export { hostOptions, hostFlags, NAMESPACE } from './app.js';
export { readPlugins, repoPluginDirs, type ServedPlugin } from './plugins.js';
export { prometheusProxy, type ProxyOptions } from './prometheusProxy.js';
export type { BenchResult, TradeflowBenchResult } from './bench-result.js';
