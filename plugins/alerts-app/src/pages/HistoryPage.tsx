// History: episodes from the journal with filters and paging, MTTA/MTTR/flapping and the noisiest alerts for the
// same window, a weekday×hour heat map per alert name, CSV export. Filters, window, page and heat map in the URL.
import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { dateMath, type GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Button, Combobox, Input, LinkButton, LoadingPlaceholder, Stack, useStyles2 } from '@grafana/ui';
import { JOURNAL, journal } from '../api/clients';
import { SourceError } from '../api/proxy';
import { useAppContext } from '../components/AppContext';
import { SourceErrorView } from '../components/SourceErrorView';
import { WeekHourHeatmap } from '../components/history/WeekHourHeatmap';
import { useAsync } from '../hooks/useAsync';
import { useUrlState } from '../hooks/useUrlState';
import { formatDuration, formatTime, since } from '../lib/format';
import { HISTORY_STATE, cursorStack } from '../lib/urlState';
import { testIds } from '../testIds';

const RANGES = [
  { label: 'Last 24 hours', value: 'now-24h' },
  { label: 'Last 7 days', value: 'now-7d' },
  { label: 'Last 30 days', value: 'now-30d' },
];
const FILTERS = ['alertname', 'severity', 'service', 'venue'] as const;
const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Asia/Singapore', 'Asia/Hong_Kong', 'Europe/Zurich', 'Australia/Sydney'];
const PAGE = 50;

function toIso(text: string, roundUp: boolean): string | undefined {
  const d = dateMath.toDateTime(text, { roundUp });
  return d && d.isValid() ? d.toISOString() : undefined;
}

