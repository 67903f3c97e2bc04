import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../dist/bin/demo-gateway.js', import.meta.url));

test('the demo gateway loads itself over real HTTP and exports the RED metrics the gateway SLOs read', async () => {
  const child = spawn(process.execPath, [BIN, '--web.listen-address=127.0.0.1:0', '--demo.rate=50', '--demo.error-ratio=0.2', '--demo.median-latency=5ms'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no listening line: ${err}`)), 15_000);
      const poll = setInterval(() => {
        const m = /"address":"[^"]*:(\d+)"/.exec(err);
        if (m) {
          clearTimeout(t);
          clearInterval(poll);
          resolve(Number(m[1]));
        }
      }, 50);
    });
    await new Promise((r) => setTimeout(r, 1500));
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const count = (re: RegExp) => text.split('\n').filter((l) => re.test(l)).reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    const total = count(/^http_requests_total\{.*service="trading-gateway"/);
    const errors = count(/^http_requests_total\{.*status="503"/);
    assert.ok(total >= 20, `requests counted: ${total}`);
    assert.ok(errors > 0 && errors < total, `errors ${errors} of ${total}`);
    assert.match(text, /^http_requests_total\{[^}]*route="\/api\/v1\/orders\/:id"/m);
    assert.match(text, /^http_request_duration_seconds_bucket\{[^}]*le="0.2"/m);
    const check = spawnSync(process.env.PROMTOOL_BIN ?? 'promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const bad = spawnSync(process.execPath, [BIN, '--demo.error-ratio=2'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--demo\.error-ratio: expected a ratio between 0 and 1/);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});
