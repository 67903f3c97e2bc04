import type { RawKind, SliMode } from './data/model';
import type { BurnFactors } from './slo/condition';

/** Bumped whenever the saved options change shape; `migrations.ts` upgrades older saved options. */
export const OPTIONS_VERSION = 1;

export type Layout = 'cards' | 'table' | 'compact';

export interface SeverityColors {
  page: string;
  ticket: string;
  ok: string;
}

export interface SloPanelOptions {
  version: number;
  layout: Layout;
  /** `auto`: series of the SLO contract are read as recorded, anything else as a raw SLI ratio. */
  sliMode: SliMode;
  rawKind: RawKind;
  /** Used when the data carries no `slo:objective:ratio` (raw SLI queries). */
  objective: number;
  /** Used when the data carries no `slo:window:seconds`. */
  window: string;
  burnFactors: BurnFactors;
  showChart: boolean;
  /** Theme colour names (resolved with theme.visualization.getColorByName). */
  colors: SeverityColors;
  /** Extra label matchers for the suggested queries, e.g. service="checkout". */
  selector: string;
}
