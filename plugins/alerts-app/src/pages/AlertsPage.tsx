// Alerts: the live list from every Alertmanager, deduplicated, grouped, filtered with matchers; acknowledge or
// silence from a row. Filter, grouping, selection and what is shown live in the URL.
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, Stack, useStyles2 } from '@grafana/ui';
import { useNavigate } from 'react-router-dom';
import { AUTO_REFRESH_MS, ROUTES } from '../constants';
import { useAppContext } from '../components/AppContext';
import { AckForm } from '../components/alerts/AckForm';
import { AlertRow } from '../components/alerts/AlertRow';
import { FilterBar } from '../components/alerts/FilterBar';
import { ListOptions } from '../components/alerts/ListOptions';
import { SourceErrorView } from '../components/SourceErrorView';
import { useAlertmanagers } from '../hooks/useAlertmanagers';
import { useAutoRefresh } from '../hooks/useAutoRefresh';
import { useJournalOverlay } from '../hooks/useJournalOverlay';
import { useRowBudget } from '../hooks/useRowBudget';
import { useUrlState } from '../hooks/useUrlState';
import type { AmMatcher, JournalAck } from '../types';
import { fingerprintLookup, groupAlerts, labelNames, stateOf, type MergedAlert } from '../lib/alerts';
import { firstGroups, type ShownTest } from '../lib/firstGroups';
import { PAGE_ROWS, pageGroups } from '../lib/paging';
import { lazyLabelIndex } from '../lib/completion';
import { MatcherSyntaxError, formatMatchers, matchersForLabels, matchesAll, parseMatchers } from '../lib/matchers';
import { ALERTS_STATE, SILENCES_STATE, parseGrouping, writeState, type AlertsState } from '../lib/urlState';
import { testIds } from '../testIds';
import { prefixRoute } from '../utils/routing';

