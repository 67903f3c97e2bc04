// Test ids shared by Jest and the Playwright tests of the plugin host page.
export const testIds = {
  panel: 'vigil-tradeflow-panel',
  noData: 'vigil-tradeflow-no-data',
  problems: 'vigil-tradeflow-problems',
  missing: (section: string) => `vigil-tradeflow-missing-${section}`,
  filters: 'vigil-tradeflow-filters',
  filterChip: (dimension: string) => `vigil-tradeflow-filter-${dimension}`,
  flow: 'vigil-tradeflow-flow',
  flowNode: (id: string) => `vigil-tradeflow-flow-node-${id}`,
  flowBand: (from: string, to: string, group: string) => `vigil-tradeflow-flow-band-${from}-${to}-${group}`,
  flowHover: 'vigil-tradeflow-flow-hover',
  slippage: 'vigil-tradeflow-slippage',
  slippageStats: 'vigil-tradeflow-slippage-stats',
  latency: 'vigil-tradeflow-latency',
  /** A venue's row; without a venue, the row over all venues. */
  latencyRow: (venue?: string) =>
    venue === undefined ? 'vigil-tradeflow-latency-all' : `vigil-tradeflow-latency-venue-${venue}`,
  rejects: 'vigil-tradeflow-rejects',
  rejectReason: (reason: string) => `vigil-tradeflow-reject-${reason}`,
  scorecard: 'vigil-tradeflow-scorecard',
  scorecardRow: (venue: string) => `vigil-tradeflow-score-${venue}`,
  queries: 'vigil-tradeflow-queries',
} as const;
