import { expect, test, type Page } from '@playwright/test';
import { createRequire } from 'node:module';

import { startHost } from './support/host.js';
import { LAB, SCRIPT, startTradingFlow, type TradingFlow } from './support/tradingFlow.js';

// The plugin's test ids, shared with its Jest tests (CommonJS package: required through Playwright's TS hook).
const { testIds } = createRequire(import.meta.url)(
  '@vigil/tradeflow-panel/test-ids',
) as typeof import('@vigil/tradeflow-panel/test-ids');

let flow: TradingFlow;
let host: { url: string; stop: () => Promise<void> };
/** One instant for every page of the run, so each reads the same counters. */
let to: number;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  flow = await startTradingFlow();
  host = await startHost(flow.prom.url);
  to = Date.now();
});

test.afterAll(async () => {
  await host?.stop();
  await flow?.stop();
});

async function open(page: Page, theme: 'dark' | 'light' = 'dark', editor = true) {
  const q = new URLSearchParams({ scenario: 'tradeflow', theme, to: String(to), editor: editor ? '1' : '0' });
  await page.goto(`${host.url}/host/?${q}`);
  await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
  await expect(page.getByTestId(testIds.panel)).toBeVisible();
}

const band = (page: Page, from: string, to: string, group: string) => page.getByTestId(testIds.flowBand(from, to, group));
const value = async (page: Page, from: string, to: string, group: string) => Number(await band(page, from, to, group).getAttribute('data-value'));
const thickness = async (page: Page, from: string, to: string, group: string) => Number(await band(page, from, to, group).getAttribute('data-thickness'));

{
  test(`the scripted flow's proportions, from Prometheus alone`, async ({ page }, testInfo) => {
    await open(page, 'dark', false);
    // The flow balances at every final state (the exporter creates a label set's flow series at 0 with its first
    // order, so increase() loses the same first orders on both sides): no "does not balance" warning.
    await expect(page.getByTestId(testIds.problems)).toHaveCount(0);
    // The lab venue's bands, relative to its filled branch: the script's proportions exactly (see tradingFlow.ts).
    const filled = await value(page, 'acknowledged', 'filled', LAB);
    expect(filled).toBeGreaterThan(0);
    const expected: Array<[string, string, number]> = [
      ['submitted', 'acknowledged', SCRIPT.filled + SCRIPT.partThenCanceled + SCRIPT.expired],
      ['submitted', 'rejected', SCRIPT.rejectedBeforeAck],
      ['acknowledged', 'partially_filled', SCRIPT.partThenCanceled],
      ['partially_filled', 'canceled', SCRIPT.partThenCanceled],
      ['acknowledged', 'expired', SCRIPT.expired],
    ];
    for (const [from, to, n] of expected) {
      expect((await value(page, from, to, LAB)) / filled, `${from} → ${to}`).toBeCloseTo(n / SCRIPT.filled, 9);
      // Widths are proportional to counts, on one scale for the whole diagram.
      expect((await thickness(page, from, to, LAB)) / (await thickness(page, 'acknowledged', 'filled', LAB))).toBeCloseTo(n / SCRIPT.filled, 6);
    }
    // The panel's count is what Prometheus itself answers for the same query at the same instant.
    const [sample] = await flow.prom.query(
      `sum(increase(trading_order_transitions_total{venue="${LAB}", from_state="acknowledged", to_state="filled"}[600s]))`,
      to / 1000,
    );
    expect(filled).toBeCloseTo(Number(sample.value[1]), 9);
    await page.screenshot({ path: testInfo.outputPath('tradeflow-panel-dark.png'), fullPage: true });
  });
}

test('reject-storm on okx widens okx’s rejected branch, not the other venues’', async ({ page }) => {
  // In the counters themselves: a third of okx's orders rejected before any ack, the usual 0.5% elsewhere.
  const rejectedShare = async (venue: string) =>
    Number(
      (
        await flow.prom.query(
          `sum(trading_order_transitions_total{venue="${venue}", from_state="submitted", to_state="rejected"}) / sum(trading_orders_submitted_total{venue="${venue}"})`,
          to / 1000,
        )
      )[0]?.value[1] ?? 0,
    );
  expect(await rejectedShare('okx')).toBeGreaterThan(0.2);
  await open(page);
  // On the panel: okx's rejected branch is the widest, absolutely and as a share of what okx took in. (increase()
  // over seconds of flow misses each new series' first scrape, and the flow sums up to 16 symbol × strategy series
  // per venue, so shares on the panel differ from the counters' own: compared between venues, not to 35%.)
  const share = async (venue: string) => (await value(page, 'submitted', 'rejected', venue)) / (await value(page, venue, 'submitted', venue));
  const okxWidth = await thickness(page, 'submitted', 'rejected', 'okx');
  const okxShare = await share('okx');
  for (const venue of ['binance', 'bybit', 'kraken']) {
    if ((await band(page, 'submitted', 'rejected', venue).count()) === 0) continue; // no reject at all there
    expect(okxWidth, venue).toBeGreaterThan(3 * (await thickness(page, 'submitted', 'rejected', venue)));
    expect(okxShare, venue).toBeGreaterThan(3 * (await share(venue)));
  }
});

