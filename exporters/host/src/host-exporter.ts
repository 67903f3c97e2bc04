// The host exporter's wiring: flags, the enabled core collectors (namespace node, so the scrape families are
// node_exporter's) and the trading-host collectors (vigil_host_*).
import {
  allFlags,
  parseFlags,
  type FlagSpec,
  type FlagValues,
  type RunExporterOptions,
  type Exporter,
} from '@vigil/exporter-kit';
import { CORE_COLLECTORS, collectorFlags, enabledCollectors } from './collectors/index.js';
import type { HostPaths } from './host-paths.js';
import { TRADING_COLLECTORS } from './trading/index.js';

export const VERSION = '0.1.0';

const OWN_FLAGS: FlagSpec[] = [
  {
    name: 'web.disable-exporter-metrics',
    type: 'bool',
    default: false,
    help: 'Exclude metrics about the exporter itself (process_*, nodejs_*).',
  },
  { name: 'path.procfs', type: 'string', default: '/proc', help: 'procfs mountpoint.' },
  { name: 'path.sysfs', type: 'string', default: '/sys', help: 'sysfs mountpoint.' },
  { name: 'path.rootfs', type: 'string', default: '/', help: 'rootfs mountpoint.' },
];

export const ALL_COLLECTORS = [...CORE_COLLECTORS, ...TRADING_COLLECTORS];

export function hostPaths(flags: FlagValues): HostPaths {
  return {
    procfs: String(flags['path.procfs']),
    sysfs: String(flags['path.sysfs']),
    rootfs: String(flags['path.rootfs']),
    udevData: String(flags['path.udev.data'] ?? '/run/udev/data'),
  };
}

/** The options runExporter/buildExporter take; argv and env are needed to tell an explicit --collector.x from a default. */
export function hostExporterOptions(argv: string[], env: NodeJS.ProcessEnv): RunExporterOptions {
  const opts: RunExporterOptions = {
    name: 'vigil-host-exporter',
    description:
      'Host metrics for trading platforms: node_exporter-compatible core collectors plus clock sync, process groups and venue reachability.',
    version: VERSION,
    namespace: 'node',
    buildInfoName: 'vigil_host_exporter_build_info',
    defaultListenAddress: ':9301',
    envPrefix: 'VIGIL_HOST',
    flags: [...OWN_FLAGS, ...collectorFlags(ALL_COLLECTORS)],
    setup(exporter: Exporter, flags: FlagValues) {
      // prom-client's nodejs_eventloop_lag_seconds (when exporter metrics are on) waits for a setImmediate on every scrape (a third of a
      // millisecond added to each one); the nodejs_eventloop_lag_{p50,p90,p99,...}_seconds gauges stay.
      exporter.registry.removeSingleMetric('nodejs_eventloop_lag_seconds');
      // Express would hash every 30 kB scrape body for an ETag no scraper uses (node_exporter sends none).
      exporter.app.set('etag', false);
      const parsed = parseFlags(allFlags(opts), argv, env);
      const explicit = new Map<string, boolean>();
      for (const d of ALL_COLLECTORS) {
        if (parsed.explicit.has(`collector.${d.name}`))
          explicit.set(d.name, Boolean(flags[`collector.${d.name}`]));
      }
      const ctx = { paths: hostPaths(flags), flags, logger: exporter.logger };
      for (const def of enabledCollectors(
        ALL_COLLECTORS,
        explicit,
        Boolean(flags['collector.disable-defaults']),
        flags,
      )) {
        const collect = def.create({
          ...ctx,
          logger: exporter.logger.child({ collector: def.name }),
          exporter,
        });
        exporter.addCollector({ name: def.name, collect });
        exporter.logger.info({ collector: def.name }, 'collector enabled');
      }
      // A scrape's collect[] naming one of the others is told it is disabled, as node_exporter tells it.
      exporter.collectors.declareDisabled(ALL_COLLECTORS.map((d) => d.name));
    },
  };
  // The kit decides on process metrics when it builds the exporter, so this flag is read ahead of the others
  // (a bad command line is reported by the full parse that follows).
  try {
    opts.processMetrics = !parseFlags(allFlags(opts), argv, env).values['web.disable-exporter-metrics'];
  } catch {
    opts.processMetrics = true;
  }
  return opts;
}
