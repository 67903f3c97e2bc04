// What the alert-management app reads beyond history and stats: a silence backtest over stored occurrences,
// firing counts, the weekday×hour heat map and the open acknowledgements.
import type { Router } from 'express';
import type { ApiDeps } from './deps.js';
import { badRequest } from './errors.js';
import { parseSilenceMatchers } from './silence-matchers.js';
import { objectBody, query, timeWindow } from './validate.js';
import { backtestSilence } from '../insights/backtest.js';
import { firingCounts, weekHourHeatmap } from '../insights/heatmap.js';
import { occurrencesInRange } from '../store/history-query.js';
import { toOccurrence } from '../store/occurrence.js';
import type { HeatmapReport, OpenAck } from './wire-types.js';

const DAY = 86_400_000;
/** A silence preview looks back at most a week, the horizon the app offers. */
export const BACKTEST_MAX_DAYS = 7;
export const HEATMAP_MAX_DAYS = 90;

function timezone(value: string | undefined): string {
  const tz = value ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
  } catch {
    throw badRequest('timezone', `unknown IANA time zone ${JSON.stringify(tz)}, e.g. Europe/London`);
  }
  return tz;
}

export function mountInsights(router: Router, deps: ApiDeps): void {
  router.post('/silences/backtest', (req, res) => {
    const body = objectBody(req.body, ['matchers', 'start_time', 'end_time', 'sample']);
    const matchers = parseSilenceMatchers(body.matchers);
    for (const f of ['start_time', 'end_time'] as const) {
      if (body[f] !== undefined && typeof body[f] !== 'string') throw badRequest(f, 'expected an ISO 8601 time string');
    }
    const sample = body.sample ?? 100;
    if (typeof sample !== 'number' || !Number.isInteger(sample) || sample < 0 || sample > 1000) throw badRequest('sample', `expected an integer 0..1000, got ${JSON.stringify(sample)}`);
    const now = Date.now();
    const { from, to } = timeWindow({ start_time: body.start_time as string | undefined, end_time: body.end_time as string | undefined }, BACKTEST_MAX_DAYS * DAY, BACKTEST_MAX_DAYS * DAY, now);
    res.json(backtestSilence(occurrencesInRange(deps.store.db, from, to), matchers, from, to, now, sample));
  });

  router.get('/alerts/firing-counts', (req, res) => {
    const q = query(req.query as Record<string, unknown>, ['start_time', 'end_time']);
    const { from, to } = timeWindow(q, 7 * DAY, HEATMAP_MAX_DAYS * DAY);
    res.json(firingCounts(occurrencesInRange(deps.store.db, from, to), from, to));
  });

  router.get('/alerts/heatmap', (req, res) => {
    const q = query(req.query as Record<string, unknown>, ['alertname', 'start_time', 'end_time', 'timezone']);
    const now = Date.now();
    const { from, to } = timeWindow(q, 28 * DAY, HEATMAP_MAX_DAYS * DAY, now);
    const tz = timezone(q.timezone);
    const rows = occurrencesInRange(deps.store.db, from, to).filter((r) => q.alertname === undefined || r.alertname === q.alertname);
    const report: HeatmapReport = { alertname: q.alertname ?? null, ...weekHourHeatmap(rows, from, to, now, tz) };
    res.json(report);
  });

  router.get('/alerts/acks', (req, res) => {
    query(req.query as Record<string, unknown>, []);
    res.json({
      acks: deps.store.openAckRows().map((r): OpenAck => {
        const o = toOccurrence(r);
        return { fingerprint: o.fingerprint, occurrence_id: o.id, owner: o.owner, ticket: o.ticket, comment: o.ack_comment, acknowledged_at: o.acknowledged_at, silence_id: r.ack_silence_id };
      }),
    });
  });
}
