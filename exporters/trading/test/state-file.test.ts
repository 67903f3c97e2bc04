// The portfolio peak and worst drawdown survive a restart through --state.file, written atomically;
// a corrupt state file is moved aside instead of stopping the exporter or being trusted.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '@vigil/test-support';
import { parseSamples, post, sample, scrape, startExporter } from './helpers.js';

const balance = (value: number, ts = Date.now()) => ({
  type: 'balance.snapshot',
  ts,
  venue: 'binance',
  account: 'desk-1',
  currency: 'USDT',
  free: value * 0.8,
  used: value * 0.2,
  portfolioValue: value,
});

describe('state file', () => {
  it('keeps the peak and worst drawdown across a restart', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    const first = await startExporter([`--state.file=${file}`]);
    try {
      assert.equal((await post(first.url, [balance(1000)])).status, 202);
      assert.equal((await post(first.url, [balance(1200)])).status, 202);
      assert.equal((await post(first.url, [balance(900)])).status, 202);
      // Acknowledged means on disk: the file holds the peak before the 202 returns.
      const onDisk = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(onDisk.accounts['desk-1'].peak, 1200);
      assert.equal(onDisk.accounts['desk-1'].maxDrawdown, 0.25);
    } finally {
      await first.stop();
    }
    assert.deepEqual(readdirSync(dir), ['state.json'], 'no temporary file is left behind');

    const second = await startExporter([`--state.file=${file}`]);
    try {
      let m = parseSamples(await scrape(second.url));
      assert.equal(sample(m, 'trading_portfolio_peak_value', { account: 'desk-1' }), 1200);
      assert.equal(sample(m, 'trading_max_drawdown_ratio', { account: 'desk-1' }), 0.25);
      await post(second.url, [balance(1080)]);
      m = parseSamples(await scrape(second.url));
      assert.equal(sample(m, 'trading_portfolio_value', { account: 'desk-1' }), 1080);
      assert.equal(sample(m, 'trading_drawdown_ratio', { account: 'desk-1' }), 0.1);
      assert.equal(sample(m, 'trading_balance_free', { account: 'desk-1', currency: 'USDT' }), 864);
    } finally {
      await second.stop();
    }
  });

  it('ignores an older snapshot that arrives after a newer one', async () => {
    const ex = await startExporter();
    try {
      const t = Date.now();
      await post(ex.url, [balance(1000, t)]);
      await post(ex.url, [balance(5000, t - 60_000)]);
      const m = parseSamples(await scrape(ex.url));
      assert.equal(sample(m, 'trading_portfolio_value'), 1000);
      assert.equal(sample(m, 'trading_portfolio_peak_value'), 1000);
    } finally {
      await ex.stop();
    }
  });

  it('a failing state-file write is logged, counted and degrades /health; the next write after the fault repairs it', async () => {
    const dir = join(tempDir(), 'state');
    mkdirSync(dir);
    const file = join(dir, 'state.json');
    const ex = await startExporter([`--state.file=${file}`]);
    try {
      await post(ex.url, [balance(10)]);
      rmSync(dir, { recursive: true });
      writeFileSync(dir, 'not a folder'); // every write under it now fails
      assert.equal((await post(ex.url, [balance(20)])).status, 202, 'the batch is applied and acknowledged either way');
      let m = parseSamples(await scrape(ex.url));
      assert.equal(sample(m, 'trading_state_file_write_failures_total'), 1);
      assert.equal(sample(m, 'trading_portfolio_peak_value'), 20);
      const health = (await (await fetch(`${ex.url}/health`)).json()) as { status: string; checks: Record<string, { status: string; message?: string }> };
      assert.equal(health.checks.state_file.status, 'degraded');
      assert.match(ex.logs.text, /cannot write the state file/);
      // The fault ends: the next change is written, with everything acknowledged meanwhile.
      rmSync(dir);
      mkdirSync(dir);
      await post(ex.url, [balance(30)]);
      m = parseSamples(await scrape(ex.url));
      assert.equal(sample(m, 'trading_state_file_write_failures_total'), 1);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).accounts['desk-1'].peak, 30);
      const healed = (await (await fetch(`${ex.url}/health`)).json()) as { checks: Record<string, { status: string }> };
      assert.equal(healed.checks.state_file.status, 'healthy');
    } finally {
      await ex.stop();
    }
  });

  it('moves a corrupt state file aside, logs it and starts fresh', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    writeFileSync(file, '{"version":1,"accounts":{');
    const ex = await startExporter([`--state.file=${file}`]);
    try {
      const m = parseSamples(await scrape(ex.url));
      assert.equal(sample(m, 'trading_portfolio_peak_value'), undefined);
      assert.ok(readdirSync(dir).some((f) => f.startsWith('state.json.corrupt-')));
      assert.match(ex.logs.text, /moved to/);
      await post(ex.url, [balance(10)]);
      assert.ok(existsSync(file));
    } finally {
      await ex.stop();
    }
  });
});
