// Datasource UIDs shared by the provisioned datasources (provisioning/datasources/vigil.yml) and the dashboards;
// a test checks the two agree.
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

export const DS_UID = {
  prometheus: 'vigil-prometheus',
  thanos: 'vigil-thanos',
  alertmanager: 'vigil-alertmanager',
  loki: 'vigil-loki',
  tempo: 'vigil-tempo',
  journal: 'vigil-alert-journal',
} as const;

/** Every Prometheus panel goes through the `datasource` variable so a user can switch to Thanos for long ranges. */
export const PROM: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };
export const JOURNAL: DataSourceRef = { type: 'yesoreyeram-infinity-datasource', uid: DS_UID.journal };
