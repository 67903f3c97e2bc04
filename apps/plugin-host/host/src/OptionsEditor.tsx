import {
  PanelOptionsEditorBuilder,
  type PanelOptionsEditorItem,
  type PanelPlugin,
  type StandardEditorContext,
  type DataFrame,
} from '@grafana/data';
import { Field, Stack } from '@grafana/ui';
import { get, set, cloneDeep } from 'lodash';
import React, { useMemo } from 'react';

interface Props {
  plugin: PanelPlugin;
  options: Record<string, unknown>;
  data: DataFrame[];
  onChange: (options: Record<string, unknown>) => void;
}

/**
 * The panel's options editor as Grafana builds it: run the plugin's options supplier on a builder, then render
 * each item's editor with its value at `path`, hiding items whose showIf says so.
 */
export function OptionsEditor({ plugin, options, data, onChange }: Props) {
  const items = useMemo(() => {
    const builder = new PanelOptionsEditorBuilder<Record<string, unknown>>();
    const context: StandardEditorContext<Record<string, unknown>> = { data, options };
    plugin.getPanelOptionsSupplier()(builder, context);
    return builder.getItems() as PanelOptionsEditorItem[];
  }, [plugin, data, options]);
  const context: StandardEditorContext<Record<string, unknown>> = { data, options };
  return (
    <Stack direction="column" gap={1}>
      {items
        .filter((item) => !item.showIf || item.showIf(options, data))
        .map((item) => {
          const Editor = item.editor;
          const value = get(options, item.path) ?? item.defaultValue;
          const label = [...(item.category ?? []), item.name].join(' › ');
          return (
            <Field
              key={item.id + item.path}
              label={label}
              description={item.description}
              data-testid={`host-option-${item.path}`}
            >
              <Editor
                value={value}
                item={item}
                context={context}
                id={item.id}
                onChange={(v: unknown) => {
                  const next = cloneDeep(options);
                  set(next, item.path, v);
                  onChange(next);
                }}
              />
            </Field>
          );
        })}
    </Stack>
  );
}

/** Options as Grafana hands them to a panel: each item's default, overlaid with what was saved. */
export function withDefaults(plugin: PanelPlugin, saved: Record<string, unknown>): Record<string, unknown> {
  const builder = new PanelOptionsEditorBuilder<Record<string, unknown>>();
  plugin.getPanelOptionsSupplier()(builder, { data: [], options: saved });
  const out: Record<string, unknown> = {};
  for (const item of builder.getItems()) {
    if (item.defaultValue !== undefined) {
      set(out, item.path, cloneDeep(item.defaultValue));
    }
  }
  for (const [k, v] of Object.entries(saved)) {
    const current = out[k];
    out[k] = current && typeof current === 'object' && v && typeof v === 'object' ? { ...current, ...v } : v;
  }
  return out;
}
