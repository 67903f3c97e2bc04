// The trading dashboard (provisioning/grafana, dashboards as code) carries this panel with exactly the queries the
// panel suggests for the dashboard's selector, each instant and in time-series format, and options the panel
// reads without migration.
import { readFileSync } from 'fs';
import path from 'path';

import { migrateOptions } from './migrations';
import { parseSelector, suggestedQueries } from './queries';
import { OPTIONS_VERSION } from './types';

interface Target {
  refId: string;
  expr: string;
  instant?: boolean;
  range?: boolean;
  format?: string;
}
interface Panel {
  type: string;
  options: Record<string, unknown> & { selector: string };
  targets: Target[];
}

const DASHBOARD = path.join(__dirname, '../../../provisioning/grafana/dashboards/trading.json');
const HOST_SCENARIO = path.join(__dirname, '../../../apps/plugin-host/host/scenarios/tradeflow.json');

describe('the trading dashboard', () => {
  const panels = (JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] }).panels.filter((p) => p.type === 'vigil-tradeflow-panel');

  it('has one trade-flow panel', () => {
    expect(panels).toHaveLength(1);
  });

  it('queries exactly what the panel suggests for its selector, as instant time series', () => {
    const [panel] = panels;
    const expected = suggestedQueries(parseSelector(panel.options.selector));
    expect(panel.targets.map(({ refId, expr, instant, range, format }) => ({ refId, expr, instant, range, format }))).toEqual(
      expected.map(({ refId, expr, instant, range, format }) => ({ refId, expr, instant, range, format }))
    );
  });

  it('saves options of the current version that migrate to themselves', () => {
    const [panel] = panels;
    expect(panel.options.version).toBe(OPTIONS_VERSION);
    expect(migrateOptions(panel.options)).toEqual(panel.options);
  });
});

describe('the plugin host scenario (e2e)', () => {
  it('queries exactly what the panel suggests without matchers, as instant queries', () => {
    const scenario = JSON.parse(readFileSync(HOST_SCENARIO, 'utf8')) as { plugin: string; queries: Target[] };
    expect(scenario.plugin).toBe('vigil-tradeflow-panel');
    expect(scenario.queries).toEqual(suggestedQueries([]).map(({ refId, expr }) => ({ refId, expr, instant: true })));
  });
});
