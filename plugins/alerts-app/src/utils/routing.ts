import { PLUGIN_BASE_URL, ROUTES } from '../constants';

/** The absolute path of an app page, as Grafana mounts it (/a/vigil-alerts-app/<route>). */
export function prefixRoute(route: ROUTES | string, query?: URLSearchParams): string {
  const q = query?.toString();
  return `${PLUGIN_BASE_URL}/${route}${q ? `?${q}` : ''}`;
}
