// One firing period of one alert (fingerprint + startsAt), as stored and as the API shows it.
export interface OccurrenceRow {
  id: number;
  fingerprint: string;
  alertname: string;
  severity: string;
  service: string;
  venue: string;
  labels: string;
  annotations: string;
  generator_url: string;
  starts_at: number;
  ends_at: number | null;
  status: 'firing' | 'resolved';
  first_received_at: number;
  last_received_at: number;
  notifications: number;
  acked_at: number | null;
  acked_by: string | null;
  ack_ticket: string | null;
  ack_comment: string | null;
  ack_silence_id: string | null;
  ack_silence_ended_at: number | null;
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
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generator_url: string;
  acknowledged: boolean;
  acknowledged_at: string | null;
  owner: string | null;
  ticket: string | null;
  ack_comment: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toOccurrence(r: OccurrenceRow): Occurrence {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    alertname: r.alertname,
    severity: r.severity,
    service: r.service,
    venue: r.venue,
    status: r.status,
    starts_at: new Date(r.starts_at).toISOString(),
    ends_at: iso(r.ends_at),
    duration_seconds: r.ends_at === null ? null : (r.ends_at - r.starts_at) / 1000,
    notifications: r.notifications,
    labels: JSON.parse(r.labels) as Record<string, string>,
    annotations: JSON.parse(r.annotations) as Record<string, string>,
    generator_url: r.generator_url,
    acknowledged: r.acked_at !== null,
    acknowledged_at: iso(r.acked_at),
    owner: r.acked_by,
    ticket: r.ack_ticket,
    ack_comment: r.ack_comment,
  };
}
