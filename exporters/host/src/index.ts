export { hostExporterOptions, hostPaths, ALL_COLLECTORS, VERSION } from './host-exporter.js';
export { CORE_COLLECTORS, collectorFlags, enabledCollectors } from './collectors/index.js';
export type { HostCollectorDef, HostCollectorContext } from './collectors/types.js';
export type { HostPaths } from './host-paths.js';
