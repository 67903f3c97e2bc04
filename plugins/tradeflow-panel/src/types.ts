import type { FlowGroupBy, FlowMeasure } from './data/flow';
import type { Benchmark, RankBy } from './data/scorecard';
import type { Dimension } from './data/selection';

/** Bumped whenever the saved options change shape; `migrations.ts` upgrades older saved options. */
export const OPTIONS_VERSION = 1;

export const SECTIONS = ['flow', 'slippage', 'latency', 'rejects', 'scorecard'] as const;
export type Section = (typeof SECTIONS)[number];

export interface TradeFlowOptions {
  version: number;
  /** Extra label matchers for the suggested queries, e.g. venue=~"$venue". */
  selector: string;
  /** Which parts of the panel are drawn. */
  sections: Record<Section, boolean>;
  /** The flow diagram's first column, and the colour of every band. */
  flowGroupBy: FlowGroupBy;
  /** Band widths proportional to orders or to requested quantity. */
  flowMeasure: FlowMeasure;
  /** Groups drawn in the flow before the smallest fold into "other". */
  maxGroups: number;
  /** Latency percentiles, e.g. "50, 95, 99". */
  latencyPercentiles: string;
  /** The scorecard's ranking, worst first. */
  rankBy: RankBy;
  /** Markout horizon used when ranking by markout, e.g. "5s". */
  markoutHorizon: string;
  /** Implementation shortfall benchmark shown in the scorecard. */
  benchmark: Benchmark;
  /** Dashboard variable set when a venue, strategy or symbol is clicked (empty: none). */
  variables: Record<Dimension, string>;
}
