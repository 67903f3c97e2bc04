import { ORDERS, scenarioSeries, scriptedTransitions } from '../testdata/scenario';
import type { Sample } from './frames';
import {
  agrees,
  buildFlow,
  FINAL_STATES,
  OTHER_GROUP,
  residual,
  type FlowInput,
  type FlowModel,
} from './flow';

const series = scenarioSeries();
const asSamples = (raw: typeof series.transitions): Sample[] =>
  raw.map((r) => ({ labels: r.labels, value: Number(r.value) }));

function flowOf(overrides: Partial<FlowInput> = {}): FlowModel {
  return buildFlow({
    transitions: asSamples(series.transitions),
    entered: asSamples(series.submitted),
    completed: asSamples(series.completed),
    measure: 'count',
    groupBy: 'venue',
    maxGroups: 8,
    ...overrides,
  });
}

/** Orders of ORDERS whose path ends in `state` (still there at the end of the range when not final). */
function endingIn(state: string, venue?: string): number {
  return ORDERS.filter((o) => (!venue || o.venue === venue) && o.path[o.path.length - 1] === state).reduce(
    (s, o) => s + o.orders,
    0,
  );
}

describe('buildFlow from the lifecycle counters', () => {
  it('carries every scripted transition, per venue, into the links', () => {
    const flow = flowOf();
    expect(flow.problems).toEqual([]);
    expect(flow.groups.map((g) => g.name)).toEqual(['kraken', 'binance', 'lmax']); // by orders submitted
    for (const venue of ['binance', 'kraken', 'lmax']) {
      const got = new Map(
        flow.links
          .filter((l) => l.byGroup.has(venue))
          .map((l) => [`${l.from}→${l.to}`, l.byGroup.get(venue)]),
      );
      expect(got).toEqual(scriptedTransitions(venue));
    }
    const totals = new Map(flow.links.map((l) => [`${l.from}→${l.to}`, l.value]));
    expect(totals).toEqual(scriptedTransitions());
  });

  it('conserves orders node by node: in − out is what is still in the state, finals match completions', () => {
    const flow = flowOf();
    const submitted = ORDERS.reduce((s, o) => s + o.orders, 0);
    expect(flow.entered).toBe(submitted);
    for (const node of flow.nodes) {
      if (FINAL_STATES.includes(node.state)) {
        expect(node.outflow).toBe(0);
        expect(node.inflow).toBe(endingIn(node.state));
      } else {
        expect(residual(node)).toBe(endingIn(node.state));
      }
      for (const venue of ['binance', 'kraken', 'lmax']) {
        const inV = node.inByGroup.get(venue) ?? 0;
        const outV = node.outByGroup.get(venue) ?? 0;
        expect(inV - outV).toBe(endingIn(node.state, venue));
      }
    }
    // The whole flow: what entered either reached a final state or is still open somewhere.
    const finals = flow.nodes.filter((n) => FINAL_STATES.includes(n.state)).reduce((s, n) => s + n.inflow, 0);
    const open = flow.nodes
      .filter((n) => !FINAL_STATES.includes(n.state))
      .reduce((s, n) => s + residual(n), 0);
    expect(finals + open).toBe(submitted);
    expect(open).toBe(5); // kraken's five orders still acknowledged
  });

  it('conserves quantity the same way (transition_quantity carries the requested quantity)', () => {
    const flow = flowOf({
      transitions: asSamples(series.transition_qty),
      entered: asSamples(series.requested_qty),
      completed: undefined,
      measure: 'quantity',
    });
    const requested = ORDERS.reduce((s, o) => s + o.orders * o.quantity, 0);
    expect(flow.entered).toBe(requested);
    const rejected = flow.nodes.find((n) => n.state === 'rejected')!;
    expect(rejected.inByGroup.get('kraken')).toBe(15 * 2);
    expect(rejected.inByGroup.get('binance')).toBe(5 * 1);
    const open = flow.nodes
      .filter((n) => !FINAL_STATES.includes(n.state))
      .reduce((s, n) => s + residual(n), 0);
    expect(open).toBe(5 * 2);
  });

  it('names a final state whose inflow disagrees with trading_orders_completed_total', () => {
    const completed = asSamples(series.completed).map((s) =>
      s.labels.final_status === 'rejected' && s.labels.venue === 'kraken' ? { ...s, value: s.value - 4 } : s,
    );
    const flow = flowOf({ completed });
    expect(flow.problems).toEqual([
      'The flow does not balance at rejected: transitions bring 20, trading_orders_completed_total{final_status="rejected"} counts 16',
    ]);
  });

  it('lets increase() extrapolation pass: counters of the same events agree within 1 %', () => {
    expect(agrees(200, 201.4)).toBe(true);
    expect(agrees(0.3, 0)).toBe(true);
    expect(agrees(200, 203)).toBe(false);
    const completed = asSamples(series.completed).map((s) => ({ ...s, value: s.value * 1.004 }));
    expect(flowOf({ completed }).problems).toEqual([]);
  });

  it('leaves out and names transitions with unknown states or outside the lifecycle', () => {
    const extra: Sample[] = [
      { labels: { venue: 'x', from_state: 'submitted', to_state: 'pending_new' }, value: 3 },
      { labels: { venue: 'x', from_state: 'filled', to_state: 'canceled' }, value: 2 },
      { labels: { venue: 'x', from_state: 'acknowledged', to_state: 'acknowledged' }, value: 1 },
      { labels: { venue: 'x', from_state: 'acknowledged', to_state: 'submitted' }, value: 1 },
    ];
    const flow = flowOf({ transitions: [...asSamples(series.transitions), ...extra], completed: undefined });
    expect(flow.problems).toEqual([
      'Unknown order state in transition submitted → pending_new (3); left out of the flow',
      'Transition filled → canceled (2) is not part of the order lifecycle; left out of the flow',
      'Transition acknowledged → acknowledged (1) is not part of the order lifecycle; left out of the flow',
      'Transition acknowledged → submitted (1) is not part of the order lifecycle; left out of the flow',
    ]);
    expect(flow.groups.map((g) => g.name)).not.toContain('x');
  });

  it('folds the smallest groups into "other" beyond maxGroups, keeping their flow', () => {
    const flow = flowOf({ groupBy: 'symbol', maxGroups: 2 });
    // BTC-USD: 70 orders, ETH-USD: 60, EUR-USD: 35.
    expect(flow.groups.map((g) => g.name)).toEqual(['BTC-USD', OTHER_GROUP]);
    expect(flow.groups[1].members).toEqual(['ETH-USD', 'EUR-USD']);
    const submittedOut = flow.nodes.find((n) => n.state === 'submitted')!;
    expect(submittedOut.inByGroup.get(OTHER_GROUP)).toBe(60 + 35);
    const expired = flow.nodes.find((n) => n.state === 'expired')!;
    expect([...expired.inByGroup]).toEqual([[OTHER_GROUP, 25]]);
    expect(submittedOut.inflow).toBe(flow.entered);
  });

  it('groups by strategy', () => {
    const flow = flowOf({ groupBy: 'strategy' });
    expect(flow.groups).toEqual([
      { name: 'momentum', entered: 40 + 10 + 5 + 15 + 5 + 25 + 10, members: [] },
      { name: 'market_making', entered: 5 + 20 + 30, members: [] },
    ]);
    const expired = flow.nodes.find((n) => n.state === 'expired')!;
    expect([...expired.inByGroup]).toEqual([['momentum', 25]]);
  });
});
