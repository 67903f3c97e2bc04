// Small wrappers over the foundation SDK so each dashboard file reads as a list of panels and queries.
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import { StackingConfigBuilder, StackingMode } from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
  VariableSort,
  MappingType,
  type DashboardLink,
  type Panel,
  type ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

import { DS_UID, PROM } from './datasources.js';

export interface Query {
  expr: string;
  legend?: string;
}

/** A query is `expr` or `[expr, legend]`. */
export type QueryInput = string | [string, string];

function target(q: QueryInput, i: number, legendFormat = true): DataqueryBuilder {
  const [expr, legend] = typeof q === 'string' ? [q, undefined] : q;
  const b = new DataqueryBuilder()
    .datasource(PROM)
    .refId(String.fromCharCode(65 + i))
    .expr(expr);
  return legend && legendFormat ? b.legendFormat(legend) : b;
}

export interface PanelOpts {
  unit?: string;
  description?: string;
  min?: number;
  max?: number;
  /** Width in grid columns (of 24); height is fixed per kind. */
  w?: number;
  h?: number;
  stack?: boolean;
  /** A panel link to the detailed dashboard (a Grafana path such as /d/vigil-hosts/hosts), keeping the time range. */
  link?: { title: string; url: string };
  /** Value → text (and colour) mappings, e.g. health states. */
  mappings?: Record<string, { text: string; color: string }>;
  /**
   * Ask for the histograms' exemplars too (Grafana draws them as points; the Prometheus datasource links their
   * `trace_id` to Tempo). Only where the plotted values are in the histogram's own unit, so the points sit on
   * the same axis.
   */
  exemplars?: boolean;
}

function decorate<P extends { links(l: cog.Builder<DashboardLink>[]): P; mappings(m: ValueMapping[]): P }>(p: P, o: PanelOpts): P {
  if (o.link) p.links([new DashboardLinkBuilder(o.link.title).type(DashboardLinkType.Link).url(o.link.url).keepTime(true)]);
  if (o.mappings) {
    const options = Object.fromEntries(Object.entries(o.mappings).map(([value, m], index) => [value, { ...m, index }]));
    p.mappings([{ type: MappingType.ValueToText, options }]);
  }
  return p;
}

export function timeseries(title: string, queries: QueryInput[], o: PanelOpts = {}): TimeseriesBuilder {
  const p = new TimeseriesBuilder()
    .title(title)
    .datasource(PROM)
    .unit(o.unit ?? 'short')
    .span(o.w ?? 12)
    .height(o.h ?? 8)
    .lineWidth(1)
    .fillOpacity(o.stack ? 30 : 10)
    .targets(queries.map((q, i) => (o.exemplars ? target(q, i).exemplar(true) : target(q, i))));
  if (o.stack) p.stacking(new StackingConfigBuilder().mode(StackingMode.Normal).group('A'));
  if (o.description) p.description(o.description);
  if (o.min !== undefined) p.min(o.min);
  if (o.max !== undefined) p.max(o.max);
  return decorate(p, o);
}

export function stat(title: string, queries: QueryInput[], o: PanelOpts = {}): StatBuilder {
  const p = new StatBuilder()
    .title(title)
    .datasource(PROM)
    .unit(o.unit ?? 'short')
    .span(o.w ?? 6)
    .height(o.h ?? 4)
    .targets(queries.map((q, i) => target(q, i).instant()));
  if (o.description) p.description(o.description);
  if (o.min !== undefined) p.min(o.min);
  if (o.max !== undefined) p.max(o.max);
  return decorate(p, o);
}

/** An instant-query table: one row per label set, labels as columns, each query's value under its legend. */
export function table(title: string, queries: QueryInput[], o: PanelOpts = {}): TableBuilder {
  // After `merge`, query X's value column is "Value #X".
  const renameByName = Object.fromEntries(
    queries.flatMap((q, i) =>
      typeof q === 'string' || !q[1] ? [] : [[`Value #${String.fromCharCode(65 + i)}`, q[1]]],
    ),
  );
  const p = new TableBuilder()
    .title(title)
    .datasource(PROM)
    .unit(o.unit ?? 'short')
    .span(o.w ?? 12)
    .height(o.h ?? 8)
    .targets(queries.map((q, i) => target(q, i, false).instant().format(PromQueryFormat.Table)))
    .withTransformation({ id: 'merge', options: {} })
    .withTransformation({ id: 'organize', options: { excludeByName: { Time: true }, renameByName } });
  if (o.description) p.description(o.description);
  return decorate(p, o);
}

export function row(title: string): RowBuilder {
  return new RowBuilder(title);
}

export interface LabelVar {
  name: string;
  label: string;
  /** PromQL selector for label_values(), e.g. `trading_orders_submitted_total{venue=~"$venue"}`. */
  metric: string;
}

/** A multi-value label variable whose "All" is `.*`, so `label=~"$x"` also matches series without the label. */
export function labelVariable(v: LabelVar): QueryVariableBuilder {
  const q = `label_values(${v.metric}, ${v.name})`;
  return new QueryVariableBuilder(v.name)
    .label(v.label)
    .datasource(PROM)
    .query(q)
    .definition(q)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ text: 'All', value: '$__all' });
}

export function datasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder('datasource')
    .label('Data source')
    .type('prometheus')
    .current({ text: 'Prometheus', value: DS_UID.prometheus });
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  variables: LabelVar[];
  /** Rows in order; each row's panels are laid out left to right. */
  rows: [string, cog.Builder<Panel>[]][];
  /** Extra panels above the first row. */
  top?: cog.Builder<Panel>[];
  /** The range it opens with (default the last 6 hours): as long as the longest window its panels need. */
  time?: { from: string; to: string };
}

/** Builds a Vigil dashboard: datasource variable first, links to the other Vigil dashboards, time 6h (unless
 * `spec.time`), refresh 30s. */
export function vigilDashboard(spec: DashboardSpec): DashboardBuilder {
  const d = new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(['vigil', ...spec.tags])
    .editable()
    .tooltip(DashboardCursorSync.Crosshair)
    .time(spec.time ?? { from: 'now-6h', to: 'now' })
    .refresh('30s')
    .timezone('browser')
    .link(
      new DashboardLinkBuilder('Vigil dashboards')
        .type(DashboardLinkType.Dashboards)
        .tags(['vigil'])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    )
    .withVariable(datasourceVariable());
  for (const v of spec.variables) d.withVariable(labelVariable(v));
  for (const p of spec.top ?? []) d.withPanel(p);
  for (const [title, panels] of spec.rows) {
    d.withRow(row(title));
    for (const p of panels) d.withPanel(p);
  }
  return d;
}
