// The vigil-trading-sim process against a real exporter over HTTP: it waits for an exporter that starts
// after it, posts through the authenticated ingest API with nothing refused, takes incidents from the flag
// and the control endpoint, and stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { freePort, tempDir, waitFor } from '@vigil/test-support';
import { parseSamples, sample, scrape, startExporter } from './helpers.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const BIN = new URL('../src/bin/trading-sim.ts', import.meta.url).pathname;

const until = <T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000) =>
  waitFor(check, { what, timeoutMs });

describe('vigil-trading-sim process', () => {
  it('feeds a real exporter through the authenticated ingest API and takes incidents over its control endpoint', async () => {
    const dir = tempDir();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'sim-token\n');
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        BIN,
        `--target.url=http://127.0.0.1:${port}`,
        `--target.token-file=${tokenFile}`,
        '--control.listen-address=127.0.0.1:0',
        '--sim.orders-per-second=60',
        '--sim.tick=100ms',
        '--sim.seed=7',
        '--incident=reject-storm@0s:1h',
        '--log.level=info',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let ex: Awaited<ReturnType<typeof startExporter>> | undefined;
    try {
      const control = await until('the control URL in the log', () => /"control":"(http:\/\/[^"]+)"/.exec(out)?.[1]);
      // The exporter comes up after the simulator: the simulator retries meanwhile.
      await until('a retry', () => out.includes('cannot reach the exporter') || undefined);
      ex = await startExporter([`--web.listen-address=127.0.0.1:${port}`, `--ingest.token-file=${tokenFile}`, '--orders.grace-period=200ms']);
      const url = ex.url;
      const m = await until('orders in the exporter', async () => {
        const s = parseSamples(await scrape(url));
        const done =
          (sample(s, 'trading_orders_completed_total') ?? 0) > 50 &&
          (sample(s, 'trading_model_predictions_total') ?? 0) > 0 &&
          (sample(s, 'trading_strategy_execution_duration_seconds_count') ?? 0) > 0;
        return done ? s : undefined;
      });
      assert.equal(sample(m, 'trading_events_rejected_total'), 0, 'the exporter refused nothing the simulator sent');
      assert.ok((sample(m, 'trading_order_rejects_total', { reason: 'rate_limited' }) ?? 0) > 0, 'the reject storm from --incident is on');
      assert.ok((sample(m, 'trading_position_quantity') ?? 0) !== 0 || sample(m, 'trading_portfolio_value')! > 0);

      const listed = (await (await fetch(`${control}/incidents`)).json()) as { incidents: Array<{ name: string; active: boolean }> };
      assert.deepEqual(listed.incidents.map((i) => [i.name, i.active]), [['reject-storm', true]]);
      const started = await fetch(`${control}/incidents`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ name: 'model-degradation', duration: '5m' }) });
      assert.equal(started.status, 201);
      const bad = await fetch(`${control}/incidents`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ name: 'asteroid' }) });
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { error: string }).error, /^name: expected one of/);
      const badDuration = await fetch(`${control}/incidents`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ name: 'drawdown', duration: 'forever' }) });
      assert.equal(badDuration.status, 400);
      const slowdown = await fetch(`${control}/incidents`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ name: 'strategy-slowdown', strategy: 'stat-arb' }) });
      assert.equal(slowdown.status, 201);
      assert.equal(((await slowdown.json()) as { incident: { strategy: string } }).incident.strategy, 'stat-arb');
      const misplaced = await fetch(`${control}/incidents`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ name: 'latency-spike', strategy: 'stat-arb' }) });
      assert.equal(misplaced.status, 400);
      assert.match(((await misplaced.json()) as { error: string }).error, /^strategy: only strategy-slowdown takes a strategy name/);
      const stopped = await fetch(`${control}/incidents/reject-storm`, { method: 'DELETE' });
      assert.deepEqual(await stopped.json(), { stopped: 1 });
      const after = (await (await fetch(`${control}/incidents`)).json()) as { incidents: Array<{ name: string }> };
      assert.deepEqual(after.incidents.map((i) => i.name), ['model-degradation', 'strategy-slowdown']);

      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.match(out, /"msg":"stopped"/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await ex?.stop();
    }
  });

  it('exits 2 naming the flag on a bad incident spec', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, '--incident=slippage-spike@later'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /--incident slippage-spike@later: START must be a duration/);
  });
});
