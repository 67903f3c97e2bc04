import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stack, StackError } from '../src/stack.js';
import { discoverComponents } from '../src/manifest.js';
import { durationSeconds, expandRuleFiles, longestRuleWindow } from '@vigil/provisioning';
import { tempDir, waitFor } from '@vigil/test-support';
import { alive, fakeRoot, spawnStack, targets, TINY_EXPORTER } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const quiet = () => {};
const ruleFilePatterns = ['provisioning/prometheus/rules/*.yml', 'provisioning/slo/rules/slo-*.yml'].map((p) => join(repoRoot, p));

async function allUp(promUrl: string, jobs: string[]): Promise<Map<string, string>> {
  return waitFor(async () => {
    const ts = await targets(promUrl);
    const health = new Map(ts.map((t) => [t.labels.job, t.health]));
    return jobs.every((j) => health.get(j) === 'up') ? health : undefined;
  }, { what: `targets ${jobs.join(', ')} up`, timeoutMs: 60_000 });
}

test('the runner starts real Prometheus, Alertmanager and declared components, all targets up, then stops them all', async () => {
  const root = fakeRoot({
    first: { vigilStack: [{ name: 'first', port: 9555, health: '/ready', scrapeJob: 'first', command: ['node', 'tiny.mjs', '{port}'] }], files: { 'tiny.mjs': TINY_EXPORTER } },
    second: {
      vigilStack: [{ name: 'second', port: 9556, health: '/ready', scrapeJob: 'second', after: ['first'], command: ['node', 'tiny.mjs', '{port}'], env: { PEER: '{url:first}' } }],
      files: { 'tiny.mjs': TINY_EXPORTER },
    },
  });
  const stack = new Stack({ root, dataDir: tempDir(), ports: 'free', scrapeInterval: '1s', log: quiet });
  await stack.start();
  try {
    const prom = stack.services.find((s) => s.name === 'prometheus')!.url!;
    const health = await allUp(prom, ['prometheus', 'alertmanager', 'first', 'second']);
    assert.equal(health.size, 4);
    const q = await (await fetch(`${prom}/api/v1/query?query=${encodeURIComponent('tiny_up{job="second"}')}`)).json() as { data: { result: Array<{ metric: { peer: string } }> } };
    assert.equal(q.data.result[0].metric.peer, `http://127.0.0.1:${stack.ports.get('first')}`);
    assert.deepEqual(stack.services.map((s) => s.name), ['alertmanager', 'prometheus', 'first', 'second']);
  } finally {
    await stack.stop();
  }
  for (const s of stack.services) assert.equal(alive(s.pid), false, `${s.name} stopped`);
});

test('a component that dies during start-up stops the stack and shows its log', async () => {
  const root = fakeRoot({ broken: { vigilStack: [{ name: 'broken', port: 9557, health: '/ready', command: ['node', '-e', 'console.error("bad config: --x"); process.exit(3)'] }] } });
  const stack = new Stack({ root, dataDir: tempDir(), ports: 'free', log: quiet });
  await assert.rejects(stack.start(), /broken exited with code 3 during start-up:\n.*bad config: --x/s);
  for (const s of stack.services) assert.equal(alive(s.pid), false, `${s.name} stopped`);
});

