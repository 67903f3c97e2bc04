// What the signed-in user may do, from what Grafana gives plugins at run time: config.bootData.user (its RBAC
// permissions map when Grafana sends one, else its organisation role). The proxy routes enforce the same
// actions (reqAction), so hiding a button is convenience, never the protection.
import { ACTIONS } from '../constants';

export interface Access {
  read: boolean;
  ack: boolean;
  silence: boolean;
  configure: boolean;
}

export interface BootUser {
  orgRole?: string;
  isGrafanaAdmin?: boolean;
  permissions?: Record<string, boolean>;
}

const RANK: Record<string, number> = { None: 0, Viewer: 1, Editor: 2, Admin: 3 };

export function accessOf(user: BootUser | undefined): Access {
  const perms = user?.permissions;
  const prefix = ACTIONS.read.split('.')[0] + '.';
  if (perms && Object.keys(perms).some((k) => k.startsWith(prefix))) {
    return { read: !!perms[ACTIONS.read], ack: !!perms[ACTIONS.ack], silence: !!perms[ACTIONS.silence], configure: !!perms[ACTIONS.configure] };
  }
  // The grants of plugin.json roles: Viewer reads, Editor acknowledges and silences, Admin configures.
  const rank = user?.isGrafanaAdmin ? 3 : (RANK[user?.orgRole ?? ''] ?? 0);
  return { read: rank >= 1, ack: rank >= 2, silence: rank >= 2, configure: rank >= 3 };
}
