// A query of the Infinity datasource (yesoreyeram-infinity-datasource) against the alert journal's REST API.
// The foundation SDK has no Infinity builder, so this one produces the documented query shape directly.
import type * as cog from '@grafana/grafana-foundation-sdk/cog';

import { JOURNAL } from './datasources.js';

export interface JournalQuery {
  refId: string;
  /** Path under the journal datasource's base URL, e.g. /api/v1/alerts/stats. */
  path: string;
  /** JSON path of the array to show as rows, e.g. by_alertname. */
  rootSelector: string;
  params?: Record<string, string>;
}

export function journalQuery(q: JournalQuery): cog.Builder<cog.Dataquery> {
  const query = {
    refId: q.refId,
    datasource: JOURNAL,
    type: 'json',
    source: 'url',
    parser: 'backend',
    format: 'table',
    url: q.path,
    url_options: {
      method: 'GET',
      params: Object.entries(q.params ?? {}).map(([key, value]) => ({ key, value })),
    },
    root_selector: q.rootSelector,
  };
  return { build: () => query as unknown as cog.Dataquery };
}
