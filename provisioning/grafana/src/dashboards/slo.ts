// SLO overview: the SLO burn-rate panel over the generator's recorded series (provisioning/slo), plus plain
// timeseries of the same series so the page is useful even where the plugin is not installed.
import { PanelBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';

import { timeseries, vigilDashboard } from '../builders.js';
import { PROM } from '../datasources.js';

const SEL = 'slo=~"$slo", service=~"$service"';
export const SLO_PANEL_ID = 'vigil-sloburnrate-panel';

/** Same shape as the panel's suggested query (plugins/slo-burnrate-panel/src/data/series.ts), with our selector. */
const ALL_SLO_SERIES = `{__name__=~"slo:(sli_error:ratio_rate.+|sli_events:increase_period|sli_error_events:increase_period|objective:ratio|window:seconds|period_error_budget_remaining:ratio)", ${SEL}}`;

function burnRatePanel(): PanelBuilder {
  return (
    new PanelBuilder()
      .type(SLO_PANEL_ID)
      .title('SLOs: error budget and burn rates')
      .datasource(PROM)
      .span(24)
      .height(12)
      .withTarget(new DataqueryBuilder().datasource(PROM).refId('A').expr(ALL_SLO_SERIES).range())
      // Saved options in the panel's current shape (OPTIONS_VERSION 1); the plugin migrates older ones itself.
      .options({
        version: 1,
        layout: 'cards',
        sliMode: 'auto',
        rawKind: 'error_ratio',
        objective: 0.995,
        window: '30d',
        burnFactors: { pageFast: 14.4, pageSlow: 6, ticketFast: 3, ticketSlow: 1 },
        showChart: true,
        colors: { page: 'red', ticket: 'orange', ok: 'green' },
        selector: SEL,
      })
  );
}

export const slo = () =>
  vigilDashboard({
    uid: 'vigil-slo',
    title: 'Vigil / SLOs',
    description: 'Service level objectives recorded by the Vigil SLO generator (slo:* series).',
    tags: ['slo'],
    // The budget and the chart cover the SLO period (30 days): opened on 6 hours, the panel would show a
    // budget over data the period rules never saw and a burn-down with nothing in it.
    time: { from: 'now-30d', to: 'now' },
    variables: [
      { name: 'service', label: 'Service', metric: 'slo:objective:ratio' },
      { name: 'slo', label: 'SLO', metric: 'slo:objective:ratio{service=~"$service"}' },
    ],
    top: [burnRatePanel()],
    rows: [
      [
        'Recorded series',
        [
          timeseries(
            'Error budget remaining over the SLO window',
            [[`slo:period_error_budget_remaining:ratio{${SEL}}`, '{{slo}}']],
            { unit: 'percentunit' },
          ),
          timeseries(
            'Burn rate (1h and 6h)',
            [
              [`slo:burn_rate:ratio_rate1h{${SEL}}`, '1h {{slo}}'],
              [`slo:burn_rate:ratio_rate6h{${SEL}}`, '6h {{slo}}'],
            ],
            { description: '1 spends the budget exactly over the SLO window; 14.4 over 1h pages.' },
          ),
          timeseries(
            'Error ratio (5m) vs budget',
            [
              [`slo:sli_error:ratio_rate5m{${SEL}}`, 'errors {{slo}}'],
              [`slo:error_budget:ratio{${SEL}}`, 'budget {{slo}}'],
            ],
            { unit: 'percentunit' },
          ),
          timeseries('Bad events over the SLO window', [
            [`slo:sli_error_events:increase_period{${SEL}}`, 'bad {{slo}}'],
            [`slo:sli_events:increase_period{${SEL}}`, 'total {{slo}}'],
          ]),
        ],
      ],
    ],
  });
