// PromQL builders for the SLI kinds. Each returns an error ratio per window and, for counter SLIs, event counts.
import type { SliQueries } from './types.js';

/** Vigil `events`: selectors of two counters, bad events and all events. */
export function counterRatioSli(errors: string, total: string): SliQueries {
  const rate = (sel: string, w: string) => `sum(rate(${sel}[${w}]))`;
  const increase = (sel: string, w: string) => `sum(increase(${sel}[${w}]))`;
  return {
    // `or on() vector(0)`: a counter of bad events that has never been incremented may not exist yet.
    errorRatio: (w) => `(${rate(errors, w)} or on() vector(0))\n/\n${rate(total, w)}`,
    events: {
      errors: (w) => `${increase(errors, w)} or on() vector(0)`,
      total: (w) => increase(total, w),
    },
  };
}

/** Vigil `latency`: the share of a histogram's observations above a bucket boundary. */
export function histogramLatencySli(metric: string, selector: string, threshold: number): SliQueries {
  const matchers = selector.trim();
  const count = `${metric}_count${matchers ? `{${matchers}}` : ''}`;
  const fast = `${metric}_bucket{${matchers ? `${matchers}, ` : ''}le="${formatLe(threshold)}"}`;
  const diff = (fn: string, w: string) => `(sum(${fn}(${count}[${w}])) - sum(${fn}(${fast}[${w}])))`;
  return {
    errorRatio: (w) => `${diff('rate', w)}\n/\nsum(rate(${count}[${w}]))`,
    events: {
      errors: (w) => diff('increase', w),
      total: (w) => `sum(increase(${count}[${w}]))`,
    },
  };
}

/** sloth `events`: two query templates with `{{.window}}`; parenthesised so `a or b` queries divide whole. */
export function templateRatioSli(errorQuery: string, totalQuery: string): SliQueries {
  return {
    errorRatio: (w) => `(${fillWindow(errorQuery, w)})\n/\n(${fillWindow(totalQuery, w)})`,
  };
}

/** sloth `raw`: a query template that already is an error ratio. */
export function rawRatioSli(errorRatioQuery: string): SliQueries {
  return { errorRatio: (w) => `(${fillWindow(errorRatioQuery, w)})` };
}

/** Replaces sloth's `{{.window}}` and Vigil's `{{window}}` (spaces allowed inside the braces). */
export function fillWindow(template: string, window: string): string {
  return template.trim().replace(/\{\{\s*\.?window\s*\}\}/g, window);
}

export function hasWindowPlaceholder(template: string): boolean {
  return /\{\{\s*\.?window\s*\}\}/.test(template);
}

/** Bucket boundaries as Prometheus client libraries print them: 0.2 → "0.2", 1 → "1". */
export function formatLe(n: number): string {
  return String(n);
}
