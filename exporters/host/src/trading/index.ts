// The trading-host collectors (namespace vigil_host_): clock sync, process groups, venue reachability. Each is
// off until it is configured (--clock.server, --process.group, --venue) or enabled with --collector.<name>.
import type { HostCollectorDef } from '../collectors/types.js';
import { clockCollector } from './clock.js';
import { processesCollector } from './processes.js';
import { venuesCollector } from './venues.js';

export const TRADING_COLLECTORS: HostCollectorDef[] = [clockCollector, processesCollector, venuesCollector];
