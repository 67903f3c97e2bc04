import { css } from '@emotion/css';
import { type GrafanaTheme2, type StandardEditorProps } from '@grafana/data';
import { ClipboardButton, Input, useStyles2 } from '@grafana/ui';
import React from 'react';

import { parseSelector, suggestedQueries } from '../queries';
import { testIds } from '../testIds';
import type { TradeFlowOptions } from '../types';

function queriesFor(selector: string): { queries: ReturnType<typeof suggestedQueries>; error?: string } {
  try {
    return { queries: suggestedQueries(parseSelector(selector)) };
  } catch (e) {
    return { queries: suggestedQueries([]), error: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Edits the label matchers added to every query and shows the Prometheus queries the panel reads, each with
 * its refId and a copy button. Each is an instant query (Grafana: Options → Type: Instant, Format: Time series).
 */
export function QueriesEditor({ value, onChange }: StandardEditorProps<string, unknown, TradeFlowOptions>) {
  const styles = useStyles2(getStyles);
  const { queries, error } = queriesFor(value ?? '');
  const all = queries.map((q) => `${q.refId}: ${q.expr}`).join('\n');
  return (
    <div data-testid={testIds.queries}>
      <Input
        value={value ?? ''}
        placeholder='venue=~"$venue", strategy=~"$strategy"'
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-label="Label matchers added to the queries"
        invalid={Boolean(error)}
      />
      {error && <div className={styles.error}>{error}; the queries below have no matchers.</div>}
      <div className={styles.why}>
        Add each as an instant query (Type: Instant, Format: Time series) with the refId shown; a query under
        another refId is recognised by the metric it reads. Table format works too.
      </div>
      <ClipboardButton icon="copy" size="sm" variant="secondary" getText={() => all} className={styles.all}>
        Copy all queries
      </ClipboardButton>
      {queries.map((q) => (
        <div key={q.refId} className={styles.query}>
          <div className={styles.why}>
            <strong>{q.refId}</strong>: {q.why}
          </div>
          <pre className={styles.pre}>{q.expr}</pre>
          <ClipboardButton icon="copy" size="sm" variant="secondary" getText={() => q.expr}>
            Copy {q.refId}
          </ClipboardButton>
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  query: css({ marginTop: theme.spacing(1) }),
  all: css({ marginTop: theme.spacing(1) }),
  why: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    marginTop: theme.spacing(0.5),
  }),
  error: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize }),
  pre: css({
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontSize: theme.typography.bodySmall.fontSize,
    margin: theme.spacing(0.5, 0),
  }),
});
