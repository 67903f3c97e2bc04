import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import { testIds } from '../testIds';

/** Names the series a part of the panel needs and did not get, so the operator knows which query to fix. */
export function MissingSeries({ section, missing }: { section: string; missing: string[] }) {
  const styles = useStyles2(getStyles);
  if (missing.length === 0) {
    return null;
  }
  return (
    <div className={styles.missing} data-testid={testIds.missing(section)}>
      Missing series: {missing.join(', ')}
    </div>
  );
}

/** Problems with the data as a whole, above the panel's parts. */
export function DataProblems({ problems }: { problems: string[] }) {
  const styles = useStyles2(getStyles);
  if (problems.length === 0) {
    return null;
  }
  return (
    <ul className={styles.problems} data-testid={testIds.problems}>
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

/** The no-data state: says why there is nothing, and where the queries are. */
export function NoData({ errors, hasQueries }: { errors: string[]; hasQueries: boolean }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.noData} data-testid={testIds.noData}>
      <strong>No trade-flow data</strong>
      {errors.length > 0 ? (
        <ul>
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : (
        <p>
          {hasQueries
            ? 'None of the queries returned a series for this time range: no orders were recorded, or the trading exporter is not scraped.'
            : 'The panel has no queries yet.'}
        </p>
      )}
      <p>
        The panel editor lists the Prometheus queries the panel reads (section “Queries”), each with a copy
        button.
      </p>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const box = {
    fontSize: theme.typography.bodySmall.fontSize,
    padding: theme.spacing(0.5, 1),
    border: `1px solid ${theme.colors.warning.border}`,
    borderRadius: theme.shape.radius.default,
    overflowWrap: 'anywhere' as const,
  };
  return {
    missing: css({ ...box, color: theme.colors.warning.text, margin: theme.spacing(0.5, 0) }),
    problems: css({ ...box, color: theme.colors.warning.text, margin: 0, paddingLeft: theme.spacing(3) }),
    noData: css({
      ...box,
      borderColor: theme.colors.border.medium,
      color: theme.colors.text.secondary,
      margin: 'auto',
      maxWidth: 560,
      padding: theme.spacing(2),
      p: { margin: theme.spacing(1, 0, 0) },
    }),
  };
};
