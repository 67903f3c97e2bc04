// The alerts app (vigil-alerts-app) in the plugin host, in Debian Chromium, against a real Alertmanager 0.25, the
// alert journal and a real Prometheus fed by the market simulator (one set-up for the whole file:
// support/alertsStack.ts). The scenarios of issue 15: the simulator's incident with its money at stake, an
// acknowledgement that survives a reload, a UI silence that really mutes while a control alert still reaches a
// webhook and whose backtest counts the stored episodes, a Viewer without a silence button whose forged proxy call
// gets 403, a deep link restoring filters and grouping, a market calendar configured by an Admin whose session
// preset ends a silence at that market's next open, and the journal down shown as a message while the list works.
import { expect, test, type Page, type Request } from '@playwright/test';
import { createRequire } from 'node:module';
import { waitFor } from '@vigil/test-support';

import { startAlertsStack, type AlertsStack } from './support/alertsStack.js';

const { testIds } = createRequire(import.meta.url)(
  '@vigil/alerts-app/test-ids',
) as typeof import('@vigil/alerts-app/test-ids');

let stack: AlertsStack;
// One page for the whole file: the host page's bundle is loaded from the browser's cache after the first visit.
let page: Page;
const consoleErrors: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  stack = await startAlertsStack();
  page = await browser.newPage();
  page.on('console', (m) => {
    // A source that is down on purpose (the last test) logs the browser's own "Failed to load resource" line.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

test.afterAll(async () => {
  await page?.close();
  await stack?.stop();
});

interface AmAlert {
  fingerprint: string;
  labels: Record<string, string>;
  status: { state: string; silencedBy: string[] };
}

async function amAlerts(): Promise<AmAlert[]> {
  return (await (await fetch(`${stack.alertmanager.url}/api/v2/alerts`)).json()) as AmAlert[];
}

async function asRole(role: 'Viewer' | 'Editor' | 'Admin') {
  await page.context().addCookies([{ name: 'vigil_host_role', value: role, url: stack.hostUrl }]);
}

async function open(path: string) {
  await page.goto(`${stack.hostUrl}/a/vigil-alerts-app/${path}`);
  await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
}

/** Posts the test's own alerts to Alertmanager (as Prometheus would), firing for 10 minutes. */
async function post(labels: Record<string, string>[]) {
  const startsAt = new Date(Date.now() - 1000).toISOString();
  const endsAt = new Date(Date.now() + 600_000).toISOString();
  await stack.alertmanager.postAlerts(
    labels.map((l) => ({
      labels: { severity: 'warning', ...l },
      annotations: { summary: `${l.alertname} (e2e)` },
      startsAt,
      endsAt,
    })),
  );
}

test("the simulator's slippage incident appears in the list with the money at stake from Prometheus", async () => {
  const alert = await waitFor(
    async () =>
      (await amAlerts()).find(
        (a) => a.labels.alertname === 'HighAdverseSlippage' && a.status.state === 'active',
      ),
    { what: 'HighAdverseSlippage firing in Alertmanager', timeoutMs: 60_000 },
  );
  // The simulator opens positions and flattens them again all the time, so the page's count (read when it
  // rendered) lies between the least and the most Prometheus counted while the page was opening (a subquery at
  // a quarter of the 1 s scrape interval over that time).
  const countExpr = `(count(trading_position_notional{venue="${alert.labels.venue}",symbol="${alert.labels.symbol}"}) or vector(0))`;
  const from = Date.now() / 1000;
  await asRole('Editor');
  await open('alerts?q=alertname%3DHighAdverseSlippage');
  const row = page.getByTestId(testIds.alerts.row(alert.fingerprint));
  await expect(row).toContainText('HighAdverseSlippage');
  const money = page.getByTestId(testIds.alerts.money(alert.fingerprint));
  await expect(money).toContainText(
    `At stake (venue=${alert.labels.venue}, symbol=${alert.labels.symbol}): `,
  );
  await expect(money).toContainText('positions, notional');
  const to = Date.now() / 1000;
  const shown = Number(/: (\d+) positions, notional/.exec((await money.textContent()) ?? '')?.[1]);
  const counted = async (fn: 'min_over_time' | 'max_over_time') =>
    Number((await stack.prometheus.query(`${fn}(${countExpr}[${Math.ceil(to - from) + 1}s:250ms])`, to))[0]?.value[1] ?? NaN);
  const [least, most] = [await counted('min_over_time'), await counted('max_over_time')];
  expect(most).toBeGreaterThan(0);
  expect(shown).toBeGreaterThanOrEqual(least);
  expect(shown).toBeLessThanOrEqual(most);
  await page.screenshot({ path: test.info().outputPath('alerts-dark.png'), fullPage: false });
  await page.goto(`${stack.hostUrl}/a/vigil-alerts-app/alerts?q=alertname%3DHighAdverseSlippage&theme=light`);
  await expect(page.getByTestId(testIds.alerts.money(alert.fingerprint))).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('alerts-light.png'), fullPage: false });
});

