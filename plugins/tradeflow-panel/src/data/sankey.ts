// Geometry of the flow diagram: a column of groups (venues, strategies or symbols) feeding `submitted`, then
// the order states by lifecycle depth. Every link is drawn as one band per group, so a venue's share of each
// branch keeps its colour all the way to the final state. Heights are proportional to the values with one
// scale for the whole diagram; there is no minimum height, so widths stay exact.
import { STATE_COLUMN, STATES, type FlowModel, type OrderState } from './flow';

export interface LaidNode {
  id: string;
  kind: 'group' | 'state';
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
  inflow: number;
  outflow: number;
}

export interface LaidBand {
  from: string;
  to: string;
  group: string;
  value: number;
  thickness: number;
  /** SVG path of the band (a ribbon between two cubic curves). */
  path: string;
}

export interface SankeyLayout {
  nodes: LaidNode[];
  bands: LaidBand[];
  /** Pixels per unit (order or quantity). */
  scale: number;
}

export interface SankeySize {
  width: number;
  height: number;
  nodeWidth: number;
  gap: number;
  /** Room left of the first column and right of the last, for labels. */
  marginLeft: number;
  marginRight: number;
}

export const groupNodeId = (name: string) => `group:${name}`;
export const stateNodeId = (state: OrderState) => `state:${state}`;

function ribbon(x0: number, y0: number, x1: number, y1: number, t: number): string {
  const xm = (x0 + x1) / 2;
  const r = (v: number) => Math.round(v * 100) / 100;
  return (
    `M${r(x0)},${r(y0)}C${r(xm)},${r(y0)} ${r(xm)},${r(y1)} ${r(x1)},${r(y1)}` +
    `L${r(x1)},${r(y1 + t)}C${r(xm)},${r(y1 + t)} ${r(xm)},${r(y0 + t)} ${r(x0)},${r(y0 + t)}Z`
  );
}

/** Lays the flow out in the given box; an empty flow gives an empty layout. */
export function layoutSankey(flow: FlowModel, size: SankeySize): SankeyLayout {
  const groups = flow.groups.filter(
    (g) => g.entered > 0 || flow.links.some((l) => (l.byGroup.get(g.name) ?? 0) > 0),
  );
  // A column's nodes before placement: a node's size is max(inflow, outflow).
  type Pending = Pick<LaidNode, 'id' | 'kind' | 'name' | 'inflow' | 'outflow'>;
  const columns = new Map<number, Pending[]>();
  const put = (col: number, item: Pending) => columns.set(col, [...(columns.get(col) ?? []), item]);
  for (const g of groups) {
    put(0, { id: groupNodeId(g.name), kind: 'group', name: g.name, inflow: g.entered, outflow: g.entered });
  }
  for (const n of flow.nodes) {
    put(STATE_COLUMN[n.state] + 1, {
      id: stateNodeId(n.state),
      kind: 'state',
      name: n.state,
      inflow: n.inflow,
      outflow: n.outflow,
    });
  }
  const sizeOf = (n: Pending) => Math.max(n.inflow, n.outflow);
  const present = [...columns.keys()].sort((a, b) => a - b);
  const total = (col: number) => columns.get(col)!.reduce((s, n) => s + sizeOf(n), 0);
  let scale = Infinity;
  for (const col of present) {
    const items = columns.get(col)!;
    const room = size.height - size.gap * (items.length - 1);
    if (total(col) > 0) {
      scale = Math.min(scale, Math.max(0, room) / total(col));
    }
  }
  if (!Number.isFinite(scale)) {
    return { nodes: [], bands: [], scale: 0 };
  }
  const span = size.width - size.marginLeft - size.marginRight - size.nodeWidth;
  const step = present.length > 1 ? span / (present.length - 1) : 0;
  const nodes: LaidNode[] = [];
  present.forEach((col, i) => {
    let y = 0;
    for (const item of columns.get(col)!) {
      const h = sizeOf(item) * scale;
      nodes.push({ ...item, x: size.marginLeft + i * step, y, w: size.nodeWidth, h });
      y += h + size.gap;
    }
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const outY = new Map(nodes.map((n) => [n.id, n.y]));
  const inY = new Map(nodes.map((n) => [n.id, n.y]));
  const bands: LaidBand[] = [];
  const band = (from: string, to: string, group: string, value: number) => {
    const a = byId.get(from);
    const b = byId.get(to);
    if (!a || !b || !(value > 0)) {
      return;
    }
    const t = value * scale;
    const sy = outY.get(from)!;
    const ty = inY.get(to)!;
    outY.set(from, sy + t);
    inY.set(to, ty + t);
    bands.push({ from, to, group, value, thickness: t, path: ribbon(a.x + a.w, sy, b.x, ty, t) });
  };
  // Group → submitted first, so the submitted node's in-side is stacked in group order.
  const submitted = flow.nodes.find((n) => n.state === 'submitted');
  for (const g of groups) {
    band(groupNodeId(g.name), stateNodeId('submitted'), g.name, submitted?.inByGroup.get(g.name) ?? 0);
  }
  const order = (s: OrderState) => STATES.indexOf(s);
  const links = [...flow.links].sort((x, y) => order(x.from) - order(y.from) || order(x.to) - order(y.to));
  for (const link of links) {
    for (const g of groups) {
      band(stateNodeId(link.from), stateNodeId(link.to), g.name, link.byGroup.get(g.name) ?? 0);
    }
  }
  return { nodes, bands, scale };
}
