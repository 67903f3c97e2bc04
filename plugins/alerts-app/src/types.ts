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

// The journal's answers, typed by the journal itself (type-only: nothing of the exporter is bundled).
export type {
  Occurrence,
  OpenAck as JournalAck,
  BacktestResult as Backtest,
  GroupStats,
  StatsReport as Stats,
  HeatmapReport as Heatmap,
} from '@vigil/alert-journal/api-types';
