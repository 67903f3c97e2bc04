import { PanelOptionsEditorBuilder, standardEditorsRegistry } from '@grafana/data';

import { DEFAULT_OPTIONS } from './defaults';
import { plugin } from './module';
import type { TradeFlowOptions } from './types';

/** Every leaf of the options as "a.b" paths with their values. */
function leaves(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, value]];
}

// Grafana registers its standard option editors at start-up; the builder looks them up by id.
standardEditorsRegistry.setInit(() =>
  ['boolean', 'radio', 'number', 'text'].map((id) => ({ id, name: id, editor: () => null })),
);

describe('module.ts', () => {
  const builder = new PanelOptionsEditorBuilder<TradeFlowOptions>();
  plugin.getPanelOptionsSupplier()(builder, { data: [] });
  const items = new Map(builder.getItems().map((i) => [i.path, i]));

  it('has an option editor for every saved option, defaulting to DEFAULT_OPTIONS', () => {
    const expected = leaves(DEFAULT_OPTIONS);
    expect([...items.keys()].sort()).toEqual(expected.map(([p]) => p).sort());
    for (const [path, value] of expected) {
      expect([path, items.get(path)!.defaultValue]).toEqual([path, value]);
    }
  });

  it('registers the migration handler', () => {
    expect(plugin.onPanelMigration).toBeDefined();
    expect(plugin.shouldMigrate?.({ options: {} } as never)).toBe(true);
  });
});
