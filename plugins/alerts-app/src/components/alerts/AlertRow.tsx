// One alert: severity, name, state (firing / silenced by which silence / inhibited by which alert), since when,
// how often it fired this week, its acknowledgement, summary, runbook and dashboard links, the money at stake.
import React, { memo } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, TextLink, useStyles2 } from '@grafana/ui';
import { rowButtonStyles } from './rowButtonStyles';
import { stateOf, type MergedAlert } from '../../lib/alerts';
import { formatMoney, formatTime, resolveLink, since } from '../../lib/format';
import { moneyAtStake, type MoneyMetric, type Sample } from '../../lib/money';
import type { AmSilence, JournalAck, Labels } from '../../types';
import { testIds } from '../../testIds';

export interface AlertRowProps {
  alert: MergedAlert;
  /** The labels its list group shows in the group's title: the row shows the alert's other labels, which tell it apart. */
  groupLabels: Labels;
  now: number;
  silenceById: Map<string, AmSilence>;
  /** The alert with this fingerprint (for "inhibited by"). */
  /** Labels of the alert of a fingerprint (an inhibiting alert's). */
  alertOf: (fingerprint: string) => { labels: Labels } | undefined;
  ack?: JournalAck;
  /** The journal's acknowledgements have answered (or failed): until then a row cannot tell whether it is acked. */
  acksSettled: boolean;
  /** The journal's acknowledgements failed: whether the alert is acknowledged is not known, and an ack would fail. */
  acksFailed?: boolean;
  fired?: number;
  /** Prometheus' positions and P&L (the same object until its next answer): the row works out its own share. */
  moneySamples?: Record<MoneyMetric, Sample[]> | null;
  runbookBase: string;
  selected: boolean;
  canAck: boolean;
  canSilence: boolean;
  /** Called with the alert's fingerprint (one handler for every row, so a row re-renders only when it changed). */
  onSelect: (fingerprint: string) => void;
  onAck: (fingerprint: string) => void;
  onSilence: (alert: MergedAlert) => void;
  children?: React.ReactNode;
}

/** Labels already shown: the name and severity on the row, the group's own in its title. */
const SHOWN = new Set(['alertname', 'severity']);

