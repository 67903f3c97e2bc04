// The Prometheus queries that feed the panel: one per role, each an instant query over the dashboard range
// ($__range), summed by the labels the panel filters on. The refId is the role's name; the panel also
// recognises a query under another refId by the metric its expression reads (see roleOfExpr).

export const ROLES = [
  'transitions',
  'transition_qty',
  'submitted',
  'requested_qty',
  'fill_ratio_sum',
  'fill_ratio_count',
  'completed',
  'completed_samples',
  'rejects',
  'ack',
  'first_fill',
  'completion',
  'slippage_adverse',
  'slippage_favorable',
  'slippage_sum',
  'shortfall_sum',
  'shortfall_count',
  'markout_sum',
  'markout_count',
] as const;

export type Role = (typeof ROLES)[number];

/** The labels of the order series the panel filters on (ORDER_LABELS minus side and order_type). */
export const ORDER_DIMENSIONS = ['venue', 'strategy', 'symbol'] as const;
/** Markouts are per fill and carry no strategy. */
const MARKOUT_DIMENSIONS = ['venue', 'symbol'] as const;
const ORDER_LABELS = ['venue', 'symbol', 'side', 'order_type', 'strategy'];
const MARKOUT_LABELS = ['venue', 'symbol', 'side', 'liquidity', 'horizon'];

interface RoleSpec {
  /** The series the query reads; named when it is missing. */
  metric: string;
  /** Extra grouping labels besides the dimensions. */
  extra: string[];
  why: string;
  /** Labels the metric carries, so a selector on another label is left out of its query. */
  labels: string[];
  dimensions: readonly string[];
  /** The expression, when it is not `sum by (...) (increase(metric{sel}[$__range]))`. */
  expr?: (by: string, sel: (metric: string) => string) => string;
  /** How its expression is told from another role's on the same metric (else by the metric alone). */
  pattern?: RegExp;
}

const ORDER_HIST = ['le'];

/**
 * The signed sum of a signed histogram (markouts, shortfall) from its parts, counters that only grow: such a
 * histogram exports no _sum, as a sum that falls reads as a counter reset to increase().
 */
function signedSum(prefix: string): NonNullable<RoleSpec['expr']> {
  return (by, sel) =>
    `sum by (${by}) (increase(${sel(`${prefix}_adverse_ratio_total`)}[$__range]))` +
    ` - sum by (${by}) (increase(${sel(`${prefix}_favorable_ratio_total`)}[$__range]))`;
}

