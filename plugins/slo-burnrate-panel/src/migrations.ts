import type { PanelMigrationHandler } from '@grafana/data';

import { DEFAULT_OPTIONS } from './defaults';
import { OPTIONS_VERSION, type Layout, type SloPanelOptions } from './types';

const LAYOUTS: Layout[] = ['cards', 'table', 'compact'];

/**
 * Upgrades saved options of any earlier version (and the unversioned options of the scaffold) to the current
 * shape: missing keys get defaults, an objective saved as a percentage (99.5) becomes a ratio, unknown layouts
 * fall back to cards. Never throws: a dashboard must open even with damaged options.
 */
export function migrateOptions(
  saved: Partial<SloPanelOptions> & Record<string, unknown> = {},
): SloPanelOptions {
  const out: SloPanelOptions = {
    ...DEFAULT_OPTIONS,
    ...saved,
    burnFactors: { ...DEFAULT_OPTIONS.burnFactors, ...(saved.burnFactors ?? {}) },
    colors: { ...DEFAULT_OPTIONS.colors, ...(saved.colors ?? {}) },
    version: OPTIONS_VERSION,
  };
  if (typeof out.objective !== 'number' || !(out.objective > 0)) {
    out.objective = DEFAULT_OPTIONS.objective;
  } else if (out.objective >= 1 && out.objective < 100) {
    out.objective = out.objective / 100;
  }
  if (!LAYOUTS.includes(out.layout)) {
    out.layout = 'cards';
  }
  // Keys of the create-plugin scaffold that never had a meaning here.
  for (const legacy of ['text', 'showSeriesCount', 'seriesCountSize']) {
    delete (out as unknown as Record<string, unknown>)[legacy];
  }
  return out;
}

export const migrationHandler: PanelMigrationHandler<SloPanelOptions> = (panel) =>
  migrateOptions(panel.options as Partial<SloPanelOptions> & Record<string, unknown>);

/** Grafana calls the handler on version change; we also migrate whenever the saved version is behind. */
export function shouldMigrate(panel: { options?: { version?: number } }): boolean {
  return (panel.options?.version ?? 0) < OPTIONS_VERSION;
}
