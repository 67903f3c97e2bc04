// The trading and models dashboards against real data: the trading exporter and its simulator (their built
// commands, vigil-trading-exporter and vigil-trading-sim, as the local stack runs them) feed a real Prometheus scraping every second
// with the trading recording rules loaded. Every query whose inputs exist — raw metrics in the exporter's
// exposition, recorded series in Prometheus — must return series, so matchers such as final_status="filled"
// and the by-venue ratios select something.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { packageBin, startExporterProcess, waitFor, type RunningExporter } from '@vigil/test-support';

import { dashboardQueries, metricNames, substitute } from '../grafana/src/promql.js';
import { recordedMetricNames, sampledNames } from '../grafana/src/testing/metric-inventory.js';
import { startPrometheus, type TestPrometheus } from '../grafana/src/testing/prometheus.js';
import { committedDashboards, workspaceDir } from '../grafana/src/testing/repo.js';

/** The scorecard's fill ratio: these two queries of the trade-flow panel, numerator first. */
const FILL_RATIO_REFIDS = ['fill_ratio_sum', 'fill_ratio_count'] as const;

const command = (bin: string) => [process.execPath, packageBin('@vigil/trading-exporter', bin)];

describe('trading and models dashboards on the real trading exporter and simulator', () => {
  let exporter: RunningExporter | undefined;
  let prom: TestPrometheus | undefined;
  let exposed = new Set<string>();

  before(async () => {
    // A short grace period, so orders of the 9 s flow reach their final figures (transitions, shortfall) and the
    // 1 s markouts come due before the end.
    exporter = await startExporterProcess(command('vigil-trading-exporter'), ['--orders.grace-period=200ms'], { timeoutMs: 30_000 });
    prom = await startPrometheus({
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      rule_files: [path.join(workspaceDir, 'prometheus', 'rules', 'trading-recording.yml')],
      scrape_configs: [{ job_name: 'trading', static_configs: [{ targets: [new URL(exporter.url).host] }] }],
    });
    const [node, sim] = command('vigil-trading-sim');
    await promisify(execFile)(node!, [sim!, `--target.url=${exporter.url}`, '--sim.seed=7', '--sim.duration=9s'], {
      timeout: 60_000,
    });
    await waitFor(async () => /^trading_fill_markout_ratio_count\{[^}]*horizon="1s"[^}]*\} [1-9]/m.test(await (await fetch(`${exporter!.url}/metrics`)).text()), {
      what: 'measured 1 s markouts in the exporter',
      timeoutMs: 20_000,
    });
    const text = await (await fetch(`${exporter.url}/metrics`)).text();
    exposed = sampledNames(text);
    // Every series seen here has two samples in Prometheus once it scraped twice after this snapshot, so increase()
    // and rate() have points even for a series born in the simulator's last second (a research job's completion).
    const snapshotAt = Date.now() / 1000;
    await prom.waitForSeries(`timestamp(up{job="trading"}) >= ${(snapshotAt + 2.2).toFixed(3)}`, 'two scrapes after the exposition snapshot');
    // Two scrapes after the flow, so rate() has points, and the recording rules evaluated on them.
    await prom.waitForSeries('venue:trading_order_completion_duration_seconds:p95_rate5m', 'recorded completion p95');
    await prom.waitForSeries('venue:trading_fill_markout_5s:mean_rate5m', 'recorded 5 s markout mean');
  });

  after(async () => {
    await prom?.stop();
    await exporter?.stop();
  });

  it('every query whose inputs exist returns series', async () => {
    const recorded = recordedMetricNames();
    const recordedPresent = new Map<string, boolean>();
    let checked = 0;
    const empty: string[] = [];
    const skipped: string[] = [];
    for (const file of ['trading.json', 'models.json']) {
      for (const q of dashboardQueries(committedDashboards().get(file)!)) {
        const expr = substitute(q.expr, '.*');
        let ready = true;
        for (const n of metricNames(expr).names) {
          if (recorded.has(n)) {
            if (!recordedPresent.has(n))
              recordedPresent.set(n, (await prom!.query(n)).body.data.result.length > 0);
            ready &&= recordedPresent.get(n)!;
          } else {
            ready &&= exposed.has(n);
          }
        }
        if (!ready) {
          skipped.push(`${q.where}: ${expr}`);
          continue;
        }
        checked++;
        const r = await prom!.query(expr);
        assert.equal(r.body.status, 'success', `${file} ${q.where}: ${r.body.error ?? ''}`);
        if (r.body.data.result.length === 0) empty.push(`${file} ${q.where}: ${expr}`);
      }
    }
    assert.deepEqual(empty, []);
    // Order flow, latency, fills, slippage, rejects, ingest, models and signals are all in the simulator's flow.
    assert.ok(checked >= 30, `only ${checked} trading/models queries had their inputs`);
    // The execution-quality families (the trade-flow panel's flow, scorecard and shortfall, the markout panels) are
    // all in the simulator's flow, so none of their queries may be skipped. (Rejects may be: 0.5% of 75 orders.)
    assert.deepEqual(
      skipped.filter((w) => /trading_order_transition|trading_fill_markout|implementation_shortfall/.test(w)),
      [],
    );
  });

  it('the recorded mean 5 s markout is the true mean of the signed markouts: their parts never reset', async () => {
    type Vector = { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    const vector = async (query: string) => (await prom!.get<Vector>('/api/v1/query', { query })).result;
    const byVenue = (v: Vector['result']) => Object.fromEntries(v.map((s) => [s.metric.venue, Number(s.value[1])]));
    // Every fill's 5 s markout measured (or counted unmeasured) and scraped, then the rule evaluated after that.
    await prom!.waitForSeries(
      'sum(trading_fill_markout_ratio_count{horizon="5s"}) + sum(trading_fill_markouts_unmeasured_total{horizon="5s"}) >= sum(trading_events_received_total{type="order.filled"})',
      'every 5 s markout measured and scraped',
    );
    const settled = Date.now() / 1000;
    await prom!.waitForSeries(`timestamp(venue:trading_fill_markout_5s:mean_rate5m) > ${(settled + 1.2).toFixed(3)}`, 'the rule evaluated after the last markout');
    // The flow has favourable markouts as well as adverse ones: the signed sum the exporter used to export fell.
    const [favorable] = await vector('sum(trading_fill_markout_favorable_ratio_total{horizon="5s"})');
    const [adverse] = await vector('sum(trading_fill_markout_adverse_ratio_total{horizon="5s"})');
    assert.ok(Number(favorable?.value[1]) > 0 && Number(adverse?.value[1]) > 0, `adverse ${adverse?.value[1]}, favorable ${favorable?.value[1]}`);
    // The parts only grow: rate() sees no counter reset (the signed _sum had one at every fall).
    assert.deepEqual(await vector('resets(trading_fill_markout_adverse_ratio_total[5m]) + resets(trading_fill_markout_favorable_ratio_total[5m]) > 0'), []);
    // The true mean per venue over the run, from the counters' last values (no rate()), against the recorded one.
    const truth = byVenue(
      await vector(
        '(sum by (venue) (trading_fill_markout_adverse_ratio_total{horizon="5s"}) - sum by (venue) (trading_fill_markout_favorable_ratio_total{horizon="5s"})) / sum by (venue) (trading_fill_markout_ratio_count{horizon="5s"})',
      ),
    );
    const recorded = byVenue(await vector('venue:trading_fill_markout_5s:mean_rate5m'));
    assert.deepEqual(Object.keys(recorded).sort(), Object.keys(truth).sort());
    // rate() extrapolates each label set's increase by its own factor (their first scrapes differ), so the
    // recorded mean weighs the label sets a little differently (0.1% apart here, seed 7): within 0.1 bp or 5%.
    // The old rate(_sum) / rate(_count) read each fall of the signed sum as a reset and drifted up by bps.
    for (const [venue, mean] of Object.entries(truth)) {
      const slack = Math.max(0.1e-4, Math.abs(mean) / 20);
      assert.ok(Math.abs(recorded[venue] - mean) <= slack, `${venue}: recorded ${recorded[venue]}, true mean ${mean}`);
    }
  });

  it("the trade-flow panel's fill ratio, from its dashboard queries, is at most 100 % and the venue's true one", async () => {
    // The scorecard's fill ratio is the ratio of two of the panel's queries (numerator, denominator by refId) and
    // the truth the same ratio of the counters' own values (the whole run lies inside the 5 m range).
    const [num, den] = FILL_RATIO_REFIDS;
    const panel = (committedDashboards().get('trading.json')!.panels as Array<Record<string, unknown>>).find((p) => p.type === 'vigil-tradeflow-panel')!;
    const exprOf = (refId: string) => substitute((panel.targets as Array<{ refId: string; expr: string }>).find((t) => t.refId === refId)!.expr, '.*');
    type Vector = { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    const byVenue = async (query: string) =>
      Object.fromEntries((await prom!.get<Vector>('/api/v1/query', { query })).result.map((s) => [s.metric.venue, Number(s.value[1])]));
    const shown = await byVenue(`sum by (venue) (${exprOf(num)}) / sum by (venue) (${exprOf(den)})`);
    const metric = (refId: string) => /\((trading_[a-z_]+)/.exec(exprOf(refId).replace(/increase\(/g, ''))![1];
    const truth = await byVenue(`sum by (venue) (${metric(num)}) / sum by (venue) (${metric(den)})`);
    assert.deepEqual(Object.keys(shown).sort(), Object.keys(truth).sort());
    assert.ok(Object.keys(truth).length >= 4, `venues: ${JSON.stringify(truth)}`);
    for (const [venue, ratio] of Object.entries(truth)) {
      assert.ok(ratio >= 0 && ratio <= 1, `${venue}: true fill ratio ${ratio}`);
      // increase() extrapolates each label set's two series alike when they start together: 5% or 0.02 apart at most.
      const off = Math.abs(shown[venue] - ratio);
      assert.ok(shown[venue] <= 1 + 1e-9 && (off <= 0.02 || off <= ratio / 20), `${venue}: panel's fill ratio ${shown[venue]}, true ${ratio} (${num} / ${den})`);
    }
  });

  it('the flow conserves orders: what enters each final state is what completed, per venue', async () => {
    type Vector = { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    const vector = async (query: string) => (await prom!.get<Vector>('/api/v1/query', { query })).result;
    const byKey = (v: Vector['result'], label: string) => Object.fromEntries(v.map((s) => [`${s.metric.venue} ${s.metric[label]}`, Number(s.value[1])]));
    const into = byKey(await vector('sum by (venue, to_state) (trading_order_transitions_total{to_state=~"filled|canceled|rejected|expired"})'), 'to_state');
    assert.ok(Object.keys(into).length >= 4, `final states reached: ${JSON.stringify(into)}`);
    assert.deepEqual(into, byKey(await vector('sum by (venue, final_status) (trading_orders_completed_total)'), 'final_status'));
    // Every order that left submitted did so once: the outflow of submitted equals the completed orders.
    const [out] = await vector('sum(trading_order_transitions_total{from_state="submitted"}) - sum(trading_orders_completed_total)');
    assert.equal(Number(out?.value[1]), 0);
  });
});
