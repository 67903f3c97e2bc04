import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React, { useMemo, useState } from 'react';

import {
  FINAL_STATES,
  OTHER_GROUP,
  residual,
  type FlowModel,
  type FlowNode,
  type OrderState,
} from '../data/flow';
import { layoutSankey, type LaidBand, type LaidNode } from '../data/sankey';
import type { Dimension } from '../data/selection';
import { formatCount, formatPercent, formatRate, stateName } from '../format';
import { testIds } from '../testIds';
import { groupColor, stateColor } from './colors';
import { activateButton } from './activate';

interface Props {
  flow: FlowModel;
  width: number;
  height: number;
  rangeSeconds: number;
  onSelect: (dimension: Dimension, value: string) => void;
}

type Hover = { x: number; y: number } & ({ band: LaidBand } | { node: LaidNode });

const MARGIN_LEFT = 110;
const MARGIN_RIGHT = 130;

/**
 * The order flow as a Sankey diagram, hand-drawn in SVG (no @grafana/ui component draws flows): groups on the
 * left feed `submitted`, every band keeps its group's colour to the final state. Hover a band or a node for
 * its numbers and rates; click a group (or one of its bands) to filter the panel by it.
 */
export function FlowDiagram({ flow, width, height, rangeSeconds, onSelect }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const [hover, setHover] = useState<Hover | null>(null);
  const layout = useMemo(
    () =>
      layoutSankey(flow, {
        width,
        height: Math.max(40, height - 8),
        nodeWidth: 12,
        gap: 10,
        marginLeft: MARGIN_LEFT,
        marginRight: MARGIN_RIGHT,
      }),
    [flow, width, height],
  );
  const groupIndex = new Map(flow.groups.map((g, i) => [g.name, i]));
  const stateNode = new Map(flow.nodes.map((n) => [n.state, n]));
  const unit = flow.measure === 'count' ? 'orders' : 'quantity';
  const entered = new Map(flow.groups.map((g) => [g.name, g.entered]));
  const select = (group: string) => {
    if (group !== OTHER_GROUP) {
      onSelect(flow.groupBy, group);
    }
  };
  const track = (e: React.MouseEvent, target: { band: LaidBand } | { node: LaidNode }) => {
    const box = (e.currentTarget as SVGElement).ownerSVGElement?.getBoundingClientRect();
    setHover({ ...target, x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) });
  };

  if (layout.nodes.length === 0) {
    return <div className={styles.empty}>No orders moved in this time range.</div>;
  }
  return (
    <div
      className={styles.wrap}
      data-testid={testIds.flow}
      data-measure={flow.measure}
      data-group-by={flow.groupBy}
    >
      <svg width={width} height={height} role="img" aria-label={`Order flow by ${flow.groupBy}`}>
        {layout.bands.map((b) => {
          const from = b.from.replace(/^\w+:/, '');
          const to = b.to.replace(/^\w+:/, '');
          const active = hover && 'band' in hover && hover.band === b;
          return (
            <path
              key={`${b.from}-${b.to}-${b.group}`}
              d={b.path}
              fill={groupColor(theme, b.group, groupIndex.get(b.group) ?? 0)}
              fillOpacity={active ? 0.85 : 0.45}
              className={b.group === OTHER_GROUP ? undefined : styles.clickable}
              data-testid={testIds.flowBand(from, to, b.group)}
              data-value={b.value}
              data-thickness={b.thickness}
              onMouseMove={(e) => track(e, { band: b })}
              onMouseLeave={() => setHover(null)}
              onClick={() => select(b.group)}
            />
          );
        })}
        {layout.nodes.map((n) => {
          const isGroup = n.kind === 'group';
          const fill = isGroup
            ? groupColor(theme, n.name, groupIndex.get(n.name) ?? 0)
            : stateColor(theme, n.name as OrderState);
          const labelLeft = isGroup;
          return (
            <g
              key={n.id}
              data-testid={testIds.flowNode(n.id)}
              data-inflow={n.inflow}
              data-outflow={n.outflow}
              className={isGroup && n.name !== OTHER_GROUP ? styles.clickable : undefined}
              onMouseMove={(e) => track(e, { node: n })}
              onMouseLeave={() => setHover(null)}
              {...(isGroup && n.name !== OTHER_GROUP
                ? activateButton(() => select(n.name), `filter the panel by ${n.name || '(none)'}`)
                : {})}
            >
              <rect x={n.x} y={n.y} width={n.w} height={Math.max(n.h, 1)} fill={fill} />
              <text
                x={labelLeft ? n.x - 6 : n.x + n.w + 6}
                y={n.y + Math.max(n.h, 1) / 2}
                dy="0.35em"
                textAnchor={labelLeft ? 'end' : 'start'}
                className={styles.label}
              >
                {isGroup ? n.name || '(none)' : stateName(n.name)}{' '}
                {formatCount(Math.max(n.inflow, n.outflow))}
              </text>
            </g>
          );
        })}
      </svg>
      {hover && (
        <div
          className={styles.hover}
          style={{ left: Math.min(hover.x + 12, Math.max(0, width - 260)), top: hover.y + 12 }}
          data-testid={testIds.flowHover}
        >
          {'band' in hover ? (
            <BandHover
              band={hover.band}
              unit={unit}
              groupBy={flow.groupBy}
              entered={entered.get(hover.band.group)}
              rangeSeconds={rangeSeconds}
            />
          ) : (
            <NodeHover
              node={hover.node}
              state={stateNode.get(hover.node.name as OrderState)}
              unit={unit}
              rangeSeconds={rangeSeconds}
            />
          )}
        </div>
      )}
    </div>
  );
}

