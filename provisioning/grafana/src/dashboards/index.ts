// Every Vigil dashboard, by the file name it is written to under provisioning/grafana/dashboards/.
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';

import { alerts } from './alerts.js';
import { exchanges } from './exchanges.js';
import { hosts } from './hosts.js';
import { models } from './models.js';
import { overview } from './overview.js';
import { research } from './research.js';
import { services } from './services.js';
import { slo } from './slo.js';
import { trading } from './trading.js';

export const DASHBOARDS: Record<string, () => { build(): Dashboard }> = {
  'trading.json': trading,
  'hosts.json': hosts,
  'services.json': services,
  'models.json': models,
  'exchanges.json': exchanges,
  'alerts.json': alerts,
  'slo.json': slo,
  'overview.json': overview,
  'research.json': research,
};
