import { css } from '@emotion/css';
import { type GrafanaTheme2, type StandardEditorProps } from '@grafana/data';
import { ClipboardButton, Input, useStyles2 } from '@grafana/ui';
import React from 'react';

import { suggestedQueries } from '../data/series';
import { testIds } from '../testIds';
import type { SloPanelOptions } from '../types';

/**
 * Edits the label selector and shows the Prometheus queries that feed the panel from the SLO generator's
 * recorded series, each with a copy button.
 */
export function QueriesEditor({ value, onChange }: StandardEditorProps<string, unknown, SloPanelOptions>) {
  const styles = useStyles2(getStyles);
  const queries = suggestedQueries(value ?? '');
  return (
    <div data-testid={testIds.queries}>
      <Input
        value={value ?? ''}
        placeholder='service="checkout"'
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-label="Label matchers added to the suggested queries"
      />
      {queries.map((q) => (
        <div key={q.refId} className={styles.query}>
          <div className={styles.why}>
            Query {q.refId}: {q.why}
          </div>
          <pre className={styles.pre}>{q.expr}</pre>
          <ClipboardButton icon="copy" size="sm" variant="secondary" getText={() => q.expr}>
            Copy query {q.refId}
          </ClipboardButton>
        </div>
      ))}
      <div className={styles.why}>
        Raw SLI queries also work: any series that is not an slo:* recording is read as an error ratio (or a
        success ratio, see &quot;Raw series are&quot;) per step, grouped by its slo label or legend.
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  query: css({ marginTop: theme.spacing(1) }),
  why: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    marginTop: theme.spacing(0.5),
  }),
  pre: css({
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontSize: theme.typography.bodySmall.fontSize,
    margin: theme.spacing(0.5, 0),
  }),
});
