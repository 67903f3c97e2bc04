import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { localAlertmanagerConfig, localPrometheusConfig } from '../src/configs.js';
import { discoverComponents, ManifestError } from '../src/manifest.js';
import { substitute } from '../src/placeholders.js';
import { stackSecret } from '../src/secrets.js';
import { repoRoot, tempDir } from '@vigil/test-support';
import { fakeRoot } from './helpers.js';

test('prometheus.yml: jobs matched by name go to loopback, others are dropped, rule files become absolute', () => {
  const dir = tempDir();
  const file = join(dir, 'prometheus.yml');
  writeFileSync(
    file,
    `global:\n  scrape_interval: 15s\n  scrape_timeout: 10s\n  external_labels: {cluster: prod, replica: a}\nrule_files: [rules/*.yml, /abs/x.yml]\n` +
      `alerting:\n  alert_relabel_configs: [{action: labeldrop, regex: replica}]\n  alertmanagers: [{static_configs: [{targets: ['alertmanager:9093']}]}]\n` +
      `scrape_configs:\n  - job_name: trading\n    scheme: https\n    tls_config: {ca_file: /x}\n    static_configs: [{targets: ['trading-exporter:9300'], labels: {team: desk}}]\n` +
      `  - job_name: thanos-sidecar\n    static_configs: [{targets: ['sidecar:10902']}]\n  - job_name: prometheus\n    file_sd_configs: [{files: [x.json]}]\n`,
  );
  const out = localPrometheusConfig(file, { jobs: new Map([['trading', 1111], ['prometheus', 2222], ['host', 3333]]), alertmanagerPort: 4444, scrapeInterval: '2s' });
  const doc = parse(out.yaml);
  assert.deepEqual(out.kept, ['trading', 'prometheus']);
  assert.deepEqual(out.dropped, ['thanos-sidecar']);
  assert.deepEqual(out.added, ['host']);
  assert.deepEqual(doc.rule_files, [join(dir, 'rules/*.yml'), '/abs/x.yml']);
  assert.equal(doc.global.scrape_interval, '2s');
  assert.equal(doc.global.scrape_timeout, '2s');
  assert.deepEqual(doc.global.external_labels, { cluster: 'prod', replica: 'a' });
  const trading = doc.scrape_configs.find((j: { job_name: string }) => j.job_name === 'trading');
  assert.deepEqual(trading.static_configs, [{ targets: ['127.0.0.1:1111'], labels: { team: 'desk' } }]);
  assert.equal(trading.scheme, undefined);
  assert.equal(trading.tls_config, undefined);
  const prom = doc.scrape_configs.find((j: { job_name: string }) => j.job_name === 'prometheus');
  assert.equal(prom.file_sd_configs, undefined);
  assert.deepEqual(doc.alerting.alertmanagers[0].static_configs[0].targets, ['127.0.0.1:4444']);
  // The HA label drop applies locally too, or the local stack's alerts would differ from the deployed ones.
  assert.deepEqual(doc.alerting.alert_relabel_configs, [{ action: 'labeldrop', regex: 'replica' }]);
});

test('prometheus.yml missing: a minimal config scraping every component', () => {
  const out = localPrometheusConfig('/nonexistent/prometheus.yml', { jobs: new Map([['host', 1]]), alertmanagerPort: 2 });
  const doc = parse(out.yaml);
  assert.equal(doc.scrape_configs[0].job_name, 'host');
  assert.equal(doc.global.external_labels.cluster, 'local');
});

test('alertmanager.yml: component default ports rewritten, templates absolute', () => {
  const dir = tempDir();
  const file = join(dir, 'alertmanager.yml');
  writeFileSync(
    file,
    `templates: [templates/*.tmpl]\nroute: {receiver: journal}\nreceivers:\n  - name: journal\n    webhook_configs:\n      - url: http://127.0.0.1:8009/v1/alertmanager\n      - url: http://localhost:80090/other\n`,
  );
  const doc = parse(localAlertmanagerConfig(file, new Map([[8009, 5555]])));
  assert.equal(doc.receivers[0].webhook_configs[0].url, 'http://127.0.0.1:5555/v1/alertmanager');
  assert.equal(doc.receivers[0].webhook_configs[1].url, 'http://localhost:80090/other', 'a longer port number is not rewritten');
  assert.deepEqual(doc.templates, [join(dir, 'templates/*.tmpl')]);
  const fallback = parse(localAlertmanagerConfig('/nonexistent.yml', new Map(), 'http://127.0.0.1:1/v1/alertmanager'));
  assert.equal(fallback.receivers[0].webhook_configs[0].url, 'http://127.0.0.1:1/v1/alertmanager');
});

