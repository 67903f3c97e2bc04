// What a host collector is: a name (--collector.<name>), whether it is on by default, its own flags, and a
// factory that returns the scrape-time collect function. Adding a collector = one file + one line in index.ts.
import type { CollectContext, Exporter, FlagSpec, FlagValues, MetricFamily } from '@vigil/exporter-kit';
import type { Logger } from 'pino';
import type { HostPaths } from '../host-paths.js';

export interface HostCollectorContext {
  paths: HostPaths;
  flags: FlagValues;
  logger: Logger;
  /** For collectors that probe in the background: they register their closer with exporter.onClose. */
  exporter?: Exporter;
}

export type CollectFn = (ctx: CollectContext) => Promise<MetricFamily[]> | MetricFamily[];

export interface HostCollectorDef {
  name: string;
  defaultEnabled: boolean;
  /** Collectors that need configuration (servers, venues, groups) turn themselves on when it is given. */
  configured?: (flags: FlagValues) => boolean;
  flags?: FlagSpec[];
  create(ctx: HostCollectorContext): CollectFn;
}