export const ROLE_SPECS: Record<Role, RoleSpec> = {
  transitions: {
    metric: 'trading_order_transitions_total',
    extra: ['from_state', 'to_state'],
    why: 'order state transitions: the flow diagram (counts)',
    labels: [...ORDER_LABELS, 'from_state', 'to_state'],
    dimensions: ORDER_DIMENSIONS,
  },
  transition_qty: {
    metric: 'trading_order_transition_quantity_total',
    extra: ['from_state', 'to_state'],
    why: 'requested quantity moved by each transition: the flow diagram (quantity)',
    labels: [...ORDER_LABELS, 'from_state', 'to_state'],
    dimensions: ORDER_DIMENSIONS,
  },
  submitted: {
    metric: 'trading_orders_submitted_total',
    extra: [],
    why: 'orders entering the flow; reject rate',
    labels: ORDER_LABELS,
    dimensions: ORDER_DIMENSIONS,
  },
  requested_qty: {
    metric: 'trading_order_quantity_requested_total',
    extra: [],
    why: 'quantity entering the flow (the flow diagram by quantity)',
    labels: ORDER_LABELS,
    dimensions: ORDER_DIMENSIONS,
  },
  fill_ratio_sum: {
    metric: 'trading_order_fill_ratio_sum',
    extra: [],
    why: "fill ratio: each final order's filled over requested quantity (at most 1), summed",
    labels: ORDER_LABELS,
    dimensions: ORDER_DIMENSIONS,
  },
  fill_ratio_count: {
    metric: 'trading_order_fill_ratio_count',
    extra: [],
    why: 'fill ratio: the final orders it is the mean over',
    labels: ORDER_LABELS,
    dimensions: ORDER_DIMENSIONS,
  },
  completed: {
    metric: 'trading_orders_completed_total',
    extra: ['final_status'],
    why: 'final states, to check that the flow balances',
    labels: [...ORDER_LABELS, 'final_status'],
    dimensions: ORDER_DIMENSIONS,
  },
  completed_samples: {
    metric: 'trading_orders_completed_total',
    extra: ['final_status'],
    why:
      "samples in the range of completion series that started inside it: the leeway of increase()'s start " +
      'extrapolation in the balance check',
    labels: [...ORDER_LABELS, 'final_status'],
    dimensions: ORDER_DIMENSIONS,
    // Series present at the range's start (offset) are left out: increase() extrapolates those all alike.
    expr: (by, sel) =>
      `min by (${by}) (count_over_time(${sel('trading_orders_completed_total')}[$__range])` +
      ` unless ${sel('trading_orders_completed_total')} offset $__range)`,
    pattern: /\bcount_over_time\s*\(\s*trading_orders_completed_total\b/,
  },
  rejects: {
    metric: 'trading_order_rejects_total',
    extra: ['reason'],
    why: 'reject reasons',
    labels: [...ORDER_LABELS, 'reason'],
    dimensions: ORDER_DIMENSIONS,
  },
  ack: {
    metric: 'trading_order_ack_duration_seconds_bucket',
    extra: ORDER_HIST,
    why: 'ack latency percentiles',
    labels: [...ORDER_LABELS, 'le'],
    dimensions: ORDER_DIMENSIONS,
  },
  first_fill: {
    metric: 'trading_order_first_fill_duration_seconds_bucket',
    extra: ORDER_HIST,
    why: 'first-fill latency percentiles',
    labels: [...ORDER_LABELS, 'le'],
    dimensions: ORDER_DIMENSIONS,
  },
  completion: {
    metric: 'trading_order_completion_duration_seconds_bucket',
    extra: ORDER_HIST,
    why: 'completion latency percentiles',
    labels: [...ORDER_LABELS, 'le'],
    dimensions: ORDER_DIMENSIONS,
  },
  slippage_adverse: {
    metric: 'trading_order_slippage_adverse_ratio_bucket',
    extra: ORDER_HIST,
    why: 'the adverse side of the signed slippage distribution',
    labels: [...ORDER_LABELS, 'le'],
    dimensions: ORDER_DIMENSIONS,
  },
  slippage_favorable: {
    metric: 'trading_order_slippage_favorable_ratio_bucket',
    extra: ORDER_HIST,
    why: 'the favourable side of the signed slippage distribution',
    labels: [...ORDER_LABELS, 'le'],
    dimensions: ORDER_DIMENSIONS,
  },
  slippage_sum: {
    metric: 'trading_order_slippage_adverse_ratio_sum',
    extra: [],
    why: 'mean signed slippage per venue (adverse minus favourable sums)',
    labels: ORDER_LABELS,
    dimensions: ORDER_DIMENSIONS,
    expr: (by, sel) =>
      `sum by (${by}) (increase(${sel('trading_order_slippage_adverse_ratio_sum')}[$__range]))` +
      ` - sum by (${by}) (increase(${sel('trading_order_slippage_favorable_ratio_sum')}[$__range]))`,
  },
  shortfall_sum: {
    metric: 'trading_order_implementation_shortfall_adverse_ratio_total',
    extra: ['benchmark'],
    why: 'mean implementation shortfall per venue (cost minus gain sums: the signed histogram has no _sum)',
    labels: [...ORDER_LABELS, 'benchmark'],
    dimensions: ORDER_DIMENSIONS,
    expr: signedSum('trading_order_implementation_shortfall'),
  },
  shortfall_count: {
    metric: 'trading_order_implementation_shortfall_ratio_count',
    extra: ['benchmark'],
    why: 'orders measured for implementation shortfall',
    labels: [...ORDER_LABELS, 'benchmark'],
    dimensions: ORDER_DIMENSIONS,
  },
  markout_sum: {
    metric: 'trading_fill_markout_adverse_ratio_total',
    extra: ['horizon'],
    why: 'mean markout per venue and horizon (the scorecard curve; adverse minus favourable sums: the signed histogram has no _sum)',
    labels: MARKOUT_LABELS,
    dimensions: MARKOUT_DIMENSIONS,
    expr: signedSum('trading_fill_markout'),
  },
  markout_count: {
    metric: 'trading_fill_markout_ratio_count',
    extra: ['horizon'],
    why: 'fills measured for markouts',
    labels: MARKOUT_LABELS,
    dimensions: MARKOUT_DIMENSIONS,
  },
};

export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

const MATCHER = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*/y;
const SEPARATOR = /,\s*/y;

/**
 * Parses label matchers as typed in the editor (`venue=~"$venue", strategy!="test"`). Throws naming the
 * text that is not a matcher.
 */
export function parseSelector(text: string): Matcher[] {
  const src = text.trim().replace(/^\{|\}$/g, '');
  const out: Matcher[] = [];
  let at = 0;
  const fail = (what: string) => {
    throw new Error(`Label matchers: expected ${what} at "${src.slice(at)}"`);
  };
  while (at < src.length) {
    MATCHER.lastIndex = at;
    const m = MATCHER.exec(src);
    if (!m) {
      fail('label="value" (or !=, =~, !~)');
    }
    out.push({ label: m![1], op: m![2] as Matcher['op'], value: m![3] });
    at = MATCHER.lastIndex;
    if (at < src.length) {
      SEPARATOR.lastIndex = at;
      if (!SEPARATOR.exec(src)) {
        fail('a comma');
      }
      at = SEPARATOR.lastIndex;
    }
  }
  return out;
}

export interface SuggestedQuery {
  refId: Role;
  expr: string;
  why: string;
  /** Grafana Prometheus query settings the panel expects. */
  instant: true;
  range: false;
  format: 'time_series';
}

/** The default queries with the given label matchers (already parsed) added to every metric they apply to. */
export function suggestedQueries(matchers: Matcher[]): SuggestedQuery[] {
  return ROLES.map((role) => {
    const spec = ROLE_SPECS[role];
    const own = matchers.filter((m) => spec.labels.includes(m.label));
    const inner = own.map((m) => `${m.label}${m.op}"${m.value}"`).join(', ');
    const sel = (metric: string) => (inner ? `${metric}{${inner}}` : metric);
    const by = [...spec.dimensions, ...spec.extra].join(', ');
    const expr = spec.expr ? spec.expr(by, sel) : `sum by (${by}) (increase(${sel(spec.metric)}[$__range]))`;
    return { refId: role, expr, why: spec.why, instant: true, range: false, format: 'time_series' };
  });
}

const BY_PATTERN: Array<[RegExp, Role]> = ROLES.flatMap((role) => {
  const pattern = ROLE_SPECS[role].pattern;
  return pattern ? [[pattern, role] as [RegExp, Role]] : [];
});
const BY_METRIC: Array<[RegExp, Role]> = ROLES.filter((role) => !ROLE_SPECS[role].pattern).map((role) => [
  new RegExp(`\\b${ROLE_SPECS[role].metric}\\b`),
  role,
]);

/** The role of a query under a refId the panel does not know, from the metric its expression reads. */
export function roleOfExpr(expr: string | undefined): Role | undefined {
  if (!expr) {
    return undefined;
  }
  const special = BY_PATTERN.find(([re]) => re.test(expr));
  if (special) {
    return special[1];
  }
  const found = BY_METRIC.filter(([re]) => re.test(expr)).map(([, role]) => role);
  return found.length === 1 ? found[0] : undefined;
}

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

export function isRole(text: string | undefined): text is Role {
  return text !== undefined && ROLE_SET.has(text);
}
