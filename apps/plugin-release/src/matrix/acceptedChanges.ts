// Declarations levitate reports as changed between the packages the plugins build with (13.2) and an older
// version's, reviewed: why each plugin's use of it works on every version of the matrix. A change not listed here
// fails the matrix. A *missing* export is never accepted: it raises the plugin's grafanaDependency instead.
export interface AcceptedChange {
  package: string;
  name: string;
  why: string;
}

export const ACCEPTED_CHANGES: AcceptedChange[] = [
  {
    package: '@grafana/data',
    name: 'PanelPlugin.setMigrationHandler',
    why:
      "12.x added the optional shouldMigrate argument the panels pass; 10.4 and 11.6 ignore it and run the handler when the saved pluginVersion differs from the installed one. The handlers only fill defaults and convert old shapes, and give the same options when run again (migrations tests), so both rules give the same result",
  },
  {
    package: '@grafana/data',
    name: 'PanelPlugin.setPanelOptions',
    why:
      'same signature; the option builder gained editor kinds since 10.4. The panels use addRadio, addBooleanSwitch, addNumberInput, addTextInput, addColorPicker and addCustomEditor, all in 10.4; the host matrix renders their options editors on every version',
  },
  {
    package: '@grafana/data',
    name: 'AppPlugin.setRootPage',
    why:
      'same signature; AppRootProps gained optional fields since 10.4. The app reads meta.jsonData only, present in every version',
  },
  {
    package: '@grafana/ui',
    name: 'UPlotConfigBuilder.addScale',
    why:
      "same signature; ScaleProps gained optional fields. The slippage chart passes scaleKey, isTime, orientation, direction, range and min, all in 10.4's ScaleProps",
  },
  {
    package: '@grafana/ui',
    name: 'UPlotConfigBuilder.addAxis',
    why:
      "same signature; AxisProps gained optional fields. The chart passes scaleKey, placement, theme, splits, values, label and formatValue, all in 10.4's AxisProps",
  },
  {
    package: '@grafana/ui',
    name: 'UPlotConfigBuilder.addSeries',
    why:
      "same signature; SeriesProps gained optional fields. The chart passes scaleKey, drawStyle, lineColor, fillColor, fillOpacity, lineWidth, barWidthFactor, showPoints and theme, all in 10.4's SeriesProps",
  },
  {
    package: '@grafana/runtime',
    name: 'config',
    why: 'GrafanaBootConfig gained fields; the app reads only config.bootData.user, present in every version',
  },
];

export function acceptedChange(pkg: string, name: string): AcceptedChange | undefined {
  return ACCEPTED_CHANGES.find((c) => c.package === pkg && c.name === name);
}
