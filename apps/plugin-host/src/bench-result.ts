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
