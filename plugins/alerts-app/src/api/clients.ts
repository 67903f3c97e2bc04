// The calls the pages make, one function each, through the plugin.json routes.
import type { AmAlertGroup, AmMatcher, AmSilence, Backtest, Heatmap, JournalAck, Labels, Occurrence, Stats } from '../types';
import { type Sample, vectorSamples } from '../lib/money';
import { SourceError, proxyRequest, proxyUrl } from './proxy';

export const JOURNAL = 'Alert journal';
export const PROMETHEUS = 'Prometheus';
export const alertmanagerSource = (name: string) => `Alertmanager "${name}"`;

export const alertmanager = (slot: number, name: string) => {
  const source = alertmanagerSource(name);
  const base = `alertmanager/${slot}`;
  return {
    source,
    groups: () => proxyRequest<AmAlertGroup[]>(source, `${base}/alerts/groups`, { params: { active: 'true', silenced: 'true', inhibited: 'true' } }),
    silences: () => proxyRequest<AmSilence[]>(source, `${base}/silences`),
    saveSilence: (body: unknown) => proxyRequest<{ silenceID: string }>(source, `${base}/silences`, { method: 'POST', data: body }),
    expireSilence: (id: string) => proxyRequest<unknown>(source, `${base}/silence/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
};

export const journal = {
  acks: () => proxyRequest<{ acks: JournalAck[] }>(JOURNAL, 'journal/alerts/acks'),
  firingCounts: () => proxyRequest<{ by_fingerprint: Record<string, number>; by_alertname: Record<string, number> }>(JOURNAL, 'journal/alerts/firing-counts'),
  ack: (fingerprint: string, body: { owner: string; comment?: string; ticket?: string; silence_until_resolved?: boolean }) =>
    proxyRequest<{ occurrence: Occurrence; silence_id: string | null }>(JOURNAL, `journal/alerts/${encodeURIComponent(fingerprint)}/ack`, { method: 'POST', data: body }),
  backtest: (matchers: AmMatcher[]) => proxyRequest<Backtest>(JOURNAL, 'journal/silences/backtest', { method: 'POST', data: { matchers, sample: 20 } }),
  history: (params: Record<string, string | undefined>) => proxyRequest<{ occurrences: Occurrence[]; next_cursor: string | null }>(JOURNAL, 'journal/alerts/history', { params }),
  historyCsvUrl: (params: Record<string, string | undefined>) => proxyUrl('journal/alerts/history.csv', params),
  stats: (params: { start_time?: string; end_time?: string }) => proxyRequest<Stats>(JOURNAL, 'journal/alerts/stats', { params }),
  heatmap: (params: { alertname: string; timezone: string; start_time?: string; end_time?: string }) => proxyRequest<Heatmap>(JOURNAL, 'journal/alerts/heatmap', { params }),
};

interface PromVector {
  status: string;
  data: { resultType: string; result: Array<{ metric: Labels; value: [number, string] }> };
}

export async function promInstant(query: string): Promise<Sample[]> {
  const res = await proxyRequest<PromVector>(PROMETHEUS, 'prometheus/query', { params: { query } });
  if (res?.data?.resultType !== 'vector') {
    throw new SourceError(PROMETHEUS, 'upstream', `expected an instant vector for ${query}`);
  }
  return vectorSamples(res.data.result);
}
