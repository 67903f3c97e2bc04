// alertmanager.yml against the real amtool and Alertmanager 0.25: config check, every committed routing
// case, template parsing, start-up with the secret files absent, and the inhibit rules through API v2.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { amtool, freePort, loopbackAlertmanagerConfig, startAlertmanager, type RunningAlertmanager } from '@vigil/test-support';
import { alertmanagerDir } from './helpers/paths.js';

const configPath = join(alertmanagerDir, 'alertmanager.yml');
const config = parse(readFileSync(configPath, 'utf8')) as {
  receivers: { name: string }[];
  route: Route;
  inhibit_rules: unknown[];
};
interface Route {
  receiver?: string;
  routes?: Route[];
}
const cases = parse(readFileSync(join(alertmanagerDir, 'tests', 'routes.yml'), 'utf8')) as {
  name: string;
  labels: Record<string, string>;
  receivers: string[];
}[];

function routeReceivers(r: Route): string[] {
  return [...(r.receiver ? [r.receiver] : []), ...(r.routes ?? []).flatMap(routeReceivers)];
}

describe('alertmanager.yml (amtool)', () => {
  it('passes amtool check-config', () => {
    const r = amtool(['check-config', configPath]);
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /3 inhibit rules/);
  });

  for (const c of cases) {
    it(`routes: ${c.name}`, () => {
      const labels = Object.entries(c.labels).map(([k, v]) => `${k}=${v}`);
      const r = amtool([
        'config',
        'routes',
        'test',
        `--config.file=${configPath}`,
        `--verify.receivers=${c.receivers.join(',')}`,
        ...labels,
      ]);
      assert.equal(r.status, 0, `${c.name}: ${r.output}`);
    });
  }

  it('has a routing case for every receiver and every route', () => {
    const tested = new Set(cases.flatMap((c) => c.receivers));
    for (const name of config.receivers.map((r) => r.name))
      assert.ok(tested.has(name), `no routing case reaches receiver ${name}`);
    for (const name of routeReceivers(config.route))
      assert.ok(tested.has(name), `no routing case for the route to ${name}`);
  });

  it('references every secret through a *_file field, never inline', () => {
    const text = readFileSync(configPath, 'utf8');
    for (const inline of [
      'slack_api_url:',
      'api_url:',
      'routing_key:',
      'service_key:',
      'auth_password:',
      'smtp_auth_password:',
    ]) {
      assert.ok(!new RegExp(`^\\s*${inline}`, 'm').test(text), `inline secret field ${inline}`);
    }
    assert.match(text, /slack_api_url_file:/);
    assert.match(text, /routing_key_file:/);
    assert.match(text, /smtp_auth_password_file:/);
  });

  it('templates parse and render their links with amtool template render', () => {
    const r = amtool([
      'template',
      'render',
      `--template.glob=${join(alertmanagerDir, 'templates')}/*.tmpl`,
      '--template.text={{ template "vigil.title" . }}|{{ template "vigil.grafana_url" }}|{{ template "vigil.slack.text" . }}|{{ template "vigil.email.html" . }}',
    ]);
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /http:\/\/localhost:3000/);
    assert.match(r.output, /<html><body>/);
  });
});

