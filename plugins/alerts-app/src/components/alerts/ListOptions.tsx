// Grouping, which alerts to show, and refresh: memoised, so typing a filter re-renders the list and the filter
// input but not these controls.
import React, { memo, useMemo } from 'react';
import { css } from '@emotion/css';
import { Button, Combobox, Input, RadioButtonGroup, useStyles2 } from '@grafana/ui';
import type { Grouping } from '../../lib/alerts';
import { formatGrouping } from '../../lib/urlState';
import { testIds } from '../../testIds';

const SHOW = [
  { label: 'All', value: 'all' },
  { label: 'Firing', value: 'firing' },
  { label: 'Silenced or inhibited', value: 'suppressed' },
];

const groupingLabel = (g: Grouping) => (g.by === 'label' ? `Label: ${g.label}` : 'Alertmanager groups');

interface Props {
  /** Label names of the alerts, offered for grouping. */
  labelNames: string[];
  grouping: Grouping;
  show: string;
  /**
   * False until the alert list is painted: the picker then shows its value in a disabled input. Its options are
   * the alerts' label names, and a mounted Combobox re-measures its (closed) menu whenever the page's layout moves
   * — as it does when the list arrives and the page starts to scroll — re-rendering itself synchronously.
   */
  ready: boolean;
  onChange: (patch: { group?: string; show?: string }) => void;
  onRefresh: () => void;
}

export const ListOptions = memo(function ListOptions({ labelNames, grouping, show, ready, onChange, onRefresh }: Props) {
  const s = useStyles2(getStyles);
  const options = useMemo(
    () => [{ by: 'alertmanager' } as Grouping, ...labelNames.map((label): Grouping => ({ by: 'label', label }))].map((g) => ({ label: groupingLabel(g), value: formatGrouping(g) })),
    [labelNames]
  );
  return (
    <>
      <div data-testid={testIds.alerts.grouping} className={s.grouping}>
        {ready ? (
          <Combobox aria-label="Group by" options={options} value={formatGrouping(grouping)} onChange={(o) => onChange({ group: o?.value ?? 'alertmanager' })} />
        ) : (
          <Input aria-label="Group by" value={groupingLabel(grouping)} disabled readOnly />
        )}
      </div>
      <div data-testid={testIds.alerts.show}>
        <RadioButtonGroup options={SHOW} value={show} onChange={(v) => onChange({ show: v })} />
      </div>
      <Button variant="secondary" icon="sync" onClick={onRefresh} aria-label="Refresh">
        Refresh
      </Button>
    </>
  );
});

const getStyles = () => ({
  grouping: css({ minWidth: 220 }),
});
