import { scenarioSeries } from '../testdata/scenario';
import { buildFlow, type FlowModel } from './flow';
import { groupNodeId, layoutSankey, stateNodeId, type SankeySize } from './sankey';

const series = scenarioSeries();
const SIZE: SankeySize = {
  width: 900,
  height: 300,
  nodeWidth: 12,
  gap: 10,
  marginLeft: 100,
  marginRight: 120,
};

function flow(): FlowModel {
  return buildFlow({
    transitions: series.transitions.map((r) => ({ labels: r.labels, value: Number(r.value) })),
    entered: series.submitted.map((r) => ({ labels: r.labels, value: Number(r.value) })),
    measure: 'count',
    groupBy: 'venue',
    maxGroups: 8,
  });
}

describe('layoutSankey', () => {
  const f = flow();
  const layout = layoutSankey(f, SIZE);
  const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it('draws every band with one scale: thickness = value × scale, so widths are proportional', () => {
    expect(layout.scale).toBeGreaterThan(0);
    for (const b of layout.bands) {
      expect(b.thickness).toBeCloseTo(b.value * layout.scale, 9);
    }
    const rejectedKraken = layout.bands.find(
      (b) => b.to === stateNodeId('rejected') && b.group === 'kraken',
    )!;
    const rejectedBinance = layout.bands.find(
      (b) => b.to === stateNodeId('rejected') && b.group === 'binance',
    )!;
    expect(rejectedKraken.thickness / rejectedBinance.thickness).toBeCloseTo(15 / 5, 9);
  });

  it('sizes nodes by max(in, out) and fits the tallest column in the height', () => {
    for (const n of layout.nodes) {
      expect(n.h).toBeCloseTo(Math.max(n.inflow, n.outflow) * layout.scale, 9);
    }
    const columns = new Map<number, number>();
    for (const n of layout.nodes) {
      columns.set(n.x, Math.max(columns.get(n.x) ?? 0, n.y + n.h));
    }
    const bottoms = [...columns.values()];
    expect(Math.max(...bottoms)).toBeLessThanOrEqual(SIZE.height + 1e-9);
    expect(Math.max(...bottoms)).toBeGreaterThan(SIZE.height - 1);
  });

  it('puts groups, then submitted, acknowledged, partially filled and the finals in columns left to right', () => {
    const x = (id: string) => node(id).x;
    expect(x(groupNodeId('kraken'))).toBe(SIZE.marginLeft);
    expect(x(groupNodeId('kraken'))).toBeLessThan(x(stateNodeId('submitted')));
    expect(x(stateNodeId('submitted'))).toBeLessThan(x(stateNodeId('acknowledged')));
    expect(x(stateNodeId('acknowledged'))).toBeLessThan(x(stateNodeId('partially_filled')));
    expect(x(stateNodeId('partially_filled'))).toBeLessThan(x(stateNodeId('filled')));
    expect(x(stateNodeId('filled'))).toBe(SIZE.width - SIZE.marginRight - SIZE.nodeWidth);
    expect(
      new Set(['filled', 'canceled', 'rejected', 'expired'].map((s) => x(stateNodeId(s as never)))).size,
    ).toBe(1);
  });

  it('stacks the bands leaving and entering each node without overlap, inside the node', () => {
    for (const n of layout.nodes) {
      const sum = (list: typeof layout.bands) => list.reduce((s, b) => s + b.thickness, 0);
      const out = layout.bands.filter((b) => b.from === n.id);
      const into = layout.bands.filter((b) => b.to === n.id);
      expect(sum(out)).toBeCloseTo(n.outflow * layout.scale, 9);
      if (n.kind === 'state') {
        expect(sum(into)).toBeCloseTo(n.inflow * layout.scale, 9);
      }
      expect(sum(out)).toBeLessThanOrEqual(n.h + 1e-9);
    }
  });

  it('gives an empty layout for an empty flow', () => {
    const empty = buildFlow({
      transitions: [],
      entered: [],
      measure: 'count',
      groupBy: 'venue',
      maxGroups: 8,
    });
    expect(layoutSankey(empty, SIZE)).toEqual({ nodes: [], bands: [], scale: 0 });
  });
});