describe('alertmanager.yml in a real Alertmanager 0.25', () => {
  let am: RunningAlertmanager;
  const post = (alerts: { labels: Record<string, string> }[]) =>
    am.postAlerts(alerts.map((a) => ({ ...a, startsAt: new Date().toISOString() })));
  const statusOf = async (filter: string) => {
    const r = await fetch(`${am.url}/api/v2/alerts?filter=${encodeURIComponent(filter)}`);
    return (
      (await r.json()) as {
        labels: Record<string, string>;
        status: { state: string; inhibitedBy: string[] };
      }[]
    ).map((a) => ({ labels: a.labels, state: a.status.state }));
  };

  before(async () => {
    // As the local stack runs it: the committed file with only ports rewritten; /etc/alertmanager/secrets is absent.
    am = await startAlertmanager({ config: loopbackAlertmanagerConfig({ journalPort: await freePort() }) });
  });
  after(async () => {
    await am?.stop();
  });

  it('starts and loads the config although the secret files are absent', async () => {
    const r = await fetch(`${am.url}/api/v2/status`);
    const status = (await r.json()) as { config: { original: string } };
    assert.match(
      status.config.original,
      /routing_key_file: \/etc\/alertmanager\/secrets\/pagerduty-trading-routing-key/,
    );
    assert.match(am.logs(), /Completed loading of configuration file/);
  });

  it('critical inhibits the warning of the same alert and target only', async () => {
    await post([
      {
        labels: {
          alertname: 'ServiceHighLatency',
          severity: 'critical',
          team: 'platform',
          service: 'risk-engine',
        },
      },
      {
        labels: {
          alertname: 'ServiceHighLatency',
          severity: 'warning',
          team: 'platform',
          service: 'risk-engine',
        },
      },
      {
        labels: {
          alertname: 'ServiceHighLatency',
          severity: 'warning',
          team: 'platform',
          service: 'gateway',
        },
      },
    ]);
    const got = await statusOf('alertname="ServiceHighLatency"');
    const state = (service: string, severity: string) =>
      got.find((a) => a.labels.service === service && a.labels.severity === severity)?.state;
    assert.equal(state('risk-engine', 'warning'), 'suppressed');
    assert.equal(state('risk-engine', 'critical'), 'active');
    assert.equal(state('gateway', 'warning'), 'active');
  });

  it('a critical tier inhibits only the warning of the same exposure limit or filesystem', async () => {
    const limit = (name: string, severity: string) => ({
      labels: { alertname: 'ExposureLimitUtilisationHigh', severity, team: 'risk', instance: 't:9300', scope: 'asset', name, measure: 'net' },
    });
    const disk = (mountpoint: string, severity: string) => ({
      labels: { alertname: 'HostHighDiskUsage', severity, team: 'infrastructure', instance: 'h1:9301', mountpoint },
    });
    await post([limit('BTC', 'critical'), limit('BTC', 'warning'), limit('ETH', 'warning'), disk('/data', 'critical'), disk('/data', 'warning'), disk('/', 'warning')]);
    const limits = await statusOf('alertname="ExposureLimitUtilisationHigh"');
    const limitState = (name: string, severity: string) => limits.find((a) => a.labels.name === name && a.labels.severity === severity)?.state;
    assert.equal(limitState('BTC', 'warning'), 'suppressed');
    assert.equal(limitState('BTC', 'critical'), 'active');
    assert.equal(limitState('ETH', 'warning'), 'active');
    const disks = await statusOf('alertname="HostHighDiskUsage"');
    const diskState = (mountpoint: string, severity: string) => disks.find((a) => a.labels.mountpoint === mountpoint && a.labels.severity === severity)?.state;
    assert.equal(diskState('/data', 'warning'), 'suppressed');
    assert.equal(diskState('/', 'warning'), 'active');
  });

  it("ExchangeDown inhibits that venue's trading alerts, not other venues'", async () => {
    await post([
      { labels: { alertname: 'ExchangeDown', severity: 'critical', team: 'trading', venue: 'kraken' } },
      { labels: { alertname: 'LowFillRate', severity: 'warning', team: 'trading', venue: 'kraken' } },
      { labels: { alertname: 'LowFillRate', severity: 'warning', team: 'trading', venue: 'binance' } },
    ]);
    const got = await statusOf('alertname="LowFillRate"');
    assert.equal(got.find((a) => a.labels.venue === 'kraken')?.state, 'suppressed');
    assert.equal(got.find((a) => a.labels.venue === 'binance')?.state, 'active');
    assert.equal((await statusOf('alertname="ExchangeDown"'))[0]?.state, 'active');
  });

  it('TradingHalt inhibits business warnings but not infrastructure ones', async () => {
    await post([
      { labels: { alertname: 'ModelAccuracyLow', severity: 'warning', team: 'quant', model: 'm1' } },
      {
        labels: {
          alertname: 'HostHighCpuUsage',
          severity: 'warning',
          team: 'infrastructure',
          instance: 'h1:9301',
        },
      },
    ]);
    assert.equal((await statusOf('alertname="ModelAccuracyLow"'))[0]?.state, 'active');
    await post([
      { labels: { alertname: 'TradingHalt', severity: 'critical', team: 'trading', strategy: 'momentum' } },
    ]);
    assert.equal((await statusOf('alertname="ModelAccuracyLow"'))[0]?.state, 'suppressed');
    assert.equal((await statusOf('alertname="HostHighCpuUsage"'))[0]?.state, 'active');
  });
});