test('an acknowledgement is kept in the journal and shows its owner after a reload', async () => {
  const [alert] = (await amAlerts()).filter((a) => a.labels.alertname === 'HighAdverseSlippage');
  await asRole('Editor');
  await open('alerts?q=alertname%3DHighAdverseSlippage');
  await page.getByTestId(testIds.alerts.ackButton(alert.fingerprint)).click();
  await page.getByTestId(testIds.ackForm.owner).fill('night-desk');
  await page.getByTestId(testIds.ackForm.comment).fill('widening limits on this pair');
  await page.getByTestId(testIds.ackForm.submit).click();
  await expect(page.getByTestId(testIds.alerts.ack(alert.fingerprint))).toContainText('night-desk');
  await page.reload();
  await expect(page.getByTestId(testIds.alerts.ack(alert.fingerprint))).toContainText(
    'Acknowledged by night-desk',
  );
  await expect(page.getByTestId(testIds.alerts.ack(alert.fingerprint))).toContainText(
    'widening limits on this pair',
  );
});

test('a silence made in the UI mutes its alert in Alertmanager, a control alert still reaches the webhook, and its backtest counts the stored episodes', async () => {
  // Stored history: three resolved episodes of the alert to silence on okx, two on binance (must not count).
  const episode = (venue: string, hoursAgo: number) => ({
    status: 'resolved',
    labels: { alertname: 'E2EVenueLag', severity: 'warning', venue, episode: String(hoursAgo) },
    annotations: {},
    startsAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
    endsAt: new Date(Date.now() - hoursAgo * 3_600_000 + 600_000).toISOString(),
    fingerprint: Buffer.from(`${venue}${hoursAgo}`).toString('hex').padEnd(16, '0').slice(0, 16),
  });
  const history = [
    episode('okx', 30),
    episode('okx', 50),
    episode('okx', 70),
    episode('binance', 40),
    episode('binance', 60),
  ];
  const stored = await fetch(`${stack.journal.url}/v1/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      version: '4',
      status: 'resolved',
      receiver: 'journal',
      groupKey: '{}:{alertname="E2EVenueLag"}',
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      externalURL: '',
      alerts: history,
    }),
  });
  expect(stored.status, await stored.text()).toBe(200);
  await post([
    { alertname: 'E2EVenueLag', venue: 'okx' },
    { alertname: 'E2EControl', venue: 'okx' },
  ]);
  const target = await waitFor(
    async () => (await amAlerts()).find((a) => a.labels.alertname === 'E2EVenueLag'),
    { what: 'E2EVenueLag in Alertmanager', timeoutMs: 15_000 },
  );
  // The live episode reaches the journal through Alertmanager's webhook: 3 stored + 1 live = 4 on okx.
  await waitFor(
    async () => {
      const r = await fetch(`${stack.journal.url}/api/v1/alerts/history?alertname=E2EVenueLag&venue=okx`, {
        headers: { 'X-API-Key': stack.journalKey },
      });
      return ((await r.json()) as { occurrences: unknown[] }).occurrences.length === 4;
    },
    { what: 'the live E2EVenueLag episode in the journal', timeoutMs: 15_000 },
  );

  await asRole('Editor');
  await open('alerts?q=alertname%3DE2EVenueLag');
  await page.getByTestId(testIds.alerts.silenceButton(target.fingerprint)).click();
  await expect(page.getByTestId(testIds.editor.form)).toBeVisible();
  await expect(page.getByTestId(testIds.editor.previewNow)).toContainText('E2EVenueLag');
  await expect(page.getByTestId(testIds.editor.backtest)).toContainText(
    'Last 7 days: 4 episodes of 4 alerts',
  );
  await page.getByTestId(testIds.editor.comment).fill('okx maintenance window');
  const sent = Date.now();
  await page.getByTestId(testIds.editor.submit).click();

  const silenced = await waitFor(
    async () =>
      (await amAlerts()).find((a) => a.fingerprint === target.fingerprint && a.status.state === 'suppressed'),
    {
      what: 'E2EVenueLag suppressed in Alertmanager',
      timeoutMs: 15_000,
    },
  );
  expect(silenced.status.silencedBy).toHaveLength(1);
  // A new instance of each: the control's reaches the webhook; the silenced one never does.
  await post([
    { alertname: 'E2EVenueLag', venue: 'okx', instance: 'b' },
    { alertname: 'E2EControl', venue: 'okx', instance: 'b' },
  ]);
  await waitFor(
    async () =>
      stack.control.find((p) =>
        p.alerts.some((a) => a.labels.alertname === 'E2EControl' && a.labels.instance === 'b'),
      ),
    {
      what: 'the control alert at the webhook',
      timeoutMs: 15_000,
    },
  );
  await waitFor(
    async () =>
      (await amAlerts()).find(
        (a) =>
          a.labels.alertname === 'E2EVenueLag' &&
          a.labels.instance === 'b' &&
          a.status.state === 'suppressed',
      ),
    {
      what: 'the new E2EVenueLag instance suppressed',
      timeoutMs: 15_000,
    },
  );
  expect(
    stack.control.some((p) =>
      p.alerts.some((a) => a.labels.alertname === 'E2EVenueLag' && a.labels.instance === 'b'),
    ),
  ).toBe(false);
  expect(Date.now() - sent).toBeLessThan(60_000);
});

test('a Viewer has no silence or acknowledge button, and a forged proxy call is refused with 403', async () => {
  const [alert] = (await amAlerts()).filter((a) => a.labels.alertname === 'E2EControl');
  await asRole('Viewer');
  await open('alerts?q=alertname%3DE2EControl');
  await expect(page.getByTestId(testIds.alerts.row(alert.fingerprint))).toBeVisible();
  await expect(page.getByTestId(testIds.alerts.silenceButton(alert.fingerprint))).toHaveCount(0);
  await expect(page.getByTestId(testIds.alerts.ackButton(alert.fingerprint))).toHaveCount(0);
  const before = ((await (await fetch(`${stack.alertmanager.url}/api/v2/silences`)).json()) as unknown[])
    .length;
  const forged = await page.evaluate(async () => {
    const r = await fetch('/api/plugin-proxy/vigil-alerts-app/alertmanager/0/silences', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matchers: [{ name: 'alertname', value: 'E2EControl', isRegex: false, isEqual: true }],
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        createdBy: 'viewer',
        comment: 'forged',
      }),
    });
    return { status: r.status, body: await r.text() };
  });
  expect(forged.status).toBe(403);
  expect(forged.body).toContain('vigil-alerts-app.silences:write');
  expect(
    ((await (await fetch(`${stack.alertmanager.url}/api/v2/silences`)).json()) as unknown[]).length,
  ).toBe(before);
});

test('a deep link restores the filter and the grouping', async () => {
  await asRole('Viewer');
  await open(`alerts?q=${encodeURIComponent('alertname=~"E2E.*" venue="okx"')}&group=label:alertname`);
  await expect(page.getByTestId(testIds.alerts.filter)).toHaveValue('alertname=~"E2E.*" venue="okx"');
  await expect(page.getByTestId(testIds.alerts.group('alertname=E2EControl'))).toBeVisible();
  await expect(page.getByTestId(testIds.alerts.group('alertname=E2EVenueLag'))).toBeVisible();
  await expect(page.getByText('HighAdverseSlippage')).toHaveCount(0);
});

test('entering the Alerts page from another page asks Alertmanager for its groups once (the request the app root starts is the one the page uses)', async () => {
  await asRole('Viewer');
  await open('history');
  const asked: string[] = [];
  const onRequest = (r: Request) => {
    const m = /\/alertmanager\/0\/(alerts\/groups|silences)/.exec(r.url());
    if (m) asked.push(m[1]);
  };
  page.on('request', onRequest);
  try {
    await page.getByRole('tab', { name: 'Alerts' }).click();
    await expect(page.getByTestId(testIds.alerts.page)).toBeVisible();
    // Silences are asked for once the list is painted: by then the groups have been asked for, once.
    await expect.poll(() => asked.includes('silences')).toBe(true);
    expect(asked.filter((x) => x === 'alerts/groups')).toHaveLength(1);
  } finally {
    page.off('request', onRequest);
  }
});

/**
 * The next instant after `now` when New York's wall clock shows 09:30 on a weekday, found by walking minutes (an
 * independent check of the app's calendar arithmetic, DST included).
 */
function nextNyseOpen(now: number): number {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'America/New_York',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (let t = Math.floor(now / 60_000) * 60_000 + 60_000; t < now + 9 * 86_400_000; t += 60_000) {
    const p = Object.fromEntries(fmt.formatToParts(t).map((x) => [x.type, x.value]));
    if (p.hour === '09' && p.minute === '30' && !['Sat', 'Sun'].includes(p.weekday)) return t;
  }
  throw new Error('no New York weekday 09:30 within 9 days');
}

test('an Admin adds a market calendar (a bad time zone is refused naming the field, nothing saved), and a silence "until next open" ends at that market\'s next open in Alertmanager', async () => {
  const nyse = (timezone: string) => ({
    id: 'nyse',
    name: 'NYSE',
    timezone,
    sessions: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].map((d) => ({ open: `${d} 09:30`, close: `${d} 16:00` })),
  });
  const fx = { id: 'fx', name: 'FX', timezone: 'America/New_York', sessions: [{ open: 'Sun 17:00', close: 'Fri 17:00' }] };
  const savedCalendars = async () =>
    (
      (await (await page.request.get(`${stack.hostUrl}/api/plugins/vigil-alerts-app/settings`)).json()) as {
        jsonData: { calendars?: Array<{ id: string }> };
      }
    ).jsonData.calendars?.map((c) => c.id) ?? [];

  await asRole('Admin');
  await page.goto(`${stack.hostUrl}/plugins/vigil-alerts-app`);
  await expect(page.locator('body')).toHaveAttribute('data-host-state', 'ready');
  await page.getByTestId(testIds.config.calendars).fill(JSON.stringify([fx, nyse('America/New_Yrok')]));
  await page.getByTestId(testIds.config.venueCalendars).fill('nyse-e2e=nyse');
  // Up to ~72 h from a Friday morning to Monday's open: above the default maximum of 72 hours.
  await page.getByTestId(testIds.config.maxSilence).fill('96');
  await page.getByTestId(testIds.config.submit).click();
  await expect(page.getByTestId(testIds.config.error('calendars'))).toContainText(
    'calendars[1].timezone: unknown IANA time zone "America/New_Yrok"',
  );
  expect(await savedCalendars()).not.toContain('nyse');

  await page.getByTestId(testIds.config.calendars).fill(JSON.stringify([fx, nyse('America/New_York')]));
  await page.getByTestId(testIds.config.submit).click();
  await expect(page.getByTestId(testIds.config.saved)).toBeVisible();
  expect(await savedCalendars()).toEqual(['fx', 'nyse']);

  await post([{ alertname: 'E2EMarketClosed', venue: 'nyse-e2e' }]);
  const target = await waitFor(
    async () => (await amAlerts()).find((a) => a.labels.alertname === 'E2EMarketClosed'),
    { what: 'E2EMarketClosed in Alertmanager', timeoutMs: 15_000 },
  );
  await asRole('Editor');
  await open('alerts?q=alertname%3DE2EMarketClosed');
  const opened = Date.now();
  await page.getByTestId(testIds.alerts.silenceButton(target.fingerprint)).click();
  await expect(page.getByTestId(testIds.editor.form)).toBeVisible();
  // The venue's own market comes first among the session presets.
  const presetIds = await page
    .locator('[data-testid^="vigil-silence-preset-open:"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(presetIds).toEqual([testIds.editor.preset('open:nyse'), testIds.editor.preset('open:fx')]);
  await page.getByTestId(testIds.editor.preset('open:nyse')).click();
  await page.getByTestId(testIds.editor.comment).fill('NYSE closed: no quotes expected');
  await page.getByTestId(testIds.editor.submit).click();

  const silence = await waitFor(
    async () =>
      (
        (await (await fetch(`${stack.alertmanager.url}/api/v2/silences`)).json()) as Array<{
          endsAt: string;
          status: { state: string };
          matchers: Array<{ name: string; value: string }>;
        }>
      ).find((x) => x.status.state === 'active' && x.matchers.some((m) => m.name === 'venue' && m.value === 'nyse-e2e')),
    { what: 'the NYSE silence in Alertmanager', timeoutMs: 15_000 },
  );
  // The app computes the open when the preset is clicked, a moment after `opened`: if an open falls between the
  // two, the app's is the one after it. Either is right; anything else is not.
  expect([nextNyseOpen(opened), nextNyseOpen(nextNyseOpen(opened))]).toContain(Date.parse(silence.endsAt));
  expect(Date.parse(silence.endsAt)).toBeGreaterThan(Date.now());
  await waitFor(
    async () =>
      (await amAlerts()).find((a) => a.fingerprint === target.fingerprint && a.status.state === 'suppressed'),
    { what: 'E2EMarketClosed suppressed', timeoutMs: 15_000 },
  );
});

test('with the journal down the page says so and the alert list still works', async () => {
  await stack.stopJournal();
  await asRole('Editor');
  await open('alerts?q=alertname%3DE2EControl');
  await expect(page.getByTestId(testIds.sourceError('Alert journal'))).toContainText(
    'Alert journal is unreachable',
  );
  const [alert] = (await amAlerts()).filter((a) => a.labels.alertname === 'E2EControl');
  await expect(page.getByTestId(testIds.alerts.row(alert.fingerprint))).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
