import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, useStyles2 } from '@grafana/ui';
import React from 'react';

import { FILTER_DIMENSIONS, type Dimension, type Selection } from '../data/selection';
import type { Role } from '../queries';
import { testIds } from '../testIds';

interface Props {
  selection: Selection;
  notApplied: Array<{ dimension: Dimension; roles: Role[] }>;
  onClear: (dimension: Dimension) => void;
}

/** The active filters, each with a button that clears it; filters some series cannot take are said so. */
export function FilterBar({ selection, notApplied, onClear }: Props) {
  const styles = useStyles2(getStyles);
  const active = FILTER_DIMENSIONS.filter((d) => selection[d] !== undefined);
  if (active.length === 0) {
    return null;
  }
  return (
    <div className={styles.bar} data-testid={testIds.filters}>
      <span className={styles.hint}>Filtered by</span>
      {active.map((d) => (
        <Button
          key={d}
          size="sm"
          variant="secondary"
          icon="times"
          data-testid={testIds.filterChip(d)}
          onClick={() => onClear(d)}
          tooltip={`Clear the ${d} filter`}
        >
          {d}: {selection[d] || '(none)'}
        </Button>
      ))}
      {notApplied.map(({ dimension, roles }) => (
        <span key={dimension} className={styles.hint}>
          ({dimension} does not apply to {roles.join(', ')}: those series carry no {dimension} label)
        </span>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: theme.spacing(1) }),
  hint: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
