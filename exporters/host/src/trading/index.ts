// The trading-host collectors (namespace vigil_host_): clock sync, process groups, venue reachability.
import type { HostCollectorDef } from '../collectors/types.js';

export const TRADING_COLLECTORS: HostCollectorDef[] = [];
