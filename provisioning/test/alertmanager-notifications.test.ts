// Notification texts for real: Alertmanager 0.25 with alertmanager.yml (secret files present in a temp folder,
// Slack's and PagerDuty's URLs pointed at a local receiver, short route timings) renders the templates for a
// TradingHalt page, with absolute runbook and dashboard links, and reads the routing key from its file.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loopbackAlertmanagerConfig, startAlertmanager, waitFor, type RunningAlertmanager } from '@vigil/test-support';

const ROUTING_KEY = 'pd-routing-key-for-test-0123456789';

describe('Alertmanager notifications rendered from the templates (real Alertmanager 0.25)', () => {
  let am: RunningAlertmanager;
  let receiver: HttpServer;
  let dir: string;
  let slackUrl = '';
  const received: { path: string; body: Record<string, unknown> }[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-am-notify-'));
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(body || '{}') as Record<string, unknown> });
        res.setHeader('content-type', 'application/json');
        res.end('{"status":"success"}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const rport = (receiver.address() as { port: number }).port;
    const secrets = join(dir, 'secrets');
    mkdirSync(secrets);
    slackUrl = `http://127.0.0.1:${rport}/slack`;
    writeFileSync(join(secrets, 'slack-webhook-url'), `${slackUrl}\n`);
    writeFileSync(join(secrets, 'pagerduty-trading-routing-key'), `${ROUTING_KEY}\n`);
    am = await startAlertmanager({
      config: loopbackAlertmanagerConfig({
        journalPort: rport,
        secretsDir: secrets,
        global: { pagerduty_url: `http://127.0.0.1:${rport}/pagerduty` },
        timings: { groupWait: '1s', groupInterval: '1s', repeatInterval: '1h' },
      }),
    });
    await am.postAlerts([
      {
        labels: {
          alertname: 'TradingHalt',
          severity: 'critical',
          team: 'trading',
          strategy: 'momentum',
          account: 'main',
        },
        annotations: {
          summary: 'Drawdown above 28%; halt trading of strategy momentum.',
          description: 'Drawdown from the portfolio peak is 31% (limit 28%) on account main.',
          runbook_url: 'docs/runbooks.md#tradinghalt',
          dashboard_url: '/d/vigil-trading/trading',
        },
        startsAt: new Date().toISOString(),
      },
    ]);
    await waitFor(
      async () => {
        const paths = new Set(received.map((r) => r.path));
        return paths.has('/slack') && paths.has('/pagerduty') && paths.has('/v1/alertmanager')
          ? true
          : undefined;
      },
      { what: 'Slack, PagerDuty and journal deliveries', timeoutMs: 20_000 },
    );
  });
  after(async () => {
    await am?.stop();
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('Slack: title and text with the summary, description and absolute links', () => {
    const slack = received.find((r) => r.path === '/slack')!.body as {
      channel: string;
      attachments: { title: string; text: string }[];
    };
    assert.equal(slack.channel, '#trading-critical');
    assert.equal(slack.attachments[0]!.title, '[FIRING:1] TradingHalt (critical)');
    const text = slack.attachments[0]!.text;
    assert.match(text, /\*Drawdown above 28%; halt trading of strategy momentum\.\*/);
    assert.match(text, /Drawdown from the portfolio peak is 31%/);
    assert.ok(
      text.includes('<https://github.com/your-org/vigil/blob/main/docs/runbooks.md#tradinghalt|Runbook>'),
      text,
    );
    assert.ok(text.includes('<http://localhost:3000/d/vigil-trading/trading|Dashboard>'), text);
  });

  it('PagerDuty: routing key read from its file, links absolute', () => {
    const pd = received.find((r) => r.path === '/pagerduty')!.body as {
      routing_key: string;
      payload: { summary: string; severity: string };
      links: { href: string; text: string }[];
    };
    assert.equal(pd.routing_key, ROUTING_KEY);
    assert.equal(pd.payload.severity, 'critical');
    assert.equal(pd.payload.summary, '[FIRING:1] TradingHalt (critical)');
    assert.deepEqual(pd.links, [
      { href: 'https://github.com/your-org/vigil/blob/main/docs/runbooks.md#tradinghalt', text: 'Runbook' },
      { href: 'http://localhost:3000/d/vigil-trading/trading', text: 'Dashboard' },
    ]);
  });

  it('the journal webhook gets the page too, and no secret appears in the logs', () => {
    const journal = received.find((r) => r.path === '/v1/alertmanager')!.body as { receiver: string };
    assert.equal(journal.receiver, 'page-trading');
    assert.ok(!am.logs().includes(ROUTING_KEY));
    assert.ok(!am.logs().includes(slackUrl));
  });
});
