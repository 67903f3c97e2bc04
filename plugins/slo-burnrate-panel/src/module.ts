import { PanelPlugin } from '@grafana/data';

import { QueriesEditor } from './components/QueriesEditor';
import { SloBurnRatePanel } from './components/SloBurnRatePanel';
import { DEFAULT_OPTIONS } from './defaults';
import { migrationHandler, shouldMigrate } from './migrations';
import type { SloPanelOptions } from './types';

const FACTORS = 'Burn factors (SRE workbook defaults)';
const COLOURS = 'Colours';

export const plugin = new PanelPlugin<SloPanelOptions>(SloBurnRatePanel)
  .setMigrationHandler(migrationHandler, shouldMigrate)
  .setPanelOptions((builder) =>
    builder
      .addRadio({
        path: 'layout',
        name: 'Layout',
        defaultValue: DEFAULT_OPTIONS.layout,
        settings: {
          options: [
            { value: 'cards', label: 'Cards' },
            { value: 'table', label: 'Table' },
            { value: 'compact', label: 'Compact' },
          ],
        },
      })
      .addCustomEditor({
        id: 'selector',
        path: 'selector',
        name: 'Queries',
        description: 'Copy these into the panel queries (Prometheus, range query over the SLO window)',
        defaultValue: DEFAULT_OPTIONS.selector,
        editor: QueriesEditor,
      })
      .addRadio({
        path: 'sliMode',
        name: 'Series',
        defaultValue: DEFAULT_OPTIONS.sliMode,
        settings: {
          options: [
            { value: 'auto', label: 'Auto' },
            { value: 'recorded', label: 'Recorded slo:*' },
            { value: 'raw', label: 'Raw SLI' },
          ],
        },
      })
      .addRadio({
        path: 'rawKind',
        name: 'Raw series are',
        defaultValue: DEFAULT_OPTIONS.rawKind,
        settings: {
          options: [
            { value: 'error_ratio', label: 'Error ratio' },
            { value: 'success_ratio', label: 'Success ratio' },
          ],
        },
        showIf: (o) => o.sliMode !== 'recorded',
      })
      .addNumberInput({
        path: 'objective',
        name: 'Objective',
        description: 'Ratio, e.g. 0.995; used when the data has no slo:objective:ratio',
        defaultValue: DEFAULT_OPTIONS.objective,
        settings: { min: 0.5, max: 0.999999, step: 0.0005 },
      })
      .addTextInput({
        path: 'window',
        name: 'SLO window',
        description: 'e.g. 30d or 28d; used when the data has no slo:window:seconds',
        defaultValue: DEFAULT_OPTIONS.window,
      })
      .addNumberInput({
        path: 'burnFactors.pageFast',
        name: 'Page, 1h and 5m',
        category: [FACTORS],
        defaultValue: DEFAULT_OPTIONS.burnFactors.pageFast,
      })
      .addNumberInput({
        path: 'burnFactors.pageSlow',
        name: 'Page, 6h and 30m',
        category: [FACTORS],
        defaultValue: DEFAULT_OPTIONS.burnFactors.pageSlow,
      })
      .addNumberInput({
        path: 'burnFactors.ticketFast',
        name: 'Ticket, 1d and 2h',
        category: [FACTORS],
        defaultValue: DEFAULT_OPTIONS.burnFactors.ticketFast,
      })
      .addNumberInput({
        path: 'burnFactors.ticketSlow',
        name: 'Ticket, 3d and 6h',
        category: [FACTORS],
        defaultValue: DEFAULT_OPTIONS.burnFactors.ticketSlow,
      })
      .addBooleanSwitch({
        path: 'showChart',
        name: 'Budget burn-down chart',
        defaultValue: DEFAULT_OPTIONS.showChart,
      })
      .addColorPicker({
        path: 'colors.page',
        name: 'Page',
        category: [COLOURS],
        defaultValue: DEFAULT_OPTIONS.colors.page,
      })
      .addColorPicker({
        path: 'colors.ticket',
        name: 'Ticket',
        category: [COLOURS],
        defaultValue: DEFAULT_OPTIONS.colors.ticket,
      })
      .addColorPicker({
        path: 'colors.ok',
        name: 'Within budget',
        category: [COLOURS],
        defaultValue: DEFAULT_OPTIONS.colors.ok,
      })
      .addNumberInput({
        path: 'version',
        name: 'Options version',
        defaultValue: DEFAULT_OPTIONS.version,
        showIf: () => false,
      }),
  );