test('the journal webhook token: the repository config and the fallback send the stack\'s token file', () => {
  const shipped = parse(localAlertmanagerConfig(join(repoRoot(), 'provisioning/alertmanager/alertmanager.yml'), new Map([[8009, 5555]]), undefined, '/data/secrets/journal-webhook-token'));
  const journal = (shipped.receivers as { name: string; webhook_configs?: { url: string; http_config?: { authorization?: { credentials_file?: string } } }[] }[]).find((r) => r.name === 'journal')!;
  assert.equal(journal.webhook_configs![0].url, 'http://127.0.0.1:5555/v1/alertmanager');
  assert.equal(journal.webhook_configs![0].http_config?.authorization?.credentials_file, '/data/secrets/journal-webhook-token');
  const fallback = parse(localAlertmanagerConfig('/nonexistent.yml', new Map(), 'http://127.0.0.1:1/v1/alertmanager', '/t'));
  assert.equal(fallback.receivers[0].webhook_configs[0].http_config.authorization.credentials_file, '/t');
});

test('{secret:<name>}: one private random token file per name, kept across runs', () => {
  const data = tempDir();
  const ctx = { self: 'a', root: '/r', dataDir: join(data, 'a'), ports: new Map(), secret: (n: string) => stackSecret(data, n) };
  const file = substitute('{secret:ingest-token}', ctx);
  assert.equal(file, join(data, 'secrets', 'ingest-token'));
  const token = readFileSync(file, 'utf8');
  assert.match(token, /^[A-Za-z0-9_-]{32}\n$/);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(readFileSync(substitute('{secret:ingest-token}', ctx), 'utf8'), token, 'the same token on the next run');
  assert.throws(() => stackSecret(data, '../x'), /secret name/);
});

test('placeholders', () => {
  const ctx = { self: 'a', root: '/r', dataDir: '/r/.vigil/a', ports: new Map([['a', 1], ['prometheus', 2]]) };
  assert.equal(substitute('--x=127.0.0.1:{port} {dataDir}/s {root} {url:prometheus} {port:prometheus} {url}', ctx), '--x=127.0.0.1:1 /r/.vigil/a/s /r http://127.0.0.1:2 2 http://127.0.0.1:1');
  assert.throws(() => substitute('{url:nothere}', ctx), /names nothere, which has no port/);
  assert.throws(() => substitute('{dataDir:x}', ctx), /unknown placeholder/);
});

test('manifests: discovered from workspaces, ordered by after, validated with the field named', () => {
  const root = fakeRoot({
    sim: { vigilStack: [{ name: 'sim', command: ['node', 'x'], after: ['exporter'] }] },
    exporter: { vigilStack: [{ name: 'exporter', port: 9300, health: '/ready', command: ['node', 'y'], scrapeJob: 'trading' }] },
    plain: {},
  });
  assert.deepEqual(discoverComponents(root).map((c) => c.name), ['exporter', 'sim']);
  const bad = [
    [{ name: 'Bad Name', command: ['x'] }, /name: expected a lower-case name/],
    [{ name: 'x', command: [] }, /command: expected a non-empty array/],
    [{ name: 'x', command: ['x'], port: 70000 }, /port: expected a TCP port/],
    [{ name: 'x', command: ['x'], health: '/ready' }, /health: a health path needs a port/],
    [{ name: 'x', command: ['x'], after: ['ghost'] }, /after: unknown component ghost/],
    [{ name: 'prometheus', command: ['x'] }, /used twice/],
    [{ name: 'x', command: ['x'], port: 9, pages: [{ path: 'host', what: 'page' }] }, /pages: expected an array of \{path starting with \/, what\}/],
    [{ name: 'x', command: ['x'], pages: [{ path: '/host/', what: 'page' }] }, /pages: pages need a port/],
  ] as const;
  for (const [spec, re] of bad) {
    const r = fakeRoot({ w: { vigilStack: [spec] } });
    assert.throws(() => discoverComponents(r), (e: unknown) => e instanceof ManifestError && re.test(e.message));
  }
  const cyc = fakeRoot({ w: { vigilStack: [{ name: 'a', command: ['x'], after: ['b'] }, { name: 'b', command: ['x'], after: ['a'] }] } });
  assert.throws(() => discoverComponents(cyc), /cycle/);
});
