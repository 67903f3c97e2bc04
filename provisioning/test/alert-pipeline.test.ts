// Live pipeline: real Prometheus with Vigil's prometheus.yml and rules, real Alertmanager with Vigil's
// alertmanager.yml (ports rewritten, route timings shortened, secret files absent), a target that breaches
// TradingJobFailed, and a webhook receiver in the journal's place. Then a silence made through
// Alertmanager's API v2 mutes the alert.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPipeline, waitFor, type Pipeline } from '@vigil/test-support';

const REPEAT_MS = 2000;

describe('live alert pipeline (real Prometheus + Alertmanager)', () => {
  let p: Pipeline;
  let silenceId = '';

  before(async () => {
    p = await startPipeline({
      scrapeInterval: '1s',
      evaluationInterval: '1s',
      groupWait: '1s',
      groupInterval: '1s',
      repeatInterval: `${REPEAT_MS / 1000}s`,
    });
  });
  after(async () => {
    await p?.stop();
  });

  it('delivers a breached TradingJobFailed to the journal webhook with the expected labels', async () => {
    // Let Prometheus scrape the counter at 0 twice first, so the breach is an increase over a known zero.
    await waitFor(
      async () => {
        const r = await p.prometheus.query('count_over_time(trading_jobs_completed_total{outcome="failed"}[1m])');
        return Number(r[0]?.value[1] ?? 0) >= 2;
      },
      { what: 'two scrapes of the target at zero', timeoutMs: 15_000 },
    );
    const t0 = p.breach();
    const payload = await p.waitForAlert('TradingJobFailed', t0, 30_000);
    const alert = payload.alerts.find((a) => a.labels.alertname === 'TradingJobFailed')!;
    assert.equal(payload.receiver, 'slack-quant');
    assert.deepEqual(alert.labels, {
      alertname: 'TradingJobFailed',
      severity: 'warning',
      team: 'quant',
      kind: 'backtest',
      strategy: 'momentum',
      // Prometheus adds its external labels to every alert it sends, but prometheus.yml's
      // alert_relabel_configs drop `replica`: both replicas of an HA pair then send one identical alert.
      cluster: 'vigil-local',
    });
    assert.equal(alert.annotations.runbook_url, 'docs/runbooks.md#tradingjobfailed');
    assert.match(alert.annotations.description, /^1 backtest job\(s\) of strategy momentum failed/);
  });

  it("delivers it although the receiver's Slack secret file does not exist", async () => {
    // slack-quant also has a Slack integration whose api_url_file is absent here; Alertmanager logs that
    // integration's failure and still notifies the webhook.
    const failure =
      /Notify for alerts failed.*slack-quant\/slack\[0\].*open \/etc\/alertmanager\/secrets\/slack-webhook-url: no such file or directory/;
    await waitFor(async () => (failure.test(p.alertmanager.logs()) ? true : undefined), {
      what: 'the Slack integration failure in the log',
      timeoutMs: 15_000,
    });
  });

  it('keeps re-notifying while the alert fires (repeat interval)', async () => {
    const since = performance.now();
    await p.waitForAlert('TradingJobFailed', since, REPEAT_MS * 4);
  });

  it('mutes the alert with a silence created through the API v2', async () => {
    const now = new Date();
    const res = await fetch(`${p.alertmanager.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matchers: [{ name: 'alertname', value: 'TradingJobFailed', isRegex: false, isEqual: true }],
        startsAt: now.toISOString(),
        endsAt: new Date(now.getTime() + 3600_000).toISOString(),
        createdBy: 'vigil-test',
        comment: 'pipeline test',
      }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    silenceId = ((await res.json()) as { silenceID: string }).silenceID;
    assert.ok(silenceId);

    const state = await waitFor(
      async () => {
        const r = await fetch(
          `${p.alertmanager.url}/api/v2/alerts?filter=${encodeURIComponent('alertname="TradingJobFailed"')}`,
        );
        const alerts = (await r.json()) as { status: { state: string; silencedBy: string[] } }[];
        return alerts[0]?.status.state === 'suppressed' ? alerts[0].status : undefined;
      },
      { what: 'the alert to be suppressed', timeoutMs: 10_000 },
    );
    assert.deepEqual(state.silencedBy, [silenceId]);

    // Nothing more reaches the webhook for it over three repeat intervals, while Watchdog still does (an absence
    // can only be watched for a while).
    const since = performance.now() + 500;
    await sleep(REPEAT_MS * 3);
    const after = p.payloads.filter((x) => x.receivedAt >= since);
    assert.equal(
      after.filter((x) =>
        x.alerts.some((a) => a.labels.alertname === 'TradingJobFailed' && a.status === 'firing'),
      ).length,
      0,
    );
    assert.ok(
      after.some((x) => x.alerts.some((a) => a.labels.alertname === 'Watchdog')),
      'Watchdog kept arriving',
    );
  });
});