/** What tells an alert apart from the others of its group (karma shows the same: the labels not in the group). */
export function distinctLabels(labels: Labels, groupLabels: Labels): string {
  return Object.entries(labels)
    .filter(([k]) => !SHOWN.has(k) && !(k in groupLabels))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

const SEVERITY_COLOR: Record<string, 'red' | 'orange' | 'blue'> = { critical: 'red', warning: 'orange', info: 'blue' };

function StateText({ alert, silenceById, alertOf }: Pick<AlertRowProps, 'alert' | 'silenceById' | 'alertOf'>) {
  const state = stateOf(alert);
  if (state === 'silenced') {
    const s = alert.status.silencedBy.map((id) => silenceById.get(id));
    return (
      <span>
        Silenced by{' '}
        {s.map((x, i) =>
          x ? (
            <span key={x.id}>
              {x.createdBy}: “{x.comment}” until {formatTime(x.endsAt)}
            </span>
          ) : (
            <span key={alert.status.silencedBy[i]}>silence {alert.status.silencedBy[i]}</span>
          )
        )}
      </span>
    );
  }
  if (state === 'inhibited') {
    return (
      <span>
        Inhibited by{' '}
        {alert.status.inhibitedBy.map((fp) => {
          const by = alertOf(fp);
          return <span key={fp}>{by ? `${by.labels.alertname ?? fp} (${Object.entries(by.labels).filter(([k]) => k !== 'alertname').map(([k, v]) => `${k}=${v}`).join(', ')})` : `alert ${fp}`}</span>;
        })}
      </span>
    );
  }
  return <span>Firing</span>;
}

/**
 * Memoised, and built from plain elements with one style set shared by every row (useStyles2 caches it per theme):
 * a Grafana `Button` computes and serialises its emotion styles on each render, twice per row.
 */
export const AlertRow = memo(function AlertRow(p: AlertRowProps) {
  const s = useStyles2(getStyles);
  const { alert } = p;
  const fp = alert.fingerprint;
  const money = p.moneySamples ? moneyAtStake(alert.labels, p.moneySamples) : null;
  const state = stateOf(alert);
  const runbook = resolveLink(alert.annotations.runbook_url, p.runbookBase);
  const dashboard = resolveLink(alert.annotations.dashboard_url, undefined);
  const own = distinctLabels(alert.labels, p.groupLabels);
  return (
    <li className={cx(s.row, p.selected && s.selected)} data-testid={testIds.alerts.row(fp)} aria-selected={p.selected}>
      <div
        className={s.head}
        role="button"
        tabIndex={0}
        aria-expanded={p.selected}
        onClick={() => p.onSelect(fp)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            p.onSelect(fp);
          }
        }}
      >
        <Badge text={alert.labels.severity ?? 'none'} color={SEVERITY_COLOR[alert.labels.severity ?? ''] ?? 'darkgrey'} />
        <strong>{alert.labels.alertname ?? fp}</strong>
        {own && (
          <span className={s.labels} data-testid={testIds.alerts.labels(fp)}>
            {own}
          </span>
        )}
        <span className={state === 'firing' ? s.firing : s.muted} data-testid={testIds.alerts.state(fp)}>
          <StateText alert={alert} silenceById={p.silenceById} alertOf={p.alertOf} />
        </span>
        <span className={s.meta} title={formatTime(alert.startsAt)}>
          for {since(alert.startsAt, p.now)}
        </span>
        <span className={s.meta} data-testid={testIds.alerts.fired(fp)}>
          {p.fired === undefined
            ? ''
            : p.fired === 0 && state !== 'firing'
              ? // The journal counts notifications, and Alertmanager sends none for a suppressed alert.
                `not notified this week (${state})`
              : `fired ${p.fired}× this week`}
        </span>
      </div>
      <div className={s.body}>
        {alert.annotations.summary && <div>{alert.annotations.summary}</div>}
        <div className={s.actions}>
          {p.ack && (
            <span data-testid={testIds.alerts.ack(fp)} className={s.ack}>
              Acknowledged by <strong>{p.ack.owner}</strong> {p.ack.acknowledged_at ? `at ${formatTime(p.ack.acknowledged_at)}` : ''}
              {p.ack.comment ? `: “${p.ack.comment}”` : ''}
              {p.ack.ticket ? ` (${p.ack.ticket})` : ''}
            </span>
          )}
          {money && (
            <span data-testid={testIds.alerts.money(fp)} className={s.money}>
              At stake ({Object.entries(money.scope).map(([k, v]) => `${k}=${v}`).join(', ')}): {money.positions} positions, notional {formatMoney(money.notional)}, unrealized P&L{' '}
              {formatMoney(money.unrealizedPnl)}, realized P&L {formatMoney(money.realizedPnl)}
            </span>
          )}
          {runbook ? (
            <TextLink href={runbook} external>
              Runbook
            </TextLink>
          ) : (
            alert.annotations.runbook_url && (
              // A relative runbook_url (Vigil's rules use docs/runbooks.md#<alert>) with no base to resolve it against.
              <span className={s.meta} data-testid={testIds.alerts.runbookText(fp)} title="A relative link: set the runbook base URL in the app configuration to open it">
                Runbook: {alert.annotations.runbook_url}
              </span>
            )
          )}
          {dashboard && (
            <TextLink href={dashboard} external>
              Dashboard
            </TextLink>
          )}
          {p.canAck && !p.ack && (
            <button
              type="button"
              className={s.primary}
              onClick={() => p.onAck(fp)}
              disabled={!p.acksSettled || p.acksFailed}
              title={p.acksFailed ? 'The alert journal did not answer: acknowledgements are not known' : p.acksSettled ? undefined : 'Loading acknowledgements…'}
              data-testid={testIds.alerts.ackButton(fp)}
            >
              Acknowledge
            </button>
          )}
          {p.canSilence && (
            <button type="button" className={s.secondary} onClick={() => p.onSilence(alert)} data-testid={testIds.alerts.silenceButton(fp)}>
              Silence
            </button>
          )}
        </div>
        {p.children}
      </div>
    </li>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({ listStyle: 'none', borderBottom: `1px solid ${theme.colors.border.weak}`, padding: theme.spacing(1) }),
  selected: css({ background: theme.colors.action.selected }),
  head: css({ display: 'flex', gap: theme.spacing(1.5), alignItems: 'center', flexWrap: 'wrap', cursor: 'pointer', '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` } }),
  body: css({ paddingLeft: theme.spacing(1), marginTop: theme.spacing(0.5), display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  actions: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(2) }),
  ...rowButtonStyles(theme),
  firing: css({ color: theme.colors.error.text }),
  muted: css({ color: theme.colors.text.secondary }),
  labels: css({ fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary }),
  meta: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  ack: css({ color: theme.colors.success.text }),
  money: css({ color: theme.colors.warning.text }),
});
