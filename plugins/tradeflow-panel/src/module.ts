import { PanelPlugin } from '@grafana/data';

import { QueriesEditor } from './components/QueriesEditor';
import { TradeFlowPanel } from './components/TradeFlowPanel';
import { DEFAULT_OPTIONS } from './defaults';
import { migrationHandler, shouldMigrate } from './migrations';
import { SECTIONS, type Section, type TradeFlowOptions } from './types';

const SECTIONS_CATEGORY = 'Sections';
const SECTION_NAMES: Record<Section, string> = {
  flow: 'Order flow',
  slippage: 'Signed slippage',
  latency: 'Latency',
  rejects: 'Reject reasons',
  scorecard: 'Venue scorecard',
};
const FLOW = 'Order flow';
const SCORECARD = 'Venue scorecard';
const VARIABLES = 'Dashboard variables set on click';

export const plugin = new PanelPlugin<TradeFlowOptions>(TradeFlowPanel)
  .setMigrationHandler(migrationHandler, shouldMigrate)
  .setPanelOptions((builder) => {
    builder.addCustomEditor({
      id: 'selector',
      path: 'selector',
      name: 'Queries',
      description: 'Label matchers added to every query; copy the queries into the panel (instant queries)',
      defaultValue: DEFAULT_OPTIONS.selector,
      editor: QueriesEditor,
    });
    for (const section of SECTIONS) {
      builder.addBooleanSwitch({
        path: `sections.${section}`,
        name: SECTION_NAMES[section],
        category: [SECTIONS_CATEGORY],
        defaultValue: DEFAULT_OPTIONS.sections[section],
      });
    }
    builder
      .addRadio({
        path: 'flowGroupBy',
        name: 'Group by',
        category: [FLOW],
        defaultValue: DEFAULT_OPTIONS.flowGroupBy,
        settings: {
          options: [
            { value: 'venue', label: 'Venue' },
            { value: 'strategy', label: 'Strategy' },
            { value: 'symbol', label: 'Symbol' },
          ],
        },
      })
      .addRadio({
        path: 'flowMeasure',
        name: 'Widths',
        category: [FLOW],
        defaultValue: DEFAULT_OPTIONS.flowMeasure,
        settings: {
          options: [
            { value: 'count', label: 'Orders' },
            { value: 'quantity', label: 'Quantity' },
          ],
        },
      })
      .addNumberInput({
        path: 'maxGroups',
        name: 'Groups drawn',
        description: 'The smallest groups beyond this fold into "other"',
        category: [FLOW],
        defaultValue: DEFAULT_OPTIONS.maxGroups,
        settings: { min: 1, max: 50, integer: true },
      })
      .addTextInput({
        path: 'latencyPercentiles',
        name: 'Latency percentiles',
        description: 'e.g. 50, 95, 99 (or 0.5, 0.95, 0.99)',
        defaultValue: DEFAULT_OPTIONS.latencyPercentiles,
      })
      .addRadio({
        path: 'rankBy',
        name: 'Rank venues by',
        category: [SCORECARD],
        defaultValue: DEFAULT_OPTIONS.rankBy,
        settings: {
          options: [
            { value: 'markout', label: 'Markout' },
            { value: 'slippage', label: 'Slippage' },
            { value: 'shortfall', label: 'Shortfall' },
            { value: 'rejectRate', label: 'Reject rate' },
            { value: 'fillRatio', label: 'Fill ratio' },
          ],
        },
      })
      .addRadio({
        path: 'markoutHorizon',
        name: 'Markout horizon',
        description: 'Used when ranking by markout',
        category: [SCORECARD],
        defaultValue: DEFAULT_OPTIONS.markoutHorizon,
        settings: {
          options: ['1s', '5s', '30s', '60s'].map((h) => ({ value: h, label: h })),
        },
      })
      .addRadio({
        path: 'benchmark',
        name: 'Shortfall benchmark',
        category: [SCORECARD],
        defaultValue: DEFAULT_OPTIONS.benchmark,
        settings: {
          options: [
            { value: 'decision', label: 'Decision price' },
            { value: 'arrival', label: 'Arrival price' },
          ],
        },
      })
      .addTextInput({
        path: 'variables.venue',
        name: 'Venue variable',
        description: 'Set when a venue is clicked, if the dashboard has it (empty: never)',
        category: [VARIABLES],
        defaultValue: DEFAULT_OPTIONS.variables.venue,
      })
      .addTextInput({
        path: 'variables.strategy',
        name: 'Strategy variable',
        category: [VARIABLES],
        defaultValue: DEFAULT_OPTIONS.variables.strategy,
      })
      .addTextInput({
        path: 'variables.symbol',
        name: 'Symbol variable',
        category: [VARIABLES],
        defaultValue: DEFAULT_OPTIONS.variables.symbol,
      })
      .addNumberInput({
        path: 'version',
        name: 'Options version',
        defaultValue: DEFAULT_OPTIONS.version,
        showIf: () => false,
      });
  });
