// The vigil-host-exporter program: --help, bad flags (exit 2 naming the flag), collector selection with
// --collector.<name> / --no-collector.<name> / --collector.disable-defaults (also from the environment), and
// the kit's endpoints.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { CORE_NAMES, parseExposition, seriesMap, startHost, type RunningHost } from './helpers.js';

const BIN = new URL('../src/bin/host-exporter.ts', import.meta.url).pathname;
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', BIN, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, ...env },
  });

const collectorsOf = (text: string) =>
  [...seriesMap(parseExposition(text).get('node_scrape_collector_success')).keys()]
    .map((k) => /collector="([^"]+)"/.exec(k)![1])
    .sort();

describe('vigil-host-exporter', () => {
  const hosts: RunningHost[] = [];
  after(() => Promise.all(hosts.map((h) => h.stop())));
  const start = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const h = await startHost(args, env);
    hosts.push(h);
    return h;
  };

  it('--help lists the collector, path and trading flags', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0, r.stderr);
    for (const flag of [
      '--[no-]collector.cpu',
      '--[no-]collector.filesystem',
      '--path.procfs=',
      '--path.rootfs=',
      '--collector.filesystem.mount-points-exclude=',
      '--clock.server=',
      '--venue=',
      '--process.group=',
      ':9301',
    ]) {
      assert.ok(r.stdout.includes(flag), `--help mentions ${flag}`);
    }
  });

  it('exits 2 naming the flag on a bad flag', () => {
    const unknown = run(['--collector.nosuch']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown flag --collector\.nosuch/);
    const badRegex = run(['--collector.filesystem.fs-types-exclude=(']);
    assert.equal(badRegex.status, 2);
    assert.match(badRegex.stderr, /--collector\.filesystem\.fs-types-exclude: expected a regular expression/);
  });

  it('runs the ten core collectors by default and none of the unconfigured trading ones', async () => {
    const h = await start([]);
    assert.deepEqual(collectorsOf(await h.scrape()), CORE_NAMES);
  });

  it('--no-collector.<name> turns one off, and its families go with it', async () => {
    const h = await start(['--no-collector.cpu', '--no-collector.meminfo']);
    const text = await h.scrape();
    assert.ok(!collectorsOf(text).includes('cpu'));
    assert.doesNotMatch(text, /^node_cpu_seconds_total/m);
    assert.doesNotMatch(text, /^node_memory_MemTotal_bytes/m);
    assert.match(text, /^node_load1 /m);
  });

  it('--collector.disable-defaults with --collector.<name> runs only those, also when set from the environment', async () => {
    const h = await start(['--collector.disable-defaults', '--collector.loadavg']);
    assert.deepEqual(collectorsOf(await h.scrape()), ['loadavg']);
    const e = await start([], {
      VIGIL_HOST_COLLECTOR_DISABLE_DEFAULTS: 'true',
      VIGIL_HOST_COLLECTOR_UNAME: 'true',
    });
    assert.deepEqual(collectorsOf(await e.scrape()), ['uname']);
  });

  it('a configured trading collector can still be turned off', async () => {
    const h = await start([
      '--collector.disable-defaults',
      '--collector.stat',
      '--venue=x=127.0.0.1:9',
      '--no-collector.venues',
    ]);
    assert.deepEqual(collectorsOf(await h.scrape()), ['stat']);
  });

  it('--web.disable-exporter-metrics leaves out process_* and nodejs_*', async () => {
    const on = await start(['--collector.disable-defaults', '--collector.loadavg']);
    assert.match(await on.scrape(), /^process_cpu_seconds_total /m);
    const off = await start([
      '--collector.disable-defaults',
      '--collector.loadavg',
      '--web.disable-exporter-metrics',
    ]);
    const text = await off.scrape();
    assert.doesNotMatch(text, /^(process|nodejs)_/m);
    assert.match(text, /^node_load1 /m);
  });

  it('serves /ready, /health and its own build info', async () => {
    const h = await start(['--collector.disable-defaults', '--collector.loadavg']);
    assert.equal((await fetch(`${h.url}/ready`)).status, 200);
    const health = (await (await fetch(`${h.url}/health`)).json()) as { status: string; version: string };
    assert.equal(health.status, 'healthy');
    assert.match(await h.scrape(), /^vigil_host_exporter_build_info\{version="0\.1\.0"/m);
    // A known path with another method: 405 naming the methods it takes, as every Vigil process answers.
    const post = await fetch(`${h.url}/metrics`, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD, OPTIONS');
    assert.equal((await fetch(`${h.url}/ready`, { method: 'PUT' })).headers.get('allow'), 'GET, HEAD, OPTIONS');
    assert.equal((await fetch(`${h.url}/nope`, { method: 'POST' })).status, 404);
  });
});

describe("node_exporter 1.5's deprecated flag names", () => {
  const hosts: RunningHost[] = [];
  after(() => Promise.all(hosts.map((h) => h.stop())));

  it('are accepted with a warning and take effect', async () => {
    const h = await startHost([
      '--collector.disable-defaults',
      '--collector.filesystem',
      '--collector.filesystem.ignored-mount-points=^/$',
      '--collector.diskstats',
      '--collector.diskstats.ignored-devices=.',
    ]);
    hosts.push(h);
    const text = await h.scrape();
    assert.doesNotMatch(text, /mountpoint="\/"/, 'the root mount is excluded through the old flag');
    assert.doesNotMatch(text, /^node_disk_info/m, 'every disk is excluded through the old flag');
    assert.match(
      h.logs.text,
      /--collector\.filesystem\.ignored-mount-points is DEPRECATED and will be removed in 2\.0\.0, use --collector\.filesystem\.mount-points-exclude/,
    );
    assert.match(h.logs.text, /--collector\.diskstats\.ignored-devices is DEPRECATED/);
  });

  it('are refused next to the new name', () => {
    const r = run([
      '--collector.filesystem.ignored-fs-types=^tmpfs$',
      '--collector.filesystem.fs-types-exclude=^ext4$',
    ]);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /--collector\.filesystem\.ignored-fs-types and --collector\.filesystem\.fs-types-exclude are mutually exclusive/,
    );
  });
});