function BandHover(props: {
  band: LaidBand;
  unit: string;
  groupBy: string;
  entered?: number;
  rangeSeconds: number;
}) {
  const { band, unit, groupBy, entered, rangeSeconds } = props;
  const from = band.from.replace(/^\w+:/, '');
  const to = band.to.replace(/^\w+:/, '');
  return (
    <>
      <div>
        <strong>{band.group || '(none)'}</strong> ({groupBy})
      </div>
      <div>
        {stateName(from)} → {stateName(to)}: {formatCount(band.value)} {unit},{' '}
        {formatRate(band.value, rangeSeconds)}
      </div>
      {entered !== undefined && entered > 0 && (
        <div>
          {formatPercent(band.value / entered)} of what entered from this {groupBy}
        </div>
      )}
    </>
  );
}

function NodeHover(props: { node: LaidNode; state?: FlowNode; unit: string; rangeSeconds: number }) {
  const { node, state, unit, rangeSeconds } = props;
  if (node.kind === 'group' || !state) {
    return (
      <>
        <strong>{node.name || '(none)'}</strong>: {formatCount(node.inflow)} {unit} submitted,{' '}
        {formatRate(node.inflow, rangeSeconds)}
      </>
    );
  }
  const rest = residual(state);
  const final = FINAL_STATES.includes(state.state);
  return (
    <>
      <div>
        <strong>{stateName(state.state)}</strong>: in {formatCount(state.inflow)} (
        {formatRate(state.inflow, rangeSeconds)}){!final && <>, out {formatCount(state.outflow)}</>}
      </div>
      {!final && rest > 0 && (
        <div>
          {formatCount(rest)} still {stateName(state.state)} at the end of the range
        </div>
      )}
      {!final && rest < 0 && (
        <div>
          {formatCount(-rest)} were already {stateName(state.state)} when the range began
        </div>
      )}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ position: 'relative' }),
  clickable: css({ cursor: 'pointer' }),
  label: css({
    fill: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
    paintOrder: 'stroke',
    stroke: theme.colors.background.primary,
    strokeWidth: 3,
    pointerEvents: 'none',
  }),
  hover: css({
    position: 'absolute',
    zIndex: 1,
    maxWidth: 260,
    pointerEvents: 'none',
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    padding: theme.spacing(0.5, 1),
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  empty: css({ color: theme.colors.text.secondary, padding: theme.spacing(1) }),
});