test('without Prometheus/Alertmanager it says how to install them, exits 1 and starts nothing', () => {
  const main = join(here, '../dist/main.js');
  assert.ok(existsSync(main), 'built');
  const r = spawnSync(process.execPath, [main, '--ports=free', `--data-dir=${tempDir()}`], { env: { PATH: '/nonexistent' }, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /prometheus not found on PATH/);
  assert.match(r.stderr, /apt-get install -y --no-install-recommends prometheus prometheus-alertmanager/);
  const bad = spawnSync(process.execPath, [main, '--ports=sometimes'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
});

test('npm start stack: every Vigil component of this repository comes up and every target is up', async () => {
  const components = discoverComponents(repoRoot);
  const stack = new Stack({ root: repoRoot, dataDir: tempDir('vigil-repo-stack-'), ports: 'free', scrapeInterval: '1s', log: quiet, healthTimeoutMs: 90_000 });
  await stack.start();
  try {
    const prom = stack.services.find((s) => s.name === 'prometheus')!.url!;
    const jobs = ['prometheus', 'alertmanager', ...components.filter((c) => c.scrapeJob).map((c) => c.scrapeJob!)];
    const health = await allUp(prom, jobs);
    for (const j of jobs) assert.equal(health.get(j), 'up', j);
    for (const c of components) assert.ok(stack.services.some((s) => s.name === c.name), `${c.name} running`);
    // The running Prometheus keeps every rule's window (the SLO period rules read 30 days) and stores exemplars.
    const flags = ((await (await fetch(`${prom}/api/v1/status/flags`)).json()) as { data: Record<string, string> }).data;
    const longest = longestRuleWindow(expandRuleFiles(ruleFilePatterns))!;
    assert.ok(durationSeconds(flags['storage.tsdb.retention.time']) >= longest.seconds, `retention ${flags['storage.tsdb.retention.time']} < ${longest.rule}'s window`);
    assert.match(flags['enable-feature'], /exemplar-storage/);
    // The simulator posts with the exporter's ingest token ({secret:trading-ingest-token}): accepted, never 401.
    const trading = stack.services.find((s) => s.name === 'trading-exporter')!.url!;
    await waitFor(
      async () => {
        const text = await (await fetch(`${trading}/metrics`)).text();
        const received = /^trading_events_received_total\{type="order\.submitted"\} (\d+)/m.exec(text);
        assert.match(text, /^trading_events_rejected_total\{reason="unauthorized"\} 0$/m);
        return received && Number(received[1]) > 0;
      },
      { what: 'the simulator\'s events accepted by the trading exporter', timeoutMs: 30_000 },
    );
    // The browser pages the stack prints (the plugins on the host page, the alerts app) are served.
    const pages = stack.services.flatMap((s) => s.pages ?? []);
    assert.ok(pages.some((p) => p.url.includes('/a/vigil-alerts-app/')), JSON.stringify(pages));
    for (const p of pages) assert.equal((await fetch(p.url)).status, 200, p.url);
    // The simulator's control endpoint, where incidents are started, is one of the printed URLs.
    const sim = stack.services.find((s) => s.name === 'trading-sim')!;
    assert.ok(sim.url, 'trading-sim has a URL the stack prints');
    const control = (await (await fetch(`${sim.url}/incidents`)).json()) as { catalogue: Record<string, unknown> };
    assert.ok('latency-spike' in control.catalogue, JSON.stringify(control));
  } finally {
    await stack.stop();
  }
  for (const s of stack.services) assert.equal(alive(s.pid), false, `${s.name} stopped`);
});

test("the simulator docs' control endpoint is the stack's trading-sim port, which no other component uses", () => {
  const components = discoverComponents(repoRoot);
  const sim = components.find((c) => c.name === 'trading-sim');
  assert.ok(sim?.port, 'trading-sim declares a port');
  const ports = components.map((c) => c.port).filter((p) => p !== undefined);
  assert.equal(new Set(ports).size, ports.length, `default ports used twice: ${ports.join(', ')}`);
  const doc = readFileSync(join(repoRoot, 'exporters/trading/docs/simulator.md'), 'utf8');
  assert.match(doc, new RegExp(`^SIM=http://127\\.0\\.0\\.1:${sim.port}$`, 'm'));
});

test("one stack per data folder: a second is refused naming the first one's pid, the first one's files untouched; a stale lock is taken over", async () => {
  const root = fakeRoot({ tiny: { vigilStack: [{ name: 'tiny', port: 9559, health: '/ready', scrapeJob: 'tiny', command: ['node', 'tiny.mjs', '{port}'] }], files: { 'tiny.mjs': TINY_EXPORTER } } });
  const dataDir = tempDir('vigil-lock-');
  const first = new Stack({ root, dataDir, ports: 'free', log: quiet });
  await first.start();
  try {
    const config = readFileSync(join(dataDir, 'config/prometheus.yml'), 'utf8');
    const second = new Stack({ root, dataDir, ports: 'free', log: quiet });
    after(() => second.stop());
    await assert.rejects(second.start(), (err: Error) => {
      assert.ok(err instanceof StackError, String(err));
      assert.match(err.message, new RegExp(`in use by another local stack \\(pid ${process.pid}\\)`));
      assert.match(err.message, /npm start -- --ports=free --data-dir=/);
      return true;
    });
    assert.equal(second.services.length, 0, 'the second stack started nothing');
    assert.equal(readFileSync(join(dataDir, 'config/prometheus.yml'), 'utf8'), config, "the first stack's config is not rewritten");
  } finally {
    await first.stop();
  }
  assert.equal(existsSync(join(dataDir, 'stack.pid')), false, 'stop releases the folder');
  // A lock left by a stack that was killed (its pid no longer runs) does not block the next start.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  writeFileSync(join(dataDir, 'stack.pid'), `${dead}\n`);
  const third = new Stack({ root, dataDir, ports: 'free', log: quiet });
  await third.start();
  await third.stop();
});

test('a default port already taken: one line naming the port and the npm start way to run beside it, nothing started, folder released', async () => {
  const holder = createServer();
  await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
  const port = (holder.address() as { port: number }).port;
  try {
    const root = fakeRoot({ tiny: { vigilStack: [{ name: 'tiny', port, health: '/ready', command: ['node', 'tiny.mjs', '{port}'] }], files: { 'tiny.mjs': TINY_EXPORTER } } });
    const dataDir = tempDir('vigil-port-');
    const stack = new Stack({ root, dataDir, ports: 'default', log: quiet });
    await assert.rejects(stack.start(), (err: Error) => {
      assert.ok(err instanceof StackError, String(err));
      // 9090/9093 may be taken on a developer's machine: then the message names those; the shape is the same.
      assert.match(err.message, /^port \d+ for [a-z-]+ is already in use on 127\.0\.0\.1: .*npm start -- --ports=free --data-dir=/);
      return true;
    });
    assert.equal(stack.services.length, 0);
    assert.equal(existsSync(join(dataDir, 'stack.pid')), false);
  } finally {
    holder.close();
  }
});

test('vigil-stack as a process: prints the URLs, and Ctrl-C (SIGINT) stops every component and exits 0', async () => {
  const root = fakeRoot({ tiny: { vigilStack: [{ name: 'tiny', port: 9558, health: '/ready', scrapeJob: 'tiny', pages: [{ path: '/ready', what: 'tiny readiness' }], command: ['node', 'tiny.mjs', '{port}'] }], files: { 'tiny.mjs': TINY_EXPORTER } } });
  const { child, output, up, exited } = spawnStack([`--root=${root}`, '--ports=free', `--data-dir=${tempDir()}`]);
  // A failed assertion below must not leave the stack (and its detached components) running.
  after(() => {
    if (child.exitCode === null) child.kill('SIGINT');
  });
  await up();
  const out = output();
  const urls = [...out.split('Open in a browser:')[0].matchAll(/^\s+(\S+)\s+(http:\/\/127\.0\.0\.1:\d+)/gm)].map((m) => ({ name: m[1], url: m[2] }));
  assert.deepEqual(urls.map((u) => u.name), ['alertmanager', 'prometheus', 'tiny']);
  for (const u of urls) assert.equal((await fetch(u.url + (u.name === 'tiny' ? '/ready' : '/-/ready'))).status, 200, u.name);
  // The pages a user opens, with full URLs on the ports given: each component's declared pages.
  const pages = [...(out.split('Open in a browser:')[1] ?? '').matchAll(/^ {2}(.+?)\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)$/gm)].map((m) => ({ what: m[1], url: m[2] }));
  assert.deepEqual(pages.map((p) => p.what), ['tiny readiness']);
  assert.equal(pages[0].url, `${urls.find((u) => u.name === 'tiny')!.url}/ready`);
  for (const p of pages) assert.equal((await fetch(p.url)).status, 200, p.url);
  child.kill('SIGINT');
  assert.equal(await exited, 0);
  assert.match(output(), /stopped\./);
  for (const u of urls) await assert.rejects(fetch(u.url), `${u.name} no longer answers`);
});

test('the root npm start script bootstraps, then runs this runner (every node script it names exists)', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  // The runner is exec'd: it replaces npm's shell, so the SIGTERM npm forwards reaches it (a shell would die and orphan it).
  assert.match(pkg.scripts.start, /&& exec node \S+$/, pkg.scripts.start);
  const steps = pkg.scripts.start.split('&&').map((s) => s.trim().replace(/^exec\s+/, '').split(/\s+/));
  for (const [cmd, file] of steps) {
    assert.equal(cmd, 'node', pkg.scripts.start);
    assert.ok(existsSync(join(repoRoot, file)), `npm start runs ${file}, which does not exist`);
  }
  assert.deepEqual(
    steps.map((s) => s[1]),
    ['scripts/bootstrap.mjs', 'apps/stack/dist/main.js'],
    'bootstrap (npm ci and build when needed), then the built runner',
  );
});
