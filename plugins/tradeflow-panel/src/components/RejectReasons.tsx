import { css } from '@emotion/css';
import { VizOrientation, type GrafanaTheme2 } from '@grafana/data';
import { BarGaugeDisplayMode, BarGaugeNamePlacement, BarGaugeValueMode } from '@grafana/schema';
import { BarGauge, useStyles2, useTheme2 } from '@grafana/ui';
import React from 'react';

import type { RejectReason } from '../data/rejects';
import { formatCount, formatPercent } from '../format';
import { testIds } from '../testIds';

interface Props {
  reasons: RejectReason[];
  submitted?: number;
  width: number;
}

const ROW = 22;

/** Reject reasons as @grafana/ui bar gauges, largest first; hover a reason for the venues behind it. */
export function RejectReasons({ reasons, submitted, width }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const total = reasons.reduce((s, r) => s + r.count, 0);
  const max = reasons[0]?.count ?? 0;
  const color = theme.visualization.getColorByName('red');
  return (
    <div data-testid={testIds.rejects}>
      <div className={styles.summary}>
        {formatCount(total)} rejects
        {submitted !== undefined && submitted > 0 && (
          <> · {formatPercent(total / submitted)} of submitted orders</>
        )}
      </div>
      {reasons.length === 0 && <div className={styles.summary}>No rejects in this time range.</div>}
      {reasons.map((r) => (
        <div
          key={r.reason}
          data-testid={testIds.rejectReason(r.reason)}
          data-count={r.count}
          title={r.byVenue.map((v) => `${v.venue || '(none)'}: ${formatCount(v.count)}`).join('\n')}
        >
          <BarGauge
            theme={theme}
            width={width}
            height={ROW}
            field={{ min: 0, max }}
            value={{
              numeric: r.count,
              text: `${formatCount(r.count)} · ${formatPercent(r.share)}`,
              title: r.reason,
              color,
            }}
            orientation={VizOrientation.Horizontal}
            displayMode={BarGaugeDisplayMode.Basic}
            valueDisplayMode={BarGaugeValueMode.Text}
            namePlacement={BarGaugeNamePlacement.Left}
            text={{ titleSize: 12, valueSize: 12 }}
          />
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  summary: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    marginBottom: 4,
  }),
});
