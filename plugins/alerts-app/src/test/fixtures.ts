// Alertmanager API v2 and journal answers in the shapes those APIs document, at a fixed time.
import type { AmAlert, AmAlertGroup, AmSilence } from '../types';
import { answer } from './fakeBackend';

const T = '2026-11-20T10:00:00.000Z';
export const venueDown: AmAlert = {
  fingerprint: 'aa01',
  labels: { alertname: 'VenueDown', severity: 'critical', venue: 'binance', symbol: 'BTCUSDT' },
  annotations: { summary: 'binance unreachable', runbook_url: 'https://runbooks.example/venuedown', dashboard_url: '/d/vigil-exchanges/exchanges' },
  startsAt: T,
  status: { state: 'active', silencedBy: [], inhibitedBy: [] },
};
export const rejects: AmAlert = {
  fingerprint: 'bb02',
  labels: { alertname: 'RejectsHigh', severity: 'warning', venue: 'okx' },
  annotations: { summary: 'reject ratio above 5%' },
  startsAt: T,
  status: { state: 'suppressed', silencedBy: ['s-1'], inhibitedBy: [] },
};
export const hostDown: AmAlert = {
  fingerprint: 'cc03',
  labels: { alertname: 'HostDown', severity: 'info', instance: 'h1' },
  annotations: {},
  startsAt: T,
  status: { state: 'suppressed', silencedBy: [], inhibitedBy: ['aa01'] },
};
export const silence: AmSilence = {
  id: 's-1',
  matchers: [{ name: 'venue', value: 'okx', isRegex: false, isEqual: true }],
  startsAt: T,
  endsAt: '2026-11-20T12:00:00.000Z',
  createdBy: 'bob',
  comment: 'okx maintenance',
  status: { state: 'active' },
};
const group = (labels: Record<string, string>, alerts: AmAlert[]): AmAlertGroup => ({ labels, receiver: { name: 'journal' }, alerts });

/** Two replicas with the same alerts (am-b lacks HostDown), the journal and Prometheus all up. */
export function healthyBackend(): void {
  answer('GET', 'alertmanager/0/alerts/groups', { data: [group({ alertname: 'VenueDown' }, [venueDown]), group({ alertname: 'RejectsHigh' }, [rejects]), group({ alertname: 'HostDown' }, [hostDown])] });
  answer('GET', 'alertmanager/1/alerts/groups', { data: [group({ alertname: 'VenueDown' }, [venueDown]), group({ alertname: 'RejectsHigh' }, [rejects])] });
  answer('GET', 'alertmanager/0/silences', { data: [silence] });
  answer('GET', 'alertmanager/1/silences', { data: [silence] });
  answer('GET', 'journal/alerts/acks', { data: { acks: [{ fingerprint: 'aa01', occurrence_id: 1, owner: 'carol', ticket: 'OPS-9', comment: 'failing over', acknowledged_at: T, silence_id: null }] } });
  answer('GET', 'journal/alerts/firing-counts', { data: { from: T, to: T, by_fingerprint: { aa01: 4 }, by_alertname: { VenueDown: 4 } } });
  answer('GET', 'prometheus/query', (req) => ({
    data: {
      status: 'success',
      data: { resultType: 'vector', result: String(req.params?.query).includes('notional') ? [{ metric: { venue: 'binance', symbol: 'BTCUSDT', strategy: 'mm', account: 'a' }, value: [0, '125000'] }] : [] },
    },
  }));
}
