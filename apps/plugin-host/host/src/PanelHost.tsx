import {
  dateTime,
  LoadingState,
  type DataFrame,
  type EventBus,
  EventBusSrv,
  type PanelPlugin,
  type PanelProps,
  type TimeRange,
} from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { css } from '@emotion/css';
import React, { useMemo, useState } from 'react';

import { OptionsEditor } from './OptionsEditor';

interface Props {
  plugin: PanelPlugin;
  title: string;
  frames: DataFrame[];
  timeRange: TimeRange;
  initialOptions: Record<string, unknown>;
  width: number;
  height: number;
  showEditor: boolean;
}

/** Renders a PanelPlugin with the props Grafana's panel renderer gives it, and its options editor beside it. */
export function PanelHost({
  plugin,
  title,
  frames,
  timeRange,
  initialOptions,
  width,
  height,
  showEditor,
}: Props) {
  const styles = useStyles2(getStyles);
  const [options, setOptions] = useState(initialOptions);
  const eventBus = useMemo<EventBus>(() => new EventBusSrv(), []);
  const Panel = plugin.panel;
  if (!Panel) {
    throw new Error(`plugin ${plugin.meta?.id}: not a panel plugin (no panel component)`);
  }
  const props: PanelProps = {
    id: 1,
    data: { series: frames, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width,
    height,
    renderCounter: 0,
    title,
    eventBus,
    onOptionsChange: setOptions,
    onFieldConfigChange: () => undefined,
    replaceVariables: (s: string) => s,
    onChangeTimeRange: () => undefined,
  };
  return (
    <div className={styles.layout}>
      <section className={styles.panel} data-testid="host-panel" style={{ width: width + 16 }}>
        <header className={styles.title}>{title}</header>
        <div style={{ width, height }}>
          <Panel {...props} />
        </div>
      </section>
      {showEditor && (
        <aside className={styles.editor} data-testid="host-options-editor">
          <OptionsEditor plugin={plugin} options={options} data={frames} onChange={setOptions} />
        </aside>
      )}
    </div>
  );
}

export function timeRangeEnding(toMs: number, rangeSeconds: number): TimeRange {
  const from = dateTime(toMs - rangeSeconds * 1000);
  const to = dateTime(toMs);
  return { from, to, raw: { from, to } };
}

const getStyles = (theme: import('@grafana/data').GrafanaTheme2) => ({
  layout: css({
    display: 'flex',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
    alignItems: 'flex-start',
  }),
  panel: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1),
  }),
  title: css({ fontWeight: theme.typography.fontWeightMedium, marginBottom: theme.spacing(1) }),
  editor: css({
    width: 380,
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    padding: theme.spacing(1),
  }),
});