test('toxic-venue on kraken puts kraken first in the scorecard, ranked by the 5 s markout', async ({ page }) => {
  await open(page);
  const card = page.getByTestId(testIds.scorecard);
  await expect(card).toHaveAttribute('data-rank-by', 'markout');
  await expect(page.getByTestId(testIds.scorecardRow('kraken'))).toHaveAttribute('data-rank', '1');
  // The lab venue has no quotes, so no markout: unknown ranks after every venue with one, never as 0.
  const venues = ['binance', 'bybit', 'kraken', 'okx'];
  const labRank = Number(await page.getByTestId(testIds.scorecardRow(LAB)).getAttribute('data-rank'));
  for (const v of venues) expect(Number(await page.getByTestId(testIds.scorecardRow(v)).getAttribute('data-rank')), v).toBeLessThan(labRank);
});

test('the scorecard’s fill ratio is each venue’s mean share filled of its final orders, never over 100 %', async ({ page }) => {
  await open(page);
  // The truth from the histogram's own counters (the whole flow lies inside the 10-minute range). The panel used to
  // divide increase() of filled by increase() of requested quantity: 126–280 % here, as increase() dropped each
  // label set's first requested quantity (counted at submission, before its first scrape) but not its fills.
  const truth = await flow.prom.query('sum by (venue) (trading_order_fill_ratio_sum) / sum by (venue) (trading_order_fill_ratio_count)', to / 1000);
  expect(truth.length).toBeGreaterThanOrEqual(5);
  for (const s of truth) {
    const venue = s.metric.venue!;
    const shown = Number(await page.getByTestId(testIds.scorecardRow(venue)).locator('td[data-by="fillRatio"]').getAttribute('data-value'));
    expect(shown, venue).toBeLessThanOrEqual(1);
    // increase() extrapolates the _sum and _count of a label set born in the range each by its own start (up to
    // 1.1 scrape intervals of each over ~20-40 scrapes): one run in four was more than 0.05 off, so 0.1.
    expect(Math.abs(shown - Number(s.value[1])), venue).toBeLessThanOrEqual(0.1);
  }
});

test('the scorecard’s reject rate is each venue’s rejected share of its final orders', async ({ page }) => {
  await open(page);
  // The truth from the completion counters' own values. The panel used to divide increase() of
  // trading_order_rejects_total by that of trading_orders_submitted_total: a reason's series is created by its first
  // reject, so increase() dropped it (binance and bybit showed 0 %, okx 22 % of a true 32 %).
  const truth = await flow.prom.query(
    'sum by (venue) (trading_orders_completed_total{final_status="rejected"}) / sum by (venue) (trading_orders_completed_total)',
    to / 1000,
  );
  expect(truth.length).toBeGreaterThanOrEqual(5);
  for (const s of truth) {
    const venue = s.metric.venue!;
    const shown = Number(await page.getByTestId(testIds.scorecardRow(venue)).locator('td[data-by="rejectRate"]').getAttribute('data-value'));
    // increase() extrapolates a label set born in the range per series, as for the fill ratio.
    expect(Math.abs(shown - Number(s.value[1])), venue).toBeLessThanOrEqual(0.05);
  }
});

test('clicking a venue filters the whole panel (light theme)', async ({ page }, testInfo) => {
  await open(page, 'light', false);
  await page.screenshot({ path: testInfo.outputPath('tradeflow-panel-light.png'), fullPage: true });
  await expect(band(page, 'binance', 'submitted', 'binance')).toHaveCount(1);
  await page.getByTestId(testIds.scorecardRow('okx')).click();
  await expect(page.getByTestId(testIds.filterChip('venue'))).toContainText('okx');
  await expect(band(page, 'binance', 'submitted', 'binance')).toHaveCount(0);
  await expect(band(page, 'okx', 'submitted', 'okx')).toHaveCount(1);
  await expect(page.getByTestId(testIds.latencyRow('binance'))).toHaveCount(0);
  // Clicking it again clears the filter.
  await page.getByTestId(testIds.scorecardRow('okx')).click();
  await expect(page.getByTestId(testIds.filterChip('venue'))).toHaveCount(0);
  await expect(band(page, 'binance', 'submitted', 'binance')).toHaveCount(1);
});
