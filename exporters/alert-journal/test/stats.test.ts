import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats } from '../src/stats.js';
import type { OccurrenceRow } from '../src/store/occurrence.js';

const MIN = 60_000;
const T = Date.parse('2026-11-20T00:00:00Z');
let nextId = 1;
function row(p: Partial<OccurrenceRow>): OccurrenceRow {
  return {
    id: nextId++, fingerprint: 'f1', alertname: 'A', severity: 'warning', service: 'orders', venue: 'binance', labels: '{}', annotations: '{}',
    generator_url: '', starts_at: T, ends_at: null, status: 'firing', first_received_at: T, last_received_at: T, notifications: 1,
    acked_at: null, acked_by: null, ack_ticket: null, ack_comment: null, ack_silence_id: null, ack_silence_ended_at: null, ...p,
  };
}

test('MTTA, MTTR, firing time clipped to the range, flapping and the noisiest alerts', () => {
  const rows = [
    // A flaps: resolves, re-fires 5 minutes later (within the 15-minute window), then again 60 minutes later.
    row({ starts_at: T, ends_at: T + 10 * MIN, status: 'resolved', acked_at: T + 2 * MIN }),
    row({ starts_at: T + 15 * MIN, ends_at: T + 20 * MIN, status: 'resolved', acked_at: T + 19 * MIN }),
    row({ starts_at: T + 80 * MIN, ends_at: null }),
    row({ fingerprint: 'f2', alertname: 'B', severity: 'critical', venue: 'kraken', starts_at: T - 30 * MIN, ends_at: T + 30 * MIN, status: 'resolved' }),
  ];
  const s = computeStats(rows, T, T + 120 * MIN, T + 100 * MIN);
  const a = s.by_alertname.find((g) => g.key === 'A')!;
  assert.equal(a.occurrences, 3);
  assert.equal(a.mean_time_to_acknowledge_seconds, (2 * 60 + 4 * 60) / 2);
  assert.equal(a.mean_time_to_resolve_seconds, (10 * 60 + 5 * 60) / 2);
  // 10 + 5 + (100 - 80) minutes: the open one counts up to now.
  assert.equal(a.firing_seconds, 35 * 60);
  assert.equal(a.flapping_score, 1 / 3);
  const b = s.by_alertname.find((g) => g.key === 'B')!;
  // Started before the range: only the part inside counts for firing time; MTTR uses the whole occurrence.
  assert.equal(b.firing_seconds, 30 * 60);
  assert.equal(b.mean_time_to_resolve_seconds, 60 * 60);
  assert.equal(b.mean_time_to_acknowledge_seconds, null);
  assert.deepEqual(s.noisiest.map((n) => n.alertname), ['A', 'B']);
  assert.deepEqual(s.by_severity.map((g) => [g.key, g.occurrences]), [['warning', 3], ['critical', 1]]);
  assert.deepEqual(s.by_venue.map((g) => [g.key, g.occurrences]), [['binance', 3], ['kraken', 1]]);
  assert.equal(s.total.occurrences, 4);
});
