// Builds the Prometheus rule groups of one SLO: SLI error ratios and burn rates per window, the multiwindow
// multi-burn-rate page and ticket alerts (SRE workbook), and the budget/metadata series the SLO panel reads.
import { BURN_WINDOWS, SLO_PERIODS, type AlertSpec, type SloModel } from './types.js';

export interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Rule[];
}

/** A burn-rate condition: the error ratio exceeds factor × budget over both the long and the short window. */
interface BurnCondition {
  factor: number;
  long: string;
  short: string;
}

export const PAGE_CONDITIONS: readonly BurnCondition[] = [
  { factor: 14.4, long: '1h', short: '5m' },
  { factor: 6, long: '6h', short: '30m' },
];
export const TICKET_CONDITIONS: readonly BurnCondition[] = [
  { factor: 3, long: '1d', short: '2h' },
  { factor: 1, long: '3d', short: '6h' },
];

/** Rounds away binary noise so 100 - 99.9 prints as 0.001, not 0.0009999999999999432. */
function clean(n: number): number {
  return Number(n.toPrecision(12));
}

export function errorBudget(model: SloModel): number {
  return clean((100 - model.objectivePercent) / 100);
}

/** "50 hours" below three days, "10 days" above: how an on-call engineer thinks about urgency. */
function spendTime(days: number): string {
  return days < 3 ? `${Math.round(days * 24)} hours` : `${clean(Math.round(days * 10) / 10)} days`;
}

function sortedLabels(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

export function sloRuleGroups(model: SloModel): RuleGroup[] {
  const budget = errorBudget(model);
  const seriesLabels = sortedLabels({ ...model.labels, service: model.service, slo: model.id });
  const sel = `{slo="${model.id}"}`;
  const record = (name: string, expr: string): Rule => ({ record: name, expr, labels: seriesLabels });

  const burn: Rule[] = [
    ...BURN_WINDOWS.map((w) => record(`slo:sli_error:ratio_rate${w}`, model.sli.errorRatio(w))),
    ...BURN_WINDOWS.map((w) => record(`slo:burn_rate:ratio_rate${w}`, `slo:sli_error:ratio_rate${w}${sel} / ${budget}`)),
  ];
  if (model.page) burn.push(alertRule(model, model.page, 'page', PAGE_CONDITIONS, budget, sel));
  if (model.ticket) burn.push(alertRule(model, model.ticket, 'ticket', TICKET_CONDITIONS, budget, sel));

  const period = model.period;
  const budgetRules: Rule[] = [];
  if (model.sli.events) {
    budgetRules.push(
      record('slo:sli_error_events:increase_period', model.sli.events.errors(period)),
      record('slo:sli_events:increase_period', model.sli.events.total(period)),
      record(
        'slo:sli_error:ratio_rate_period',
        `slo:sli_error_events:increase_period${sel}\n/\nslo:sli_events:increase_period${sel}`,
      ),
    );
  } else {
    // Free-form queries (sloth's) may be subqueries; a period-long range of those is far too costly, so the
    // period ratio is the mean of the 5m ratios, as sloth computes it.
    budgetRules.push(record('slo:sli_error:ratio_rate_period', `avg_over_time(slo:sli_error:ratio_rate5m${sel}[${period}])`));
  }
  budgetRules.push(
    record('slo:objective:ratio', `vector(${clean(model.objectivePercent / 100)})`),
    record('slo:error_budget:ratio', `vector(${budget})`),
    record('slo:window:seconds', `vector(${SLO_PERIODS[period]})`),
    record('slo:period_error_budget_remaining:ratio', `1 - slo:sli_error:ratio_rate_period${sel} / ${budget}`),
  );

  return [
    { name: `slo-${model.id}-burn-rate`, rules: burn },
    // Period-long ranges are expensive; once a minute is plenty for a 30-day budget.
    { name: `slo-${model.id}-budget`, interval: '1m', rules: budgetRules },
  ];
}

function alertRule(
  model: SloModel,
  spec: AlertSpec,
  kind: 'page' | 'ticket',
  conditions: readonly BurnCondition[],
  budget: number,
  sel: string,
): Rule {
  const clause = (c: BurnCondition) =>
    `(\n  slo:sli_error:ratio_rate${c.long}${sel} > (${c.factor} * ${budget})\n  and\n  slo:sli_error:ratio_rate${c.short}${sel} > (${c.factor} * ${budget})\n)`;
  const objective = `${model.objectivePercent}%`;
  const budgetPct = `${clean(budget * 100)}%`;
  const days = SLO_PERIODS[model.period] / 86400;
  const fastest = conditions[0]!;
  const exhaustion = spendTime(days / fastest.factor);
  const runbook = `docs/runbooks.md#${spec.name.toLowerCase()}`;
  return {
    alert: spec.name,
    expr: conditions.map(clause).join('\nor\n'),
    labels: sortedLabels({
      severity: kind === 'page' ? 'critical' : 'warning',
      slo_alert: kind,
      ...spec.labels,
    }),
    annotations: {
      summary:
        kind === 'page'
          ? `SLO {{ $labels.slo }} is burning its error budget fast; page.`
          : `SLO {{ $labels.slo }} is burning its error budget; open a ticket.`,
      description:
        `The error ratio of {{ $labels.slo }} ({{ $labels.service }}) is {{ $value | humanizePercentage }}, ` +
        `at least ${conditions[conditions.length - 1]!.factor}x its ${budgetPct} error budget (objective ${objective} over ${model.period}). ` +
        `At ${fastest.factor}x the whole budget is spent in ${exhaustion}.`,
      runbook_url: runbook,
      dashboard_url: `/d/vigil-slo/slos?var-slo=${model.id}`,
      ...spec.annotations,
    },
  };
}
