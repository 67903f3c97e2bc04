// Venue faults on the replay server, one at a time on okx while bybit answers normally: each gives its error
// class, a backoff (the venue's Retry-After when it sends one), okx down in the figures and in /health, no crash,
// bybit polled throughout, and recovery once the venue answers again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '@vigil/test-support';
import { sample, startExporter, waitForSamples, type Running } from './helpers.js';
import { marketsDir, ReplayServer, secretOf, writeVenues, type Fault } from './replay-server.js';

// Both ways of polling: in a worker thread (the default) and on the main thread (--pollers.threads=0).
for (const threads of ['1', '0'])
  describe(`venue faults (--pollers.threads=${threads})`, () => {
    const server = new ReplayServer();
    let ex: Running;
    const until = (what: string, test: (m: Map<string, number>) => boolean, timeoutMs = 20_000) =>
      waitForSamples(ex.url, what, test, timeoutMs);
    const errors = (m: Map<string, number>, cls: string) =>
      sample(m, 'trading_exchange_errors_total', { venue: 'okx', error_class: cls }) ?? 0;
    const bybitPolls = (m: Map<string, number>) =>
      sample(m, 'trading_exchange_request_duration_seconds_count', {
        venue: 'bybit',
        method: 'fetchTicker',
      }) ?? 0;
    const okxRequests = () => server.seen.filter((r) => r.includes('/www.okx.com/')).length;

    before(async () => {
      const base = await server.listen();
      const file = writeVenues(tempDir(), { okx: ['BTC/USDT'], bybit: ['BTC/USDT:USDT'] });
      ex = await startExporter([
        `--venues.file=${file}`,
        `--exchange.api-base=${base}`,
        `--exchange.markets-dir=${marketsDir()}`,
        '--exchange.timeout=1s',
        `--pollers.threads=${threads}`,
      ]);
      await until(
        'both up',
        (s) =>
          sample(s, 'trading_exchange_up', { venue: 'okx' }) === 1 &&
          sample(s, 'trading_exchange_up', { venue: 'bybit' }) === 1,
      );
    });
    after(async () => {
      await ex?.stop();
      await server.close();
    });

    /** Injects the fault, waits for its error class, checks the common consequences, clears it and waits for recovery. */
    async function inject(
      fault: Fault,
      cls: string,
      check?: (m: Map<string, number>) => Promise<void> | void,
    ): Promise<void> {
      const m0 = await until('okx up', (s) => sample(s, 'trading_exchange_up', { venue: 'okx' }) === 1);
      server.fault('okx', fault);
      try {
        await consequences(fault, cls, m0, check);
      } finally {
        server.fault('okx', undefined);
      }
      await until(
        `okx back after ${fault}`,
        (s) =>
          sample(s, 'trading_exchange_up', { venue: 'okx' }) === 1 &&
          sample(s, 'trading_exchange_backoff_seconds', { venue: 'okx' }) === 0,
        30_000,
      );
    }

    async function consequences(
      fault: Fault,
      cls: string,
      m0: Map<string, number>,
      check?: (m: Map<string, number>) => Promise<void> | void,
    ): Promise<void> {
      const m = await until(
        `${fault} → ${cls}`,
        (s) => errors(s, cls) > errors(m0, cls) && sample(s, 'trading_exchange_up', { venue: 'okx' }) === 0,
      );
      assert.ok(
        sample(m, 'trading_exchange_backoff_seconds', { venue: 'okx' })! > 0,
        `${fault}: okx backs off`,
      );
      const health = (await (await fetch(`${ex.url}/health`)).json()) as {
        checks: Record<string, { status: string; message?: string }>;
      };
      assert.equal(health.checks.exchanges.status, 'degraded');
      assert.match(health.checks.exchanges.message ?? '', /not answering: okx/);
      await check?.(m);
      await until(
        `bybit still polled during ${fault}`,
        (s) =>
          bybitPolls(s) >= bybitPolls(m) + 2 && sample(s, 'trading_exchange_up', { venue: 'bybit' }) === 1,
      );
    }

    it('429 with Retry-After: RateLimitExceeded, and not one request to okx until it has passed', async () => {
      await inject('429-retry-after', 'RateLimitExceeded', async (m) => {
        const backoff = sample(m, 'trading_exchange_backoff_seconds', { venue: 'okx' })!;
        assert.ok(backoff > 2 && backoff <= 3, `the venue asked for 3 s: ${backoff}`);
        const seen = okxRequests();
        // Most of the pause gone (the gauge counts down at scrape time), okx still untouched.
        await until('pause nearly over', (s) => {
          const left = sample(s, 'trading_exchange_backoff_seconds', { venue: 'okx' })!;
          return left > 0 && left < 1;
        });
        assert.equal(okxRequests(), seen, 'okx was asked again before its Retry-After');
      });
    });

    it('429 without Retry-After: RateLimitExceeded with a doubling backoff from the poll interval', async () => {
      await inject('429', 'RateLimitExceeded', (m) => {
        const backoff = sample(m, 'trading_exchange_backoff_seconds', { venue: 'okx' })!;
        assert.ok(backoff <= 2.4, `backoff capped at 8 poll intervals: ${backoff}`);
      });
    });

    it('418 (banned): DDoSProtection, paused for the Retry-After', async () => {
      await inject('418', 'DDoSProtection', (m) => {
        const backoff = sample(m, 'trading_exchange_backoff_seconds', { venue: 'okx' })!;
        assert.ok(backoff > 4 && backoff <= 5, String(backoff));
      });
    });

    it('5xx: ExchangeNotAvailable', async () => {
      await inject('500', 'ExchangeNotAvailable');
    });

    it('no answer: RequestTimeout after --exchange.timeout', async () => {
      await inject('timeout', 'RequestTimeout');
    });

    it('malformed JSON: BadResponse', async () => {
      await inject('malformed', 'BadResponse');
    });

    it('maintenance (okx 50001): OnMaintenance', async () => {
      await inject('maintenance', 'OnMaintenance');
    });

    it('authentication failure: AuthenticationError, the key and the signed query redacted from the log', async () => {
      await inject('auth', 'AuthenticationError');
      const failures = ex.logs.text.split('\n').filter((l) => l.includes('AuthenticationError'));
      assert.ok(failures.length > 0);
      for (const line of failures) {
        assert.ok(!line.includes('okx-key-7f3e9a1c') && !line.includes(secretOf('okx')), line);
        assert.doesNotMatch(line, /\?[^"\s]*=/, 'no query string survives');
      }
    });
  });