function HistoryPage() {
  const s = useStyles2(getStyles);
  const { settings } = useAppContext();
  const [state, update] = useUrlState(HISTORY_STATE);
  const stack = cursorStack(state.cursors);
  // Relative times (now-7d) are resolved once per change, so the requests' keys stay stable between renders.
  const window = useMemo(() => ({ start_time: toIso(state.from, false), end_time: toIso(state.to, true) }), [state.from, state.to]);
  const filters = { alertname: state.alertname, severity: state.severity, service: state.service, venue: state.venue, status: state.status, ...window };
  const query = { ...filters, limit: String(PAGE), cursor: stack[stack.length - 1] };
  const configured = settings.journalUrl !== '';
  const gate = <T,>(load: () => Promise<T>) => (configured ? load() : Promise.reject(new SourceError(JOURNAL, 'not-configured', 'set its URL in the app configuration')));
  // asOf: when the answer came, for how long a still-firing episode has fired so far.
  const page = useAsync(JOURNAL, () => gate(() => journal.history(query).then((r) => ({ ...r, asOf: Date.now() }))), JSON.stringify(query));
  const stats = useAsync(JOURNAL, () => gate(() => journal.stats(window)), JSON.stringify(window));
  const heat = useAsync(JOURNAL, () => (state.heat ? gate(() => journal.heatmap({ alertname: state.heat, timezone: state.tz, ...window })) : Promise.resolve(null)), `${state.heat}|${state.tz}|${JSON.stringify(window)}`);
  const names = useMemo(() => (stats.data?.by_alertname ?? []).map((g) => ({ label: `${g.key} (${g.occurrences})`, value: g.key })), [stats.data]);
  const setFilter = (patch: Partial<typeof state>) => update({ ...patch, cursors: '' });

  return (
    <PluginPage>
      <div data-testid={testIds.history.page} className={s.page}>
        <Stack gap={1} wrap="wrap" alignItems="flex-end">
          {FILTERS.map((f) => (
            <Input key={f} aria-label={f} placeholder={f} width={20} data-testid={testIds.history.filter(f)} value={state[f]} onChange={(e) => setFilter({ [f]: e.currentTarget.value })} />
          ))}
          <div className={s.select} data-testid={testIds.history.filter('status')}>
            <Combobox aria-label="status" options={[{ label: 'Any status', value: '' }, { label: 'Firing', value: 'firing' }, { label: 'Resolved', value: 'resolved' }]} value={state.status} onChange={(o) => setFilter({ status: o?.value ?? '' })} />
          </div>
          <div className={s.select} data-testid={testIds.history.range}>
            <Combobox aria-label="time range" options={RANGES} value={RANGES.some((r) => r.value === state.from) ? state.from : undefined} placeholder={`${state.from} to ${state.to}`} onChange={(o) => setFilter({ from: o?.value ?? 'now-7d', to: 'now' })} />
          </div>
          {configured && (
            <LinkButton variant="secondary" icon="download-alt" href={journal.historyCsvUrl({ ...filters, limit: '10000' })} data-testid={testIds.history.csv} download="alert-history.csv" title="The newest 10,000 episodes of these filters and time range (the journal's most per file): narrow the range for more">
              CSV
            </LinkButton>
          )}
        </Stack>

        {stats.error ? (
          <SourceErrorView error={stats.error} onRetry={stats.reload} />
        ) : stats.data ? (
          <div className={s.stats} data-testid={testIds.history.stats}>
            <div>
              <span>Episodes</span>
              <strong>{stats.data.total.occurrences}</strong>
            </div>
            <div>
              <span>MTTA</span>
              <strong>{formatDuration(stats.data.total.mean_time_to_acknowledge_seconds)}</strong>
            </div>
            <div>
              <span>MTTR</span>
              <strong>{formatDuration(stats.data.total.mean_time_to_resolve_seconds)}</strong>
            </div>
            <div>
              <span>Flapping</span>
              <strong>{Math.round(stats.data.total.flapping_score * 100)}%</strong>
            </div>
            <div>
              <span>Noisiest</span>
              <strong>{stats.data.noisiest.slice(0, 3).map((n) => `${n.alertname} (${n.occurrences})`).join(', ') || '—'}</strong>
            </div>
          </div>
        ) : (
          <LoadingPlaceholder text="Loading statistics…" />
        )}

        <section aria-label="Heat map">
          <Stack gap={1} alignItems="center">
            <span>Heat map of</span>
            <div className={s.select}>
              <Combobox aria-label="heat map alert" options={names} value={state.heat || undefined} placeholder="pick an alert name" onChange={(o) => update({ heat: o?.value ?? '' })} />
            </div>
            <span>in</span>
            <div className={s.select}>
              <Combobox aria-label="time zone" options={ZONES.map((z) => ({ label: z, value: z }))} value={state.tz} onChange={(o) => update({ tz: o?.value ?? 'UTC' })} />
            </div>
          </Stack>
          {heat.error ? <SourceErrorView error={heat.error} severity="warning" /> : heat.data ? <WeekHourHeatmap data={heat.data} /> : null}
        </section>

        {page.error ? (
          <SourceErrorView error={page.error} onRetry={page.reload} />
        ) : !page.data ? (
          <LoadingPlaceholder text="Loading episodes…" />
        ) : page.data.occurrences.length === 0 ? (
          <div className={s.empty} data-testid={testIds.history.empty}>
            No episode in this window matches these filters.
          </div>
        ) : (
          <table className={s.table} data-testid={testIds.history.table}>
            <thead>
              <tr>
                <th>Alert</th>
                <th>Severity</th>
                <th>Venue</th>
                <th>Started</th>
                <th>Duration</th>
                <th>Status</th>
                <th>Acknowledged</th>
              </tr>
            </thead>
            <tbody>
              {page.data.occurrences.map((o) => (
                <tr key={o.id} data-testid={testIds.history.row(o.id)}>
                  <td>
                    <Button size="sm" variant="secondary" fill="text" onClick={() => update({ heat: o.alertname })} tooltip="Show its heat map">
                      {o.alertname}
                    </Button>
                  </td>
                  <td>{o.severity}</td>
                  <td>{o.venue}</td>
                  <td>{formatTime(o.starts_at)}</td>
                  <td>{o.ends_at === null ? `${since(o.starts_at, page.data!.asOf)} so far` : formatDuration(o.duration_seconds)}</td>
                  <td>{o.status}</td>
                  <td>{o.owner ? `${o.owner}${o.ticket ? ` (${o.ticket})` : ''}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Stack gap={1}>
          <Button variant="secondary" icon="arrow-left" disabled={stack.length === 0} data-testid={testIds.history.prev} onClick={() => update({ cursors: stack.slice(0, -1).join(',') }, true)}>
            Newer
          </Button>
          <Button variant="secondary" icon="arrow-right" disabled={!page.data?.next_cursor} data-testid={testIds.history.next} onClick={() => update({ cursors: [...stack, page.data!.next_cursor!].join(',') }, true)}>
            Older
          </Button>
        </Stack>
      </div>
    </PluginPage>
  );
}

export default HistoryPage;

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  select: css({ minWidth: 200 }),
  empty: css({ color: theme.colors.text.secondary }),
  stats: css({ display: 'flex', gap: theme.spacing(3), flexWrap: 'wrap', div: { display: 'flex', flexDirection: 'column' }, span: { color: theme.colors.text.secondary } }),
  table: css({ width: '100%', borderCollapse: 'collapse', 'th, td': { textAlign: 'left', padding: theme.spacing(0.5, 1), borderBottom: `1px solid ${theme.colors.border.weak}` } }),
});
