import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import { testIds } from '../testIds';

/** Names what is missing for one SLO, so the operator knows which rule or query to fix. */
export function MissingSeries({ slo, missing }: { slo: string; missing: string[] }) {
  const styles = useStyles2(getStyles);
  if (!missing.length) {
    return null;
  }
  return (
    <div className={styles.box} data-testid={testIds.missing(slo)}>
      Missing series for {slo}: {missing.join(', ')}
    </div>
  );
}

/** Problems with the data as a whole; shown instead of a blank panel. */
export function DataProblems({ problems }: { problems: string[] }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} data-testid={testIds.problems}>
      <strong>SLO burn-rate panel cannot show this data</strong>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <span>The panel editor lists the queries for the recorded SLO series.</span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    color: theme.colors.warning.text,
    fontSize: theme.typography.bodySmall.fontSize,
    padding: theme.spacing(0.5, 1),
    border: `1px solid ${theme.colors.warning.border}`,
    borderRadius: theme.shape.radius.default,
    overflowWrap: 'anywhere',
  }),
});
