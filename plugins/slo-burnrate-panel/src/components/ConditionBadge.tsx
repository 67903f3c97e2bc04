import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import type { ConditionState } from '../slo/condition';
import { testIds } from '../testIds';
import type { SeverityColors } from '../types';
import { useSeverityColor } from './severity';

const LABEL: Record<ConditionState, string> = { page: 'PAGE', ticket: 'TICKET', none: 'OK' };
const TITLE: Record<ConditionState, string> = {
  page: 'Page condition met: 1h and 5m above the fast page factor, or 6h and 30m above the slow one',
  ticket: 'Ticket condition met: 1d and 2h above the fast ticket factor, or 3d and 6h above the slow one',
  none: 'No multiwindow burn-rate condition is met',
};

/** True when no burn-rate window has a value: the condition cannot be judged, so it is not shown as OK. */
export function lacksBurnData(burnRates: Partial<Record<string, number>>): boolean {
  return Object.values(burnRates).every((v) => v === undefined);
}

export function ConditionBadge({
  slo,
  state,
  colors,
  noData = false,
}: {
  slo: string;
  state: ConditionState;
  colors: SeverityColors;
  noData?: boolean;
}) {
  const styles = useStyles2(getStyles);
  const color = useSeverityColor(colors)(noData ? 'unknown' : state);
  return (
    <span
      className={styles.badge}
      style={{ background: color }}
      title={noData ? 'No burn-rate series: the alert condition cannot be evaluated' : TITLE[state]}
      data-testid={testIds.condition(slo)}
      data-state={noData ? 'no-data' : state}
    >
      {noData ? 'NO DATA' : LABEL[state]}
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  badge: css({
    color: '#fff',
    fontWeight: theme.typography.fontWeightBold,
    fontSize: theme.typography.bodySmall.fontSize,
    padding: theme.spacing(0.25, 1),
    borderRadius: theme.shape.radius.default,
    letterSpacing: '0.05em',
    whiteSpace: 'nowrap',
  }),
});
