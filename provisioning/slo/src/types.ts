// The normalised SLO model both spec formats (Vigil's `vigil/v1` and sloth's `prometheus/v1`) load into.

/** The rolling windows the multiwindow multi-burn-rate alerts read (SRE workbook, chapter 5). */
export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];

export const SLO_PERIODS = { '30d': 30 * 86400, '28d': 28 * 86400 } as const;
export type SloPeriod = keyof typeof SLO_PERIODS;

/** How an SLI turns into PromQL. `window` is a Prometheus duration such as `5m` or `30d`. */
export interface SliQueries {
  /** Error ratio (bad / total events) over `window`. */
  errorRatio(window: string): string;
  /** Bad and total event counts over `window`, when the SLI is made of counters (absent for free-form queries). */
  events?: { errors(window: string): string; total(window: string): string };
}

export interface AlertSpec {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface SloModel {
  /** Unique id, `<service>-<name>`: the `slo` label on every generated series. */
  id: string;
  service: string;
  name: string;
  description: string;
  /** Objective in percent, e.g. 99.5. */
  objectivePercent: number;
  period: SloPeriod;
  /** Extra labels on every generated series (spec-level merged with SLO-level). */
  labels: Record<string, string>;
  sli: SliQueries;
  page?: AlertSpec;
  ticket?: AlertSpec;
  /** Where the SLO was defined, for messages and the generated file's header. */
  source: string;
}

/** A spec problem, naming the file, the SLO and the field at fault. */
export class SpecError extends Error {
  constructor(
    readonly file: string,
    readonly slo: string | undefined,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${slo ? `slo "${slo}": ` : ''}field "${field}": ${problem}`);
    this.name = 'SpecError';
  }
}
