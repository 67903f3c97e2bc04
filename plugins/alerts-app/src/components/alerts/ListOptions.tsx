// Grouping, which alerts to show, and refresh: memoised, so typing a filter re-renders the list and the filter
// input but not these controls.
import React, { memo } from 'react';
import { css } from '@emotion/css';
import { Button, Combobox, RadioButtonGroup, useStyles2, type ComboboxOption } from '@grafana/ui';
import { testIds } from '../../testIds';

const SHOW = [
  { label: 'All', value: 'all' },
  { label: 'Firing', value: 'firing' },
  { label: 'Silenced or inhibited', value: 'suppressed' },
];

interface Props {
  groupOptions: Array<ComboboxOption<string>>;
  group: string;
  show: string;
  onChange: (patch: { group?: string; show?: string }) => void;
  onRefresh: () => void;
}

export const ListOptions = memo(function ListOptions({ groupOptions, group, show, onChange, onRefresh }: Props) {
  const s = useStyles2(getStyles);
  return (
    <>
      <div data-testid={testIds.alerts.grouping} className={s.grouping}>
        <Combobox aria-label="Group by" options={groupOptions} value={group} onChange={(o) => onChange({ group: o?.value ?? 'alertmanager' })} />
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
