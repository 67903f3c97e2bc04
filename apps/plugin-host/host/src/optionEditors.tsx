// The standard option editors Grafana registers at start-up (standardEditorsRegistry), which a plugin's
// options builder looks up by id (radio, boolean, number, ...). Grafana's own are richer; these use the same
// @grafana/ui inputs so a plugin's editor renders and edits its options as it would in Grafana.
import {
  standardEditorsRegistry,
  type SelectableValue,
  type StandardEditorProps,
  type StandardEditorsRegistryItem,
} from '@grafana/data';
import { ColorPickerInput, Input, MultiSelect, RadioButtonGroup, Select, Switch } from '@grafana/ui';
import React from 'react';

type Props<T> = StandardEditorProps<T, Record<string, unknown>>;

function TextEditor({ value, onChange, item }: Props<string>) {
  return (
    <Input
      value={value ?? ''}
      placeholder={String(item.settings?.placeholder ?? '')}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

function NumberEditor({ value, onChange, item }: Props<number>) {
  const s = item.settings ?? {};
  return (
    <Input
      type="number"
      value={value ?? ''}
      min={s.min as number}
      max={s.max as number}
      step={(s.step as number) ?? 'any'}
      onChange={(e) => {
        const n = e.currentTarget.valueAsNumber;
        onChange(Number.isNaN(n) ? undefined : n);
      }}
    />
  );
}

function BooleanEditor({ value, onChange }: Props<boolean>) {
  return <Switch value={Boolean(value)} onChange={(e) => onChange(e.currentTarget.checked)} />;
}

function options(item: Props<unknown>['item']): Array<SelectableValue<unknown>> {
  return (item.settings?.options as Array<SelectableValue<unknown>>) ?? [];
}

function RadioEditor({ value, onChange, item }: Props<unknown>) {
  return <RadioButtonGroup value={value} options={options(item)} onChange={(v) => onChange(v)} />;
}

function SelectEditor({ value, onChange, item }: Props<unknown>) {
  return <Select value={value} options={options(item)} onChange={(v) => onChange(v?.value)} />;
}

function MultiSelectEditor({ value, onChange, item }: Props<unknown[]>) {
  return (
    <MultiSelect
      value={value ?? []}
      options={options(item)}
      onChange={(v) => onChange(v.map((x) => x.value))}
    />
  );
}

function ColorEditor({ value, onChange }: Props<string>) {
  return <ColorPickerInput value={value} onChange={(c) => onChange(c)} />;
}

function StringsEditor({ value, onChange }: Props<string[]>) {
  return (
    <Input
      value={(value ?? []).join(', ')}
      onChange={(e) =>
        onChange(
          e.currentTarget.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        )
      }
    />
  );
}

const editors: Array<StandardEditorsRegistryItem> = [
  { id: 'text', name: 'Text', editor: TextEditor as never },
  { id: 'number', name: 'Number', editor: NumberEditor as never },
  { id: 'slider', name: 'Slider', editor: NumberEditor as never },
  { id: 'boolean', name: 'Boolean', editor: BooleanEditor as never },
  { id: 'radio', name: 'Radio', editor: RadioEditor as never },
  { id: 'select', name: 'Select', editor: SelectEditor as never },
  { id: 'multi-select', name: 'Multi select', editor: MultiSelectEditor as never },
  { id: 'color', name: 'Color', editor: ColorEditor as never },
  { id: 'strings', name: 'Strings', editor: StringsEditor as never },
  { id: 'unit', name: 'Unit', editor: TextEditor as never },
  { id: 'field-name', name: 'Field name', editor: TextEditor as never },
  { id: 'timezone', name: 'Time zone', editor: TextEditor as never },
  { id: 'dashboard-uid', name: 'Dashboard', editor: TextEditor as never },
];

/** Must run before any plugin's options supplier (Grafana does it in its app start-up). */
export function registerOptionEditors(): void {
  standardEditorsRegistry.setInit(() => editors);
}
