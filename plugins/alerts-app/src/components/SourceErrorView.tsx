import React from 'react';
import { Alert, Button } from '@grafana/ui';
import type { SourceError } from '../api/proxy';
import { testIds } from '../testIds';

const HINTS: Partial<Record<SourceError['kind'], string>> = {
  unreachable: 'Check its URL in the app configuration and that it is running.',
  unauthorized: "Check the journal's API key in the app configuration.",
  forbidden: 'Ask an administrator for the role that allows it.',
  timeout: 'It may be overloaded; try again.',
};

/** A failed source as a message naming it; the rest of the page keeps working. */
export function SourceErrorView({ error, onRetry, severity = 'error' }: { error: SourceError; onRetry?: () => void; severity?: 'error' | 'warning' }) {
  return (
    <div data-testid={testIds.sourceError(error.source)}>
      <Alert title={error.title} severity={severity}>
        <div>{error.detail}</div>
        {HINTS[error.kind] && <div>{HINTS[error.kind]}</div>}
        {onRetry && (
          <Button size="sm" variant="secondary" onClick={onRetry}>
            Retry
          </Button>
        )}
      </Alert>
    </div>
  );
}
