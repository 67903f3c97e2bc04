import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import type { SloModel } from '../data/model';
import { burn, percent } from '../format';
import { windowSeverity } from '../slo/condition';
import { BURN_WINDOWS, formatSeconds } from '../slo/windows';
import { testIds } from '../testIds';
import type { SloPanelOptions } from '../types';
import { ConditionBadge, lacksBurnData } from './ConditionBadge';
import { useSeverityColor } from './severity';
import { BudgetFigure, objectiveText } from './SloSummary';

/** One row per SLO; `compact` keeps only what an on-call operator scans first. */
export function SloTable({
  slos,
  options,
  compact,
}: {
  slos: SloModel[];
  options: SloPanelOptions;
  compact: boolean;
}) {
  const styles = useStyles2(getStyles);
  const colorOf = useSeverityColor(options.colors);
  const windows = compact ? (['5m', '1h', '6h'] as const) : BURN_WINDOWS;
  const fmt = (s: number | undefined) => (s === undefined || Number.isNaN(s) ? '–' : formatSeconds(s));
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>SLO</th>
          <th>State</th>
          {!compact && <th>Objective</th>}
          {!compact && <th>SLI</th>}
          <th>Budget left</th>
          {windows.map((w) => (
            <th key={w}>{w}</th>
          ))}
          {!compact && <th>Gone in (1h / 6h burn)</th>}
        </tr>
      </thead>
      <tbody>
        {slos.map((slo) => (
          <tr
            key={slo.slo}
            data-testid={testIds.row(slo.slo)}
            title={slo.missing.length ? `Missing: ${slo.missing.join(', ')}` : undefined}
          >
            <td>
              {slo.slo}
              {slo.missing.length ? ' ⚠' : ''}
            </td>
            <td>
              <ConditionBadge
                slo={slo.slo}
                state={slo.condition}
                colors={options.colors}
                noData={lacksBurnData(slo.burnRates)}
              />
            </td>
            {!compact && <td>{objectiveText(slo)}</td>}
            {!compact && <td>{percent(slo.sli, 3)}</td>}
            <td>
              <BudgetFigure slo={slo} />
            </td>
            {windows.map((w) => {
              const severity = windowSeverity(w, slo.burnRates[w], options.burnFactors);
              return (
                <td
                  key={w}
                  style={{ color: colorOf(severity) }}
                  data-testid={testIds.burn(slo.slo, w)}
                  data-severity={severity}
                >
                  {burn(slo.burnRates[w])}
                </td>
              );
            })}
            {!compact && (
              <td
                data-testid={testIds.exhaustion(slo.slo)}
              >{`${fmt(slo.exhaustionAt1h)} / ${fmt(slo.exhaustionAt6h)}`}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontVariantNumeric: 'tabular-nums',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
});
