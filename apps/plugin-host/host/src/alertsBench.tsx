// The alert list benchmark's page side (bench/src/alerts-app-render.bench.ts), on an app page opened with
// ?benchHooks=1: the alerts app's own list (navigated to by route, the plugin already loaded) against two
// references fed the same Alertmanager groups through the same proxy route in the same page — a plain HTML table
// built with DOM calls (the floor) and @grafana/ui's Table — each timed from the request to the frame after the
// rows were committed; and filter-to-repaint for all three.
import { applyFieldOverrides, createDataFrame, createTheme, FieldType, type DataFrame } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Table, ThemeContext } from '@grafana/ui';
import React from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';

interface AmGroup {
  alerts: Array<{
    fingerprint: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    startsAt: string;
    status: { state: string };
  }>;
}

interface Row {
  state: string;
  alertname: string;
  severity: string;
  since: string;
  summary: string;
  labels: string;
}

const GROUPS_URL = '/api/plugin-proxy/vigil-alerts-app/alertmanager/0/alerts/groups?active=true&silenced=true&inhibited=true';
const ROW_SELECTOR = '[data-testid^="vigil-alerts-row-"]';

function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function fetchRows(): Promise<Row[]> {
  const groups = (await (await fetch(GROUPS_URL)).json()) as AmGroup[];
  const rows: Row[] = [];
  for (const g of groups) {
    for (const a of g.alerts) {
      rows.push({
        state: a.status.state,
        alertname: a.labels.alertname ?? '',
        severity: a.labels.severity ?? '',
        since: a.startsAt,
        summary: a.annotations.summary ?? '',
        labels: Object.entries(a.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
      });
    }
  }
  return rows;
}

const COLUMNS: Array<keyof Row> = ['state', 'alertname', 'severity', 'since', 'summary', 'labels'];

function plainTable(rows: Row[]): HTMLTableElement {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const c of COLUMNS) head.insertCell().textContent = c;
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    for (const c of COLUMNS) tr.insertCell().textContent = r[c];
  }
  return table;
}

const theme = createTheme({ colors: { mode: 'dark' } });

function frameOf(rows: Row[]): DataFrame {
  const frame = createDataFrame({
    fields: COLUMNS.map((c) => ({ name: c, type: FieldType.string, values: rows.map((r) => r[c]) })),
  });
  return applyFieldOverrides({ data: [frame], fieldConfig: { defaults: {}, overrides: [] }, replaceVariables: (s: string) => s, theme, timeZone: 'utc' })[0];
}

function grafanaTable(root: Root, rows: Row[]) {
  flushSync(() =>
    root.render(
      <ThemeContext.Provider value={theme}>
        <Table data={frameOf(rows)} width={1400} height={800} />
      </ThemeContext.Provider>,
    ),
  );
}

function rowsShown(): number {
  return document.querySelectorAll(ROW_SELECTOR).length;
}

/** Until `done()` holds after a DOM change (a mutation observer sees the commit as it happens), with a deadline. */
function untilCommitted(done: () => boolean, what: () => string, timeoutMs = 120_000): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (done()) {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      }
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(what()));
    }, timeoutMs);
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

/**
 * Until the app has committed `count` rows, then the frame after, as the references are timed: a mutation observer
 * sees the commit as it happens (a poll once per animation frame saw it only in the next frame and then waited for
 * one more, charging the app a frame the references were not charged).
 */
async function untilRows(count: number): Promise<void> {
  await untilCommitted(
    () => rowsShown() === count,
    () => `the app showed ${rowsShown()} rows, expected ${count}`,
  );
  await nextPaint();
}

/**
 * Until the app's committed rows fill the window (its last row reaches the window's bottom edge), then the frame
 * after: what the user sees of the list, as the Table's rows fill its 800 px viewport. Reading the last row's box
 * lays the page out here instead of in the frame that follows (the same work, done once).
 */
async function untilWindowFilled(): Promise<void> {
  const filled = () => {
    const rows = document.querySelectorAll(ROW_SELECTOR);
    return rows.length > 0 && rows[rows.length - 1].getBoundingClientRect().bottom >= window.innerHeight;
  };
  await untilCommitted(filled, () => `the app's ${rowsShown()} rows did not fill the window`);
  await nextPaint();
}

/**
 * Until no resource has completed for `quietMs` (a poll with a deadline): the app asks for silences, the journal
 * and Prometheus once its list is painted, so a filter typed straight after the first render would be timed
 * together with their answers and the re-renders they cause. The references have no such follow-ups.
 */
async function settle(quietMs = 300, timeoutMs = 10_000): Promise<void> {
  let last = performance.now();
  const deadline = last + timeoutMs;
  const observer = new PerformanceObserver(() => {
    last = performance.now();
  });
  observer.observe({ type: 'resource' });
  try {
    while (performance.now() - last < quietMs) {
      if (performance.now() > deadline) {
        throw new Error(`the page was still loading resources after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    observer.disconnect();
  }
}

/** The filter used by every side: one alert name's instances. */
const matches = (alertname: string) => (r: Row) => r.alertname === alertname;

export function installAlertsBench(): void {
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root | undefined;
  const clear = async () => {
    root?.unmount();
    root = undefined;
    container.replaceChildren();
    await nextPaint();
  };
  (window as unknown as { __vigilAlertsBench: unknown }).__vigilAlertsBench = {
    /**
     * The app's list from a route change (plugin loaded, alerts fetched by the app) to the painted rows that fill
     * the window; then (not timed) until its first page of `pageRows` rows follows, which checks the build.
     */
    async app(path: string, pageRows: number): Promise<number> {
      const t0 = performance.now();
      locationService.push(path);
      await untilWindowFilled();
      const ms = performance.now() - t0;
      await untilRows(pageRows);
      return ms;
    },
    async appFilter(q: string, expectedRows: number): Promise<number> {
      const t0 = performance.now();
      locationService.partial({ q }, true);
      await untilRows(expectedRows);
      return performance.now() - t0;
    },
    settle,
    leaveApp(path: string) {
      locationService.push(path);
      return nextPaint();
    },
    async plain(): Promise<{ ms: number; rows: number }> {
      await clear();
      const t0 = performance.now();
      const rows = await fetchRows();
      container.appendChild(plainTable(rows));
      await nextPaint();
      return { ms: performance.now() - t0, rows: container.querySelectorAll('tbody tr').length };
    },
    async plainFilter(alertname: string): Promise<{ ms: number; rows: number }> {
      await clear();
      const rows = await fetchRows();
      container.appendChild(plainTable(rows));
      await nextPaint();
      const t0 = performance.now();
      const table = container.querySelector('table') as HTMLTableElement;
      table.tBodies[0].replaceWith(plainTable(rows.filter(matches(alertname))).tBodies[0]);
      await nextPaint();
      return { ms: performance.now() - t0, rows: container.querySelectorAll('tbody tr').length };
    },
    async grafana(): Promise<{ ms: number; rows: number }> {
      await clear();
      root = createRoot(container);
      const t0 = performance.now();
      const rows = await fetchRows();
      grafanaTable(root, rows);
      await nextPaint();
      return { ms: performance.now() - t0, rows: rows.length };
    },
    async grafanaFilter(alertname: string): Promise<{ ms: number; rows: number }> {
      await clear();
      root = createRoot(container);
      const rows = await fetchRows();
      grafanaTable(root, rows);
      await nextPaint();
      const t0 = performance.now();
      const shown = rows.filter(matches(alertname));
      grafanaTable(root, shown);
      await nextPaint();
      return { ms: performance.now() - t0, rows: shown.length };
    },
    clear,
  };
}
