import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { assertMetricsClean, waitFor } from '@vigil/test-support';

const BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('the demo gateway loads itself over real HTTP and exports the RED metrics the gateway SLOs read', async () => {
  const child = spawn(process.execPath, [BIN, '--web.listen-address=127.0.0.1:0', '--demo.rate=50', '--demo.error-ratio=0.2', '--demo.median-latency=5ms'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  try {
    const port = await waitFor(() => Number(/"address":"[^"]*:(\d+)"/.exec(err)?.[1]) || undefined, {
      what: `the demo gateway's listening log line (stderr so far: ${err})`,
      timeoutMs: 15_000,
      intervalMs: 50,
    });
    const count = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    // The gateway loads itself at 50 requests a second: wait until its own traffic shows 20 with some errors.
    const text = await waitFor(
      async () => {
        const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        return count(body, /^http_requests_total\{.*service="trading-gateway"/) >= 20 && count(body, /^http_requests_total\{.*status="503"/) > 0 ? body : undefined;
      },
      { what: 'at least 20 self-generated requests, some of them errors', timeoutMs: 20_000 },
    );
    const total = count(text, /^http_requests_total\{.*service="trading-gateway"/);
    const errors = count(text, /^http_requests_total\{.*status="503"/);
    assert.ok(errors < total, `errors ${errors} of ${total}`);
    assert.match(text, /^http_requests_total\{[^}]*route="\/api\/v1\/orders\/:id"/m);
    assert.match(text, /^http_request_duration_seconds_bucket\{[^}]*le="0.2"/m);
    assertMetricsClean(text, "the demo gateway's /metrics");
    const bad = spawnSync(process.execPath, [BIN, '--demo.error-ratio=2'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--demo\.error-ratio: expected a ratio between 0 and 1/);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});
