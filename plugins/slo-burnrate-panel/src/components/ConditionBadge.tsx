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

export function ConditionBadge({
  slo,
  state,
  colors,
}: {
  slo: string;
  state: ConditionState;
  colors: SeverityColors;
}) {
  const styles = useStyles2(getStyles);
  const color = useSeverityColor(colors)(state);
  return (
    <span
      className={styles.badge}
      style={{ background: color }}
      title={TITLE[state]}
      data-testid={testIds.condition(slo)}
      data-state={state}
    >
      {LABEL[state]}
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
