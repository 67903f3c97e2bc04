// The plugin host page: loads a built Grafana plugin from /plugins/<id>/module.js through SystemJS with
// Grafana's shared dependencies, feeds it real Prometheus data and renders it in Grafana's dark or light theme.
// URL: /?scenario=slo-burnrate&theme=dark|light&editor=0|1 (see scenario.ts for the other parameters).
import { createTheme, type PanelPlugin } from '@grafana/data';
import { setBackendSrv } from '@grafana/runtime';
import { GlobalStyles, PortalContainer, ThemeContext } from '@grafana/ui';
import React from 'react';
import { createRoot } from 'react-dom/client';

import { installAlertsBench } from './alertsBench';
import { AppHost, HostPluginPage, PluginErrorBoundary } from './AppHost';
import { HostBackendSrv } from './backendSrv';
import { runFirstRenderBench } from './bench';
import { runTradeflowFirstRenderBench } from './tradeflowBench';
import { BENCH_DESK } from './tradeflowFrames';
import { PanelHost, timeRangeEnding } from './PanelHost';
import { withDefaults } from './OptionsEditor';
import { registerOptionEditors } from './optionEditors';
import { loadPlugin } from './pluginLoader';
import { queryInstant, queryRange } from './prometheus';
import { loadScenario } from './scenario';
import { exposeSharedDependencies } from './sharedDependencies';

/** What tests read: set on <body data-host-state> and window.__vigilHost. */
type HostState = 'loading' | 'ready' | 'error';

function setState(state: HostState, detail?: string) {
  document.body.dataset.hostState = state;
  (window as unknown as { __vigilHost: unknown }).__vigilHost = { state, detail };
}

async function boot() {
  setState('loading');
  const params = new URLSearchParams(window.location.search);
  const mode = params.get('theme') === 'light' ? 'light' : 'dark';
  const theme = createTheme({ colors: { mode } });
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const render = (node: React.ReactNode) =>
    root.render(
      <ThemeContext.Provider value={theme}>
        <GlobalStyles />
        {node}
        <PortalContainer />
      </ThemeContext.Provider>,
    );
  try {
    // What Grafana's start-up sets in @grafana/runtime before any plugin loads.
    setBackendSrv(new HostBackendSrv());
    exposeSharedDependencies({ '@grafana/runtime': { PluginPage: HostPluginPage } });
    if (/^\/(a|plugins)\//.test(window.location.pathname)) {
      // App pages (/a/<id>/...) and app configuration (/plugins/<id>): AppHost reports its own state.
      if (params.get('benchHooks') === '1') {
        installAlertsBench();
      }
      render(<AppHost onState={setState} />);
      return;
    }
    registerOptionEditors();
    const scenario = await loadScenario(params);
    const { plugin } = await loadPlugin(scenario.plugin);
    const panel = plugin as PanelPlugin;
    const bench = params.get('bench');
    if (bench === 'first-render' || bench === 'tradeflow-first-render') {
      const wrap = (node: React.ReactNode) => (
        <ThemeContext.Provider value={theme}>{node}</ThemeContext.Provider>
      );
      const options = withDefaults(panel, scenario.options);
      const rounds = Number(params.get('rounds') ?? 5);
      // ?venues=&symbols=&strategies= size the trade-flow desk (default 20 × 50 × 8); ?timeseries=0 leaves TimeSeries out.
      const desk = {
        venues: Number(params.get('venues') ?? BENCH_DESK.venues),
        symbols: Number(params.get('symbols') ?? BENCH_DESK.symbols),
        strategies: Number(params.get('strategies') ?? BENCH_DESK.strategies),
      };
      const run = { root, wrap, plugin: panel, options, theme, rounds };
      const result =
        bench === 'first-render'
          ? await runFirstRenderBench(run)
          : await runTradeflowFirstRenderBench(run, desk, params.get('timeseries') !== '0');
      (window as unknown as { __vigilBench: unknown }).__vigilBench = result;
      setState('ready');
      return;
    }
    const to = scenario.to ?? Date.now();
    const timeRange = timeRangeEnding(to, scenario.rangeSeconds);
    const frames = (
      await Promise.all(
        scenario.queries.map((q) =>
          q.instant
            ? queryInstant(q, to, scenario.rangeSeconds)
            : queryRange(q, to - scenario.rangeSeconds * 1000, to, scenario.stepSeconds),
        ),
      )
    ).flat();
    let options = withDefaults(panel, scenario.options);
    if (panel.onPanelMigration) {
      // As Grafana does when a saved panel's pluginVersion differs from the installed plugin's.
      const migrated = await panel.onPanelMigration({
        id: 1,
        type: scenario.plugin,
        options,
        pluginVersion: scenario.pluginVersion,
      } as never);
      options = { ...options, ...migrated };
    }
    render(
      <PluginErrorBoundary onError={setState}>
        <PanelHost
          plugin={panel}
          title={scenario.title ?? scenario.plugin}
          frames={frames}
          timeRange={timeRange}
          initialOptions={options}
          width={scenario.width ?? 1000}
          height={scenario.height ?? 500}
          showEditor={params.get('editor') !== '0'}
        />
      </PluginErrorBoundary>,
    );
    document.body.dataset.hostFrames = String(frames.length);
    setState('ready');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    render(
      <pre data-testid="host-error" style={{ color: theme.colors.error.text, padding: 16 }}>
        {message}
      </pre>,
    );
    setState('error', message);
  }
}

void boot();
