import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;
/** Grafana's plugin proxy: every call to the journal, Alertmanager and Prometheus goes through plugin.json routes. */
export const PROXY_BASE = `/api/plugin-proxy/${PLUGIN_ID}`;

export enum ROUTES {
  Alerts = 'alerts',
  Silences = 'silences',
  History = 'history',
}

/** plugin.json declares one set of proxy routes per Alertmanager slot. */
export const MAX_ALERTMANAGERS = 4;

/** RBAC actions declared in plugin.json `roles` (granted to Viewer, Editor, Editor, Admin). */
export const ACTIONS = {
  read: 'vigil-alerts-app.alerts:read',
  ack: 'vigil-alerts-app.alerts:ack',
  silence: 'vigil-alerts-app.silences:write',
  configure: 'vigil-alerts-app.settings:write',
} as const;

/** Requests that take longer are abandoned and shown as a timeout of their source. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** The Alerts page asks its sources again this often while its tab is visible (karma's default is 60 s). */
export const AUTO_REFRESH_MS = 30_000;