function AlertsPage() {
  const s = useStyles2(getStyles);
  const { settings, access, user } = useAppContext();
  const [state, update] = useUrlState(ALERTS_STATE);
  const [refresh, setRefreshCount] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const refreshAll = useCallback(() => {
    setNow(Date.now());
    setRefreshCount((r) => r + 1);
  }, []);
  useAutoRefresh(refreshAll, AUTO_REFRESH_MS);
  const [acking, setAcking] = useState<string | null>(null);
  const navigate = useNavigate();
  // The list first: silences, journal and Prometheus are first asked once the alert groups have answered and the
  // list is painted, so neither their requests nor the re-renders their answers cause compete with the list's.
  const am = useAlertmanagers(String(refresh), { alertsFirst: true });
  const overlay = useJournalOverlay(String(refresh), !am.alertsPainted);

  const parsed = useMemo(() => {
    try {
      return { matchers: parseMatchers(state.q), error: undefined };
    } catch (err) {
      return { matchers: [], error: err instanceof MatcherSyntaxError ? err.message : String(err) };
    }
  }, [state.q]);

  const shownTest = useMemo(() => shownBy(parsed.matchers, state.show), [parsed.matchers, state.show]);
  const visible = useMemo(
    () => (parsed.matchers.length === 0 && state.show === 'all' ? am.alerts : am.alerts.filter((a) => shownTest(a.labels, a.status))),
    [am.alerts, parsed.matchers, state.show, shownTest]
  );
  const grouping = useMemo(() => parseGrouping(state.group), [state.group]);
  // Rows render up to a budget: first the rows that fill the window, one page from the frame after that paint, and
  // more as the end of the list scrolls into view (or on "Show more"). A new filter, grouping or view starts again.
  const listKey = `${state.q}|${state.group}|${state.show}`;
  const more = useRef<HTMLDivElement>(null);
  const budget = useRowBudget(listKey, !am.loading, more);
  // Until the whole list is merged and sorted (after its first paint), only the groups of the rows that paint shows
  // (at least a page's worth, as the budget grows to one in the frame after it), ordered as the whole list orders them.
  const firstRows = Math.max(PAGE_ROWS, budget.rows);
  const first = useMemo(
    () => (am.merged ? undefined : firstGroups(am.answers, grouping, shownTest, firstRows, state.alert || undefined)),
    [am.merged, am.answers, grouping, shownTest, firstRows, state.alert]
  );
  const groups = useMemo(() => first?.groups ?? groupAlerts(visible, grouping, am.amGroups), [first, visible, grouping, am.amGroups]);
  const paged = useMemo(() => {
    const p = pageGroups(groups, budget.rows, state.alert || undefined);
    return first ? { groups: p.groups, hidden: p.hidden + first.rest } : p;
  }, [groups, budget.rows, state.alert, first]);
  // From what is shown, which a selected alert may have pushed beyond the budget.
  const shown = useMemo(() => paged.groups.reduce((n, g) => n + g.alerts.length, 0), [paged]);
  const { more: addPage } = budget;
  const showMore = useCallback(() => addPage(shown), [addPage, shown]);
  const groupSize = useMemo(() => new Map(groups.map((g) => [g.key, g.alerts.length])), [groups]);
  useEffect(() => {
    const el = more.current;
    // Not while the list's first paint is filling the window: its end is then just below it, by design.
    if (!el || budget.filling || typeof IntersectionObserver === 'undefined') {
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && showMore(), { rootMargin: '400px' });
    io.observe(el);
    return () => io.disconnect();
  }, [paged.hidden, showMore, budget.filling]);
  const index = useMemo(() => lazyLabelIndex(() => am.alerts.map((a) => a.labels)), [am.alerts]);
  // Built on first use (a row inhibited by another alert), not before the first paint.
  const alertOf = useMemo(() => first?.labelsOf ?? fingerprintLookup(am.alerts), [first, am.alerts]);
  // Until the journal answers, Acknowledge is shown disabled: it might be acknowledged already (the journal
  // would refuse a second ack with 409).
  const acksSettled = Boolean(overlay.acks.data || overlay.acks.error);
  // Journal down: every row would offer Acknowledge (already acknowledged ones too) and the ack would fail.
  const acksFailed = Boolean(overlay.acks.error);
  // An ack made here shows at once, until the journal's acks answer again (they then include it): while they are
  // asked again the row would otherwise offer a second ack that the journal refuses with 409.
  const [madeHere, setMadeHere] = useState<{ base: unknown; acks: Map<string, JournalAck> }>({ base: undefined, acks: new Map() });
  const acks = useMemo(() => {
    const m = new Map((overlay.acks.data?.acks ?? []).map((a) => [a.fingerprint, a]));
    if (madeHere.base === overlay.acks.data) {
      madeHere.acks.forEach((a, fp) => m.has(fp) || m.set(fp, a));
    }
    return m;
  }, [overlay.acks.data, madeHere]);
  const acked = useCallback(
    (ack: JournalAck) => {
      const base = overlay.acks.data;
      setMadeHere((prev) => ({ base, acks: new Map(prev.base === base ? prev.acks : []).set(ack.fingerprint, ack) }));
      setAcking(null);
      refreshAll();
    },
    [overlay.acks.data, refreshAll]
  );
  // The Group by picker's choices: it is mounted once the list is painted, so they are not worked out before.
  const names = useMemo(() => (am.alertsPainted ? labelNames(am.alerts) : []), [am.alerts, am.alertsPainted]);

  // One handler of each kind for every row (rows are memoised: a row re-renders only when its own props change).
  const silenceFrom = useCallback(
    (a: MergedAlert) => {
      const q = writeState({ ...SILENCES_STATE, edit: 'new', matchers: formatMatchers(matchersForLabels(a.labels)) }, SILENCES_STATE);
      navigate(prefixRoute(ROUTES.Silences, q));
    },
    [navigate]
  );
  const onSelect = useCallback((fp: string) => update((current) => ({ alert: current.alert === fp ? '' : fp }), true), [update]);

  return (
    <PluginPage>
      <div data-testid={testIds.alerts.page} className={s.page}>
        {!am.configured && (
          <div data-testid={testIds.notConfigured}>
            <Alert severity="info" title="No Alertmanager configured">
              An administrator adds Alertmanagers on the app&apos;s configuration page.
            </Alert>
          </div>
        )}
        {am.errors.map((e) => (
          <SourceErrorView key={e.source} error={e} onRetry={am.reload} />
        ))}
        {[overlay.acks.error, overlay.counts.error].find(Boolean) && <SourceErrorView error={(overlay.acks.error ?? overlay.counts.error)!} severity="warning" onRetry={refreshAll} />}
        {overlay.money.error && <SourceErrorView error={overlay.money.error} severity="warning" />}
        <Stack gap={1} alignItems="flex-start" wrap="wrap">
          <FilterBar
            label="Filter alerts with matchers"
            value={state.q}
            onChange={(q) => update({ q })}
            index={index}
            error={parsed.error}
            placeholder='severity=critical venue=~"binance|okx"'
            testId={testIds.alerts.filter}
            listTestId={testIds.alerts.completions}
          />
          <ListOptions labelNames={names} grouping={grouping} show={state.show} ready={am.alertsPainted} onChange={update} onRefresh={refreshAll} />
        </Stack>
        {parsed.error && (
          <div data-testid={testIds.alerts.filterError} className={s.filterError} role="alert">
            {parsed.error}
          </div>
        )}
        {am.loading ? (
          // Plain text, not LoadingPlaceholder: its spinner animates (a new frame every 16 ms) on the cores that
          // Alertmanager and the proxy use to answer the request it waits for.
          <div data-testid={testIds.alerts.loading} className={s.loading} role="status">
            Loading alerts…
          </div>
        ) : groups.length === 0 ? (
          am.configured &&
          am.errors.length < settings.alertmanagers.length && (
            <div data-testid={testIds.alerts.empty} className={s.empty}>
              {(first ? first.alerts : am.alerts.length) === 0 ? 'No alerts: every Alertmanager is quiet.' : 'No alert matches this filter.'}
            </div>
          )
        ) : (
          paged.groups.map((g) => (
            <section key={g.key} data-testid={testIds.alerts.group(g.key)} aria-label={g.title} className={s.group}>
              <h3 className={s.groupTitle}>
                {g.title} <span className={s.count}>({groupSize.get(g.key)})</span>
                {g.receiver && <span className={s.count}> → {g.receiver}</span>}
              </h3>
              <ul className={s.list}>
                {g.alerts.map((a) => (
                  <AlertRow
                    key={a.fingerprint}
                    alert={a}
                    groupLabels={g.labels}
                    now={now}
                    silenceById={am.silenceById}
                    alertOf={alertOf}
                    ack={acks.get(a.fingerprint)}
                    acksSettled={acksSettled}
                    acksFailed={acksFailed}
                    fired={overlay.counts.data?.by_fingerprint[a.fingerprint] ?? (overlay.counts.data ? 0 : undefined)}
                    moneySamples={overlay.money.data}
                    runbookBase={settings.runbookBaseUrl}
                    selected={state.alert === a.fingerprint}
                    canAck={access.ack}
                    canSilence={access.silence}
                    onSelect={onSelect}
                    onAck={setAcking}
                    onSilence={silenceFrom}
                  >
                    {acking === a.fingerprint && (
                      <AckForm
                        fingerprint={a.fingerprint}
                        alertname={a.labels.alertname}
                        defaultOwner={user.login}
                        onCancel={() => setAcking(null)}
                        onDone={acked}
                      />
                    )}
                    {state.alert === a.fingerprint && (
                      <dl className={s.detail} data-testid={testIds.alerts.detail(a.fingerprint)}>
                        <dt>Labels</dt>
                        <dd>{Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(', ')}</dd>
                        {a.annotations.description && (
                          <>
                            <dt>Description</dt>
                            <dd>{a.annotations.description}</dd>
                          </>
                        )}
                        <dt>Alertmanagers</dt>
                        <dd>{a.sources.join(', ')}</dd>
                        <dt>Fingerprint</dt>
                        <dd>{a.fingerprint}</dd>
                      </dl>
                    )}
                  </AlertRow>
                ))}
              </ul>
            </section>
          ))
        )}
        {paged.hidden > 0 && (
          <div ref={more} data-testid={testIds.alerts.more}>
            <Button variant="secondary" onClick={showMore}>
              Show more ({paged.hidden} more alert{paged.hidden === 1 ? '' : 's'})
            </Button>
          </div>
        )}
      </div>
    </PluginPage>
  );
}

export default AlertsPage;

/** Whether the list shows an alert: its state fits the view (`show`) and its labels the filter's matchers. */
function shownBy(matchers: AmMatcher[], show: AlertsState['show']): ShownTest {
  return (labels, status) => {
    const st = stateOf({ status });
    return (show === 'all' || (show === 'firing' ? st === 'firing' : st !== 'firing')) && matchesAll(matchers, labels);
  };
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  filterError: css({ color: theme.colors.error.text }),
  empty: css({ color: theme.colors.text.secondary, padding: theme.spacing(2) }),
  loading: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(4) }),
  group: css({ border: `1px solid ${theme.colors.border.weak}`, borderRadius: theme.shape.radius.default }),
  groupTitle: css({ margin: 0, padding: theme.spacing(1), fontSize: theme.typography.h5.fontSize, background: theme.colors.background.secondary }),
  count: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular }),
  list: css({ margin: 0, padding: 0 }),
  detail: css({ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: theme.spacing(0.5, 2), margin: theme.spacing(1, 0), dt: { color: theme.colors.text.secondary }, dd: { margin: 0 } }),
});
