import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import type { SloModel } from '../data/model';
import { events, percent } from '../format';
import { formatSeconds } from '../slo/windows';
import { testIds } from '../testIds';

/** The figures every layout shows: objective, window, SLI, budget (percent and events), exhaustion. */
export function objectiveText(slo: SloModel): string {
  return `${percent(slo.objective, 3).replace(/\.?0+%$/, '%')} over ${formatSeconds(slo.periodSeconds)}`;
}

export function BudgetFigure({ slo }: { slo: SloModel }) {
  return <span data-testid={testIds.budget(slo.slo)}>{percent(slo.budgetRemaining, 1)}</span>;
}

export function BudgetEventsText({ slo }: { slo: SloModel }) {
  if (!slo.budgetEvents) {
    return null;
  }
  const { allowed, left } = slo.budgetEvents;
  return (
    <span data-testid={testIds.budgetEvents(slo.slo)}>
      {left >= 0
        ? `${events(left)} of ${events(allowed)} bad events left`
        : `${events(-left)} bad events over a budget of ${events(allowed)}`}
    </span>
  );
}

export function ExhaustionText({ slo }: { slo: SloModel }) {
  const styles = useStyles2(getStyles);
  const fmt = (s: number | undefined) => (s === undefined || Number.isNaN(s) ? '–' : formatSeconds(s));
  if (slo.budgetRemaining !== undefined && slo.budgetRemaining <= 0) {
    // A forecast of when a spent budget runs out read "Budget gone in 0s", as if it were about to happen.
    return (
      <span className={styles.muted} data-testid={testIds.exhaustion(slo.slo)}>
        Budget spent: the objective is missed over this window
      </span>
    );
  }
  return (
    <span className={styles.muted} data-testid={testIds.exhaustion(slo.slo)}>
      Budget gone in {fmt(slo.exhaustionAt1h)} at the 1h burn, {fmt(slo.exhaustionAt6h)} at the 6h burn
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
