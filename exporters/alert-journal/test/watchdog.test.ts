// Dead man's switch against a real Alertmanager 0.25: while Watchdog notifications arrive nothing is raised;
// when they stop for --watchdog.timeout the journal posts VigilWatchdogMissing to Alertmanager's API (where it is
// an active alert, routed like any other), and resolves it as soon as Watchdog is back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePort, startAlertmanager, waitFor, type RunningAlertmanager } from '@vigil/test-support';
import { removeDir, startJournal, type RunningJournal } from './helpers/journal.js';
import { postWebhook, webhookPayload } from './helpers/payloads.js';

const CONFIG = `
route:
  receiver: 'null'
receivers:
  - name: 'null'
`;

describe('dead man\'s switch (Watchdog)', () => {
  let am: RunningAlertmanager;
  let j: RunningJournal;

  before(async () => {
    const port = await freePort();
    am = await startAlertmanager({ config: CONFIG, port });
    j = await startJournal(['--watchdog.timeout=1500ms', '--watchdog.check-interval=200ms'], { ALERTMANAGER_URL: am.url });
  });
  after(async () => {
    await j?.stop();
    if (j) removeDir(j.dir);
    await am?.stop();
  });

  const missing = async () => {
    const alerts = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as { labels: Record<string, string>; status: { state: string } }[];
    return alerts.find((a) => a.labels.alertname === 'VigilWatchdogMissing');
  };
  const watchdog = () => postWebhook(j.url, webhookPayload([{ alertname: 'Watchdog', fingerprint: 'a1b2c3d4e5f60718', startsAt: new Date().toISOString(), labels: { severity: 'info' } }]));

  it('raises VigilWatchdogMissing in Alertmanager when Watchdog stops, and resolves it when Watchdog is back', async () => {
    // Heartbeats every 300 ms for 2.5 s, longer than the timeout: nothing raised.
    const beating = setInterval(() => void watchdog(), 300);
    try {
      const first = await watchdog();
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const until = Date.now() + 2500;
      await waitFor(() => Date.now() > until, { what: '2.5 s of heartbeats', timeoutMs: 10_000, intervalMs: 100 });
      assert.equal(await missing(), undefined, 'raised while Watchdog kept arriving');
    } finally {
      clearInterval(beating);
    }
    const raised = await waitFor(missing, { what: 'VigilWatchdogMissing active in Alertmanager', timeoutMs: 15_000 });
    assert.equal(raised.status.state, 'active');
    assert.equal(raised.labels.severity, 'critical');
    const metrics = await (await fetch(`${j.url}/metrics`)).text();
    assert.match(metrics, /^vigil_alert_journal_watchdog_missing 1$/m);
    assert.ok(j.logs.some((l) => l.includes('VigilWatchdogMissing raised in Alertmanager')));

    assert.equal((await watchdog()).status, 200);
    await waitFor(async () => (await missing()) === undefined, { what: 'VigilWatchdogMissing resolved', timeoutMs: 15_000 });
    assert.match(await (await fetch(`${j.url}/metrics`)).text(), /^vigil_alert_journal_watchdog_missing 0$/m);
  });
});
