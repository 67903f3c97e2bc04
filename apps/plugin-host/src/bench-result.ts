// What the host page's first-render benchmark leaves in window.__vigilBench, read by bench/ through Playwright.
export interface BenchResult {
  points: number;
  /** Canvases the plugin panel drew in its last round (proves it rendered charts, not an error box). */
  panelCanvases: number;
  panelMs: number[];
  timeSeriesMs: number[];
  panelMedianMs: number;
  timeSeriesMedianMs: number;
}

/** What the host page's trade-flow first-render benchmark leaves in window.__vigilBench. */
export interface TradeflowBenchResult {
  frames: number;
  /** What the panel drew in its last round: canvases, venue rows of the scorecard and of the latency table. */
  panelCanvases: number;
  scorecardRows: number;
  latencyRows: number;
  panelMs: number[];
  barsMs: number[];
  timeSeriesMs: number[];
  panelMedianMs: number;
  barsMedianMs: number;
  /** The same bars without applyFieldOverrides: the least work that draws them. */
  barsRawMs: number[];
  barsRawMedianMs: number;
  timeSeriesMedianMs: number;
}
