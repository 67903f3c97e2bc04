// One real trading pipeline for the trade-flow panel's browser tests: the trading exporter and its simulator (their
// built commands), a real Prometheus scraping the exporter every second, and a scripted order flow on a venue of
// its own ("lab") whose proportions are known. Kept to seconds: a 200 ms grace period, so orders reach their
// transitions at once, and the simulator runs its two incidents (reject-storm on okx, toxic-venue on kraken) from
// its first second, twice for 6 s.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  packageBin,
  startExporterProcess,
  startPrometheus,
  waitFor,
  type RunningExporter,
  type RunningPrometheus,
} from '@vigil/test-support';

export const LAB = 'lab';
/** The scripted set, per path: posted once, scraped, then posted twice more (see SCRIPTED_ROUNDS). */
export const SCRIPT = { filled: 10, partThenCanceled: 4, rejectedBeforeAck: 4, expired: 2 } as const;
/**
 * Rounds of SCRIPT after the first: increase() over the range counts from a series' first sample, and limits its
 * extrapolation by where the counter would reach zero; with every lab counter at one round at its first sample and
 * three at the end, every lab series gets the same extrapolation, so the panel's proportions are the script's.
 */
export const SCRIPTED_ROUNDS = 2;

const command = (bin: string) => [process.execPath, packageBin('@vigil/trading-exporter', bin)];

export interface TradingFlow {
  exporter: RunningExporter;
  prom: RunningPrometheus;
  stop: () => Promise<void>;
}

let seq = 0;

/** The events of one round of SCRIPT, ending at `now`. */
function scriptedRound(now: number): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const order = (path: keyof typeof SCRIPT) => {
    const id = `lab-${++seq}`;
    const t = now - 1000;
    events.push({ type: 'order.submitted', ts: t, orderId: id, venue: LAB, symbol: 'BTC/USDT', strategy: 'scripted', side: 'buy', orderType: 'limit', quantity: 1, arrivalPrice: 100, decisionPrice: 100 });
    if (path === 'rejectedBeforeAck') {
      events.push({ type: 'order.rejected', ts: t + 5, orderId: id, reason: 'price_out_of_band' });
      return;
    }
    events.push({ type: 'order.acknowledged', ts: t + 5, orderId: id });
    if (path === 'filled') events.push({ type: 'order.filled', ts: t + 10, orderId: id, fillId: `${id}-1`, fillQuantity: 1, fillPrice: 100.01 });
    if (path === 'partThenCanceled') {
      events.push({ type: 'order.filled', ts: t + 10, orderId: id, fillId: `${id}-1`, fillQuantity: 0.5, fillPrice: 100.01 });
      events.push({ type: 'order.canceled', ts: t + 20, orderId: id });
    }
    if (path === 'expired') events.push({ type: 'order.expired', ts: t + 20, orderId: id });
  };
  for (const path of Object.keys(SCRIPT) as Array<keyof typeof SCRIPT>) for (let i = 0; i < SCRIPT[path]; i++) order(path);
  return events;
}

async function post(url: string, events: unknown[]): Promise<void> {
  const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
  if (res.status !== 202) throw new Error(`POST /v1/events: ${res.status} ${await res.text()}`);
}

const labFilled = async (prom: RunningPrometheus) =>
  Number((await prom.query(`sum(trading_order_transitions_total{venue="${LAB}", to_state="filled"})`))[0]?.value[1] ?? 0);

export async function startTradingFlow(): Promise<TradingFlow> {
  const exporter = await startExporterProcess(command('vigil-trading-exporter'), ['--orders.grace-period=200ms'], { timeoutMs: 30_000 });
  let prom: RunningPrometheus | undefined;
  try {
    prom = await startPrometheus({
      config: {
        global: { scrape_interval: '1s', scrape_timeout: '1s' },
        scrape_configs: [{ job_name: 'trading', static_configs: [{ targets: [new URL(exporter.url).host] }] }],
      },
    });
    const p = prom;
    await post(exporter.url, scriptedRound(Date.now()));
    await waitFor(async () => (await labFilled(p)) === SCRIPT.filled, { what: 'the first scripted round in Prometheus', timeoutMs: 20_000 });
    for (let r = 0; r < SCRIPTED_ROUNDS; r++) await post(exporter.url, scriptedRound(Date.now()));
    const [node, sim] = command('vigil-trading-sim');
    const simulate = (seed: number) =>
      promisify(execFile)(
        node!,
        [sim!, `--target.url=${exporter.url}`, `--sim.seed=${seed}`, '--sim.duration=6s', '--incident=reject-storm=okx@0s', '--incident=toxic-venue=kraken@0s', '--log.level=warn'],
        { timeout: 60_000 },
      );
    // Twice: increase() counts from a series' first sample, and the flow sums a series per venue, symbol and
    // strategy; the first run creates most of them, so the second run's orders are what the panel's ranges count.
    await simulate(11);
    const between = Date.now() / 1000;
    await waitFor(async () => Number((await p.query('max(timestamp(up{job="trading"}))'))[0]?.value[1] ?? 0) > between + 0.3, {
      what: 'a scrape between the two simulator runs',
      timeoutMs: 10_000,
      intervalMs: 250,
    });
    await simulate(12);
    // The simulator's last fills reach their 5 s markout 5 s + grace after it ends (the scorecard ranks by it).
    await waitFor(
      async () =>
        (await labFilled(p)) === SCRIPT.filled * (1 + SCRIPTED_ROUNDS) &&
        (
          await p.query(
            'sum(trading_fill_markout_ratio_count{horizon="5s"}) + sum(trading_fill_markouts_unmeasured_total{horizon="5s"}) >= sum(trading_events_received_total{type="order.filled"})',
          )
        ).length > 0,
      { what: 'the 5 s markout of every fill measured and scraped', timeoutMs: 40_000, intervalMs: 500 },
    );
    // One more scrape after that, so a query at "now" sees the final counters.
    const settled = Date.now() / 1000;
    await waitFor(async () => Number((await p.query('max(timestamp(up{job="trading"}))'))[0]?.value[1] ?? 0) > settled, {
      what: 'a scrape after the flow settled',
      timeoutMs: 10_000,
      intervalMs: 250,
    });
  } catch (err) {
    await prom?.stop();
    await exporter.stop();
    throw err;
  }
  const running = prom;
  return {
    exporter,
    prom: running,
    stop: async () => {
      await running.stop();
      await exporter.stop();
    },
  };
}
