// Settings (plugin jsonData) and the shapes the app reads from Alertmanager API v2, the journal and Prometheus.

export interface AlertmanagerConfig {
  name: string;
  url: string;
}

/** A weekly trading schedule in a time zone; `sessions` are "Sun 17:00".."Fri 17:00" style local intervals. */
export interface MarketCalendar {
  id: string;
  name: string;
  timezone: string;
  alwaysOpen?: boolean;
  sessions: Array<{ open: string; close: string }>;
  /** Local dates (YYYY-MM-DD) with no session opening. */
  holidays?: string[];
}

export interface AppSettings {
  journalUrl?: string;
  prometheusUrl?: string;
  alertmanagers?: AlertmanagerConfig[];
  calendars?: MarketCalendar[];
  /** venue label value -> calendar id */
  venueCalendars?: Record<string, string>;
  maxSilenceHours?: number;
  /** Base for relative runbook_url annotations (e.g. docs/runbooks.md#x). */
  runbookBaseUrl?: string;
}

export type Labels = Record<string, string>;

export interface AmMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export interface AmAlert {
  fingerprint: string;
  labels: Labels;
  annotations: Labels;
  startsAt: string;
  updatedAt?: string;
  endsAt?: string;
  generatorURL?: string;
  receivers?: Array<{ name: string }>;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy: string[]; inhibitedBy: string[] };
}

export interface AmAlertGroup {
  labels: Labels;
  receiver: { name: string };
  alerts: AmAlert[];
}

export interface AmSilence {
  id: string;
  matchers: AmMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  updatedAt?: string;
  status: { state: 'active' | 'pending' | 'expired' };
}

export interface Occurrence {
  id: number;
  fingerprint: string;
  alertname: string;
  severity: string;
  service: string;
  venue: string;
  status: 'firing' | 'resolved';
  starts_at: string;
  ends_at: string | null;
  duration_seconds: number | null;
  notifications: number;
  labels: Labels;
  annotations: Labels;
  acknowledged: boolean;
  acknowledged_at: string | null;
  owner: string | null;
  ticket: string | null;
  ack_comment: string | null;
}

export interface JournalAck {
  fingerprint: string;
  occurrence_id: number;
  owner: string | null;
  ticket: string | null;
  comment: string | null;
  acknowledged_at: string | null;
  silence_id: string | null;
}

export interface Backtest {
  from: string;
  to: string;
  matched_occurrences: number;
  matched_alerts: number;
  firing_seconds: number;
  by_alertname: Array<{ alertname: string; occurrences: number }>;
  occurrences: Occurrence[];
  truncated: boolean;
}

export interface GroupStats {
  key: string;
  occurrences: number;
  firing_seconds: number;
  acknowledged: number;
  resolved: number;
  mean_time_to_acknowledge_seconds: number | null;
  mean_time_to_resolve_seconds: number | null;
  flapping_score: number;
}

export interface Stats {
  from: string;
  to: string;
  total: GroupStats;
  by_alertname: GroupStats[];
  noisiest: Array<{ alertname: string; occurrences: number; firing_seconds: number }>;
}

export interface Heatmap {
  alertname: string | null;
  timezone: string;
  firing_seconds: number[][];
  starts: number[][];
}
