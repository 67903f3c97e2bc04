// The order flow from the lifecycle counters: every order enters at `submitted` (trading_orders_submitted_total,
// or the requested quantity) and moves along trading_order_transitions_total (or
// trading_order_transition_quantity_total) to a final state. Over a time range a state's inflow and outflow
// differ by the orders still in it at the end (open) or already in it at the start (carried in); the final
// states are cross-checked against trading_orders_completed_total{final_status}.
import type { Sample } from './frames';
import { labelOf } from './selection';

export const STATES = [
  'submitted',
  'acknowledged',
  'partially_filled',
  'filled',
  'canceled',
  'rejected',
  'expired',
] as const;
export type OrderState = (typeof STATES)[number];
export const FINAL_STATES: readonly OrderState[] = ['filled', 'canceled', 'rejected', 'expired'];

/** Column of each state in the diagram: lifecycle depth. */
export const STATE_COLUMN: Record<OrderState, number> = {
  submitted: 0,
  acknowledged: 1,
  partially_filled: 2,
  filled: 3,
  canceled: 3,
  rejected: 3,
  expired: 3,
};

export type FlowGroupBy = 'venue' | 'strategy' | 'symbol';
export type FlowMeasure = 'count' | 'quantity';

export const OTHER_GROUP = 'other';

export interface FlowGroup {
  name: string;
  /** Orders (or quantity) that entered at submitted. */
  entered: number;
  /** Label values folded into this group (only for the `other` group). */
  members: string[];
}

export interface FlowLink {
  from: OrderState;
  to: OrderState;
  value: number;
  byGroup: Map<string, number>;
}

export interface FlowNode {
  state: OrderState;
  inflow: number;
  outflow: number;
  inByGroup: Map<string, number>;
  outByGroup: Map<string, number>;
}

export interface FlowModel {
  measure: FlowMeasure;
  groupBy: FlowGroupBy;
  groups: FlowGroup[];
  nodes: FlowNode[];
  links: FlowLink[];
  /** Everything that entered at submitted. */
  entered: number;
  /** Counter disagreements and transitions the lifecycle does not allow (left out of the diagram). */
  problems: string[];
}

export interface FlowInput {
  transitions: readonly Sample[];
  /** trading_orders_submitted_total (count) or trading_order_quantity_requested_total (quantity). */
  entered: readonly Sample[];
  /** trading_orders_completed_total{final_status}, checked against the final states' inflow (count only). */
  completed?: readonly Sample[];
  /**
   * Per group and final_status, the fewest samples in the range of a completion series that started inside it
   * (query completed_samples): the check's leeway for increase()'s start extrapolation (see finalLeeway).
   */
  completedSamples?: readonly Sample[];
  measure: FlowMeasure;
  groupBy: FlowGroupBy;
  /** At most this many groups are drawn; the smallest fold into `other`. */
  maxGroups: number;
}

const isState = (s: string): s is OrderState => (STATES as readonly string[]).includes(s);

/** Allowed by the lifecycle: forward in the diagram's columns, never into submitted, never out of a final. */
export function isAllowedTransition(from: OrderState, to: OrderState): boolean {
  return from !== to && !FINAL_STATES.includes(from) && STATE_COLUMN[to] > STATE_COLUMN[from];
}

/**
 * Increase() extrapolates at the range edges, so counters of the same events agree only to a tolerance: 1 % (or
 * half an order), plus `leeway` for series that started inside the range.
 */
export function agrees(a: number, b: number, leeway = 0): boolean {
  return Math.abs(a - b) <= Math.max(0.5, 0.01 * Math.max(Math.abs(a), Math.abs(b))) + leeway;
}

/**
 * How far increase() can set the final states' inflow and completions apart where their series started inside the
 * range. The exporter writes both in one call, so they balance scrape by scrape; but increase() extrapolates a
 * series back towards the range's start by up to 1.1 × its mean sample interval (Prometheus' extrapolatedRate,
 * which also stops where the counter would reach zero), which adds up to 1.1 / (n − 1) of its increase over n
 * samples, and by a share of its own for each series: the inflow, split over up to three from_states, and the one
 * completion series can differ by that much. A series already there at the range's start gets an extrapolation
 * proportional to its increase, alike for all, so it has no leeway (and no completed_samples sample).
 */
export function finalLeeway(completed: readonly Sample[], samples: readonly Sample[]): Map<string, number> {
  const key = (l: Sample['labels']) =>
    ['venue', 'strategy', 'symbol', 'final_status'].map((d) => labelOf(l, d)).join('\u0000');
  const fewest = new Map<string, number>();
  for (const s of samples) {
    if (s.value >= 2) {
      const k = key(s.labels);
      fewest.set(k, Math.min(fewest.get(k) ?? Infinity, s.value));
    }
  }
  const out = new Map<string, number>();
  for (const s of completed) {
    const n = fewest.get(key(s.labels));
    if (n !== undefined && s.value > 0) {
      add(out, labelOf(s.labels, 'final_status'), (1.1 * s.value) / (n - 1));
    }
  }
  return out;
}

