// The app's insights as pure functions: silence backtest, weekday×hour heat map (in a zone with DST), firing
// counts and CSV escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtestSilence } from '../src/insights/backtest.js';
import { csvCell, occurrencesCsv } from '../src/insights/csv.js';
import { firingCounts, localSlotter, weekHourHeatmap } from '../src/insights/heatmap.js';
import { toOccurrence, type OccurrenceRow } from '../src/store/occurrence.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
let nextId = 1;
function row(p: Partial<OccurrenceRow> & { labels?: string }): OccurrenceRow {
  const T = Date.parse('2026-11-16T09:00:00Z'); // a Monday
  return {
    id: nextId++, fingerprint: 'f1', alertname: 'A', severity: 'warning', service: 'orders', venue: 'binance', labels: '{"alertname":"A","venue":"binance"}',
    annotations: '{"summary":"s"}', generator_url: '', starts_at: T, ends_at: T + 10 * MIN, status: 'resolved', first_received_at: T, last_received_at: T,
    notifications: 1, acked_at: null, acked_by: null, ack_ticket: null, ack_comment: null, ack_silence_id: null, ack_silence_ended_at: null, ...p,
  };
}

test('backtest: Alertmanager matcher semantics over stored labels, counts per alert name, newest sample first', () => {
  const from = Date.parse('2026-11-16T00:00:00Z');
  const to = from + 7 * 24 * HOUR;
  const rows = [
    row({ fingerprint: 'b1', alertname: 'VenueDown', labels: '{"alertname":"VenueDown","venue":"binance"}', starts_at: from + HOUR, ends_at: from + 2 * HOUR }),
    row({ fingerprint: 'b1', alertname: 'VenueDown', labels: '{"alertname":"VenueDown","venue":"binance"}', starts_at: from + 5 * HOUR, ends_at: null, status: 'firing' }),
    row({ fingerprint: 'o1', alertname: 'VenueDown', labels: '{"alertname":"VenueDown","venue":"okx"}', starts_at: from + 3 * HOUR, ends_at: from + 4 * HOUR }),
    row({ fingerprint: 'k1', alertname: 'VenueDown', labels: '{"alertname":"VenueDown","venue":"kraken"}', starts_at: from + 3 * HOUR, ends_at: from + 4 * HOUR }),
    row({ fingerprint: 'r1', alertname: 'RejectsHigh', labels: '{"alertname":"RejectsHigh","venue":"binance"}', starts_at: from + 3 * HOUR, ends_at: from + 4 * HOUR }),
  ];
  const r = backtestSilence(rows, [
    { name: 'alertname', value: 'VenueDown', isRegex: false, isEqual: true },
    { name: 'venue', value: 'binance|okx', isRegex: true, isEqual: true },
  ], from, to, from + 6 * HOUR, 2);
  assert.equal(r.matched_occurrences, 3);
  assert.equal(r.matched_alerts, 2);
  assert.deepEqual(r.by_alertname, [{ alertname: 'VenueDown', occurrences: 3 }]);
  // 1 h + 1 h + the open one up to now (1 h).
  assert.equal(r.firing_seconds, 3 * 3600);
  assert.deepEqual(r.occurrences.map((o) => o.starts_at), [new Date(from + 5 * HOUR).toISOString(), new Date(from + 3 * HOUR).toISOString()]);
  assert.equal(r.truncated, true);
  // Anchored: "bin" matches nothing; a negative matcher inverts.
  assert.equal(backtestSilence(rows, [{ name: 'venue', value: 'bin', isRegex: true, isEqual: true }], from, to, to).matched_occurrences, 0);
  assert.equal(backtestSilence(rows, [{ name: 'venue', value: 'binance', isRegex: false, isEqual: false }], from, to, to).matched_occurrences, 2);
});

test('heat map: firing seconds land in the weekday and hour of the desk zone, across a DST change', () => {
  // New York leaves DST on Sunday 2026-11-01 at 06:00 UTC: 13:30 UTC is 09:30 local before, 08:30 after.
  const before = Date.parse('2026-10-30T13:30:00Z'); // Friday
  const after = Date.parse('2026-11-02T13:30:00Z'); // Monday
  const rows = [
    row({ starts_at: before, ends_at: before + 90 * MIN }),
    row({ starts_at: after, ends_at: after + 30 * MIN }),
  ];
  const from = Date.parse('2026-10-26T00:00:00Z');
  const to = Date.parse('2026-11-09T00:00:00Z');
  const h = weekHourHeatmap(rows, from, to, to, 'America/New_York');
  // Friday (row 4): 09:30-10:00 and 10:00-11:00 local.
  assert.equal(h.firing_seconds[4][9], 30 * 60);
  assert.equal(h.firing_seconds[4][10], 60 * 60);
  assert.equal(h.starts[4][9], 1);
  // Monday (row 0), after the change: 08:30-09:00 local.
  assert.equal(h.firing_seconds[0][8], 30 * 60);
  assert.equal(h.starts[0][8], 1);
  const total = h.firing_seconds.flat().reduce((a, b) => a + b, 0);
  assert.equal(total, 120 * 60);
  // The same in UTC: both at hour 13.
  const u = weekHourHeatmap(rows, from, to, to, 'UTC');
  assert.equal(u.firing_seconds[4][13], 30 * 60);
  assert.equal(u.firing_seconds[0][13], 30 * 60);
  assert.throws(() => localSlotter('Mars/Olympus'), RangeError);
});

test('heat map: an occurrence is clipped to the window and an open one counts up to now', () => {
  const from = Date.parse('2026-11-16T00:00:00Z');
  const rows = [row({ starts_at: from - HOUR, ends_at: from + HOUR }), row({ starts_at: from + 2 * HOUR, ends_at: null, status: 'firing' })];
  const h = weekHourHeatmap(rows, from, from + 7 * 24 * HOUR, from + 2 * HOUR + 15 * MIN, 'UTC');
  assert.equal(h.firing_seconds[0][0], 3600);
  assert.equal(h.firing_seconds[0][2], 15 * 60);
  // Started before the window: firing counted, start not.
  assert.equal(h.starts.flat().reduce((a, b) => a + b, 0), 1);
});

test('firing counts per fingerprint and alert name count starts inside the window only', () => {
  const from = Date.parse('2026-11-16T00:00:00Z');
  const rows = [row({ fingerprint: 'x', starts_at: from + HOUR }), row({ fingerprint: 'x', starts_at: from + 2 * HOUR }), row({ fingerprint: 'y', alertname: 'B', starts_at: from - HOUR })];
  const c = firingCounts(rows, from, from + 24 * HOUR);
  assert.deepEqual(c.by_fingerprint, { x: 2 });
  assert.deepEqual(c.by_alertname, { A: 2 });
});

test('CSV: RFC 4180 quoting, and formula-looking cells neutralised', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell('-1'), "'-1");
  assert.equal(csvCell(null), '');
  const text = occurrencesCsv([toOccurrence(row({ annotations: '{"summary":"line1\\nline2"}' }))]);
  const [header, first] = text.split('\r\n');
  assert.ok(header.startsWith('id,fingerprint,alertname'));
  assert.match(first, /"line1\nline2"/);
  assert.ok(text.endsWith('\r\n'));
});
