import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import { STAGES, type Stage, type VenueLatency } from '../data/latency';
import { formatCount, formatSeconds, percentileName } from '../format';
import { testIds } from '../testIds';
import { activateRow } from './activate';

const STAGE_NAMES: Record<Stage, string> = { ack: 'Ack', first_fill: 'First fill', completion: 'Completion' };

interface Props {
  rows: VenueLatency[];
  quantiles: number[];
  selectedVenue?: string;
  onSelectVenue: (venue: string) => void;
}

/** Ack, first-fill and completion percentiles per venue, then over all venues; click a venue to filter. */
export function LatencyTable({ rows, quantiles, selectedVenue, onSelectVenue }: Props) {
  const styles = useStyles2(getStyles);
  const stages = STAGES.filter((s) => rows.some((r) => r.stages[s]));
  return (
    <table className={styles.table} data-testid={testIds.latency}>
      <thead>
        <tr>
          <th rowSpan={2}>Venue</th>
          {stages.map((s) => (
            <th key={s} colSpan={quantiles.length} className={styles.group}>
              {STAGE_NAMES[s]}
            </th>
          ))}
        </tr>
        <tr>
          {stages.flatMap((s) =>
            quantiles.map((q) => (
              <th key={`${s}-${q}`} className={styles.num}>
                {percentileName(q)}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const all = row.all;
          return (
            <tr
              key={all ? '\u0000all' : row.venue}
              data-testid={testIds.latencyRow(all ? undefined : row.venue)}
              className={cx(
                all ? styles.total : styles.clickable,
                row.venue === selectedVenue && styles.selected,
              )}
              {...(all ? {} : activateRow(() => onSelectVenue(row.venue)))}
            >
              <td>{all ? 'All venues' : row.venue || '(none)'}</td>
              {stages.flatMap((s) =>
                quantiles.map((q) => {
                  const stat = row.stages[s];
                  const v = stat?.quantiles.get(q);
                  return (
                    <td
                      key={`${s}-${q}`}
                      className={styles.num}
                      data-value={v}
                      title={stat ? `${formatCount(stat.observations)} observations` : 'no observations'}
                    >
                      {formatSeconds(v)}
                    </td>
                  );
                }),
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': {
      padding: theme.spacing(0.25, 0.75),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      whiteSpace: 'nowrap',
    },
    th: {
      color: theme.colors.text.secondary,
      fontWeight: theme.typography.fontWeightMedium,
      textAlign: 'left',
    },
  }),
  group: css({ textAlign: 'center !important' as 'center' }),
  num: css({ textAlign: 'right !important' as 'right', fontVariantNumeric: 'tabular-nums' }),
  clickable: css({ cursor: 'pointer', '&:hover': { background: theme.colors.action.hover } }),
  selected: css({ background: theme.colors.action.selected }),
  total: css({ fontWeight: theme.typography.fontWeightMedium }),
});