function add(map: Map<string, number>, key: string, v: number) {
  map.set(key, (map.get(key) ?? 0) + v);
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

/** Ranks groups by what entered (then by transitions out of submitted) and folds the tail into `other`. */
function rankGroups(
  entered: Map<string, number>,
  leaving: Map<string, number>,
  maxGroups: number,
): { groups: FlowGroup[]; groupOf: (v: string) => string } {
  const names = new Set([...entered.keys(), ...leaving.keys()]);
  const ranked = [...names]
    .map((name) => ({ name, entered: entered.get(name) ?? 0, leaving: leaving.get(name) ?? 0 }))
    .sort((a, b) => b.entered - a.entered || b.leaving - a.leaving || a.name.localeCompare(b.name));
  const limit = Math.max(1, Math.floor(maxGroups));
  if (ranked.length <= limit) {
    return {
      groups: ranked.map((g) => ({ name: g.name, entered: g.entered, members: [] })),
      groupOf: (v) => v,
    };
  }
  const kept = ranked.slice(0, limit - 1);
  const folded = ranked.slice(limit - 1);
  const keptNames = new Set(kept.map((g) => g.name));
  return {
    groups: [
      ...kept.map((g) => ({ name: g.name, entered: g.entered, members: [] })),
      {
        name: OTHER_GROUP,
        entered: folded.reduce((s, g) => s + g.entered, 0),
        members: folded.map((g) => g.name),
      },
    ],
    groupOf: (v) => (keptNames.has(v) ? v : OTHER_GROUP),
  };
}

/** Builds the flow; see the file comment. */
export function buildFlow(input: FlowInput): FlowModel {
  const problems: string[] = [];
  const groupLabel = (s: Sample) => labelOf(s.labels, input.groupBy);

  const enteredBy = new Map<string, number>();
  for (const s of input.entered) {
    if (!Number.isNaN(s.value)) {
      add(enteredBy, groupLabel(s), s.value);
    }
  }
  const leavingBy = new Map<string, number>();
  const unknown = new Map<string, number>();
  const refused = new Map<string, number>();
  const valid: Array<{ from: OrderState; to: OrderState; group: string; value: number }> = [];
  for (const s of input.transitions) {
    if (Number.isNaN(s.value) || s.value === 0) {
      continue;
    }
    const from = labelOf(s.labels, 'from_state');
    const to = labelOf(s.labels, 'to_state');
    if (!isState(from) || !isState(to)) {
      add(unknown, `${from || '(none)'} → ${to || '(none)'}`, s.value);
      continue;
    }
    if (!isAllowedTransition(from, to)) {
      add(refused, `${from} → ${to}`, s.value);
      continue;
    }
    valid.push({ from, to, group: groupLabel(s), value: s.value });
    if (from === 'submitted') {
      add(leavingBy, groupLabel(s), s.value);
    }
  }
  for (const [t, v] of unknown) {
    problems.push(`Unknown order state in transition ${t} (${fmt(v)}); left out of the flow`);
  }
  for (const [t, v] of refused) {
    problems.push(`Transition ${t} (${fmt(v)}) is not part of the order lifecycle; left out of the flow`);
  }

  const { groups, groupOf } = rankGroups(enteredBy, leavingBy, input.maxGroups);
  const linkKey = (from: string, to: string) => `${from}\u0000${to}`;
  const links = new Map<string, FlowLink>();
  const nodes = new Map<OrderState, FlowNode>();
  const node = (state: OrderState) => {
    let n = nodes.get(state);
    if (!n) {
      nodes.set(state, (n = { state, inflow: 0, outflow: 0, inByGroup: new Map(), outByGroup: new Map() }));
    }
    return n;
  };
  for (const [name, v] of enteredBy) {
    const n = node('submitted');
    n.inflow += v;
    add(n.inByGroup, groupOf(name), v);
  }
  for (const t of valid) {
    const group = groupOf(t.group);
    let link = links.get(linkKey(t.from, t.to));
    if (!link) {
      links.set(linkKey(t.from, t.to), (link = { from: t.from, to: t.to, value: 0, byGroup: new Map() }));
    }
    link.value += t.value;
    add(link.byGroup, group, t.value);
    const src = node(t.from);
    src.outflow += t.value;
    add(src.outByGroup, group, t.value);
    const dst = node(t.to);
    dst.inflow += t.value;
    add(dst.inByGroup, group, t.value);
  }

  if (input.measure === 'count' && input.completed) {
    checkFinals(nodes, input.completed, finalLeeway(input.completed, input.completedSamples ?? []), problems);
  }
  return {
    measure: input.measure,
    groupBy: input.groupBy,
    groups,
    nodes: STATES.filter((s) => nodes.has(s)).map((s) => nodes.get(s)!),
    links: [...links.values()].sort(
      (a, b) =>
        STATES.indexOf(a.from) - STATES.indexOf(b.from) || STATES.indexOf(a.to) - STATES.indexOf(b.to),
    ),
    entered: [...enteredBy.values()].reduce((s, v) => s + v, 0),
    problems,
  };
}

/** Each final state's inflow must equal the completions counted with that final_status. */
function checkFinals(
  nodes: Map<OrderState, FlowNode>,
  completed: readonly Sample[],
  leeway: Map<string, number>,
  problems: string[],
) {
  const byStatus = new Map<string, number>();
  for (const s of completed) {
    if (!Number.isNaN(s.value)) {
      add(byStatus, labelOf(s.labels, 'final_status'), s.value);
    }
  }
  for (const state of FINAL_STATES) {
    const flowed = nodes.get(state)?.inflow ?? 0;
    const counted = byStatus.get(state) ?? 0;
    if (!agrees(flowed, counted, leeway.get(state) ?? 0)) {
      problems.push(
        `The flow does not balance at ${state}: transitions bring ${fmt(flowed)}, ` +
          `trading_orders_completed_total{final_status="${state}"} counts ${fmt(counted)}`,
      );
    }
  }
}

/** Orders still in a state at the end of the range (> 0) or already in it at the start (< 0). */
export function residual(node: FlowNode): number {
  return node.inflow - node.outflow;
}
