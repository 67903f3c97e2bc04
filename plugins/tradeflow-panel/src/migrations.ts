import type { PanelMigrationHandler } from '@grafana/data';

import { DEFAULT_OPTIONS } from './defaults';
import { SECTIONS, OPTIONS_VERSION, type TradeFlowOptions } from './types';

type Saved = Partial<TradeFlowOptions> & Record<string, unknown>;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function record<T>(value: unknown, fallback: T): T {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? { ...fallback, ...value }
    : { ...fallback };
}

/**
 * Upgrades saved options of any earlier version (and the unversioned options of the create-plugin scaffold)
 * to the current shape: missing or malformed keys get their defaults, enumerations out of range are reset,
 * percentiles saved as a list become the text the editor shows. Never throws: a dashboard must open even
 * with damaged options.
 */
export function migrateOptions(input?: unknown): TradeFlowOptions {
  const saved: Saved = input && typeof input === 'object' && !Array.isArray(input) ? (input as Saved) : {};
  const d = DEFAULT_OPTIONS;
  const sections = record(saved.sections, d.sections);
  for (const s of SECTIONS) {
    sections[s] = typeof sections[s] === 'boolean' ? sections[s] : d.sections[s];
  }
  const variables = record(saved.variables, d.variables);
  for (const key of Object.keys(d.variables) as Array<keyof typeof d.variables>) {
    variables[key] =
      typeof variables[key] === 'string' ? variables[key].trim().replace(/^\$/, '') : d.variables[key];
  }
  const maxGroups = Number(saved.maxGroups);
  const percentiles: unknown = saved.latencyPercentiles;
  return {
    version: OPTIONS_VERSION,
    selector: typeof saved.selector === 'string' ? saved.selector : d.selector,
    sections,
    flowGroupBy: oneOf(saved.flowGroupBy, ['venue', 'strategy', 'symbol'], d.flowGroupBy),
    flowMeasure: oneOf(saved.flowMeasure, ['count', 'quantity'], d.flowMeasure),
    maxGroups:
      Number.isFinite(maxGroups) && maxGroups >= 1 ? Math.min(Math.floor(maxGroups), 50) : d.maxGroups,
    latencyPercentiles: Array.isArray(percentiles)
      ? percentiles.join(', ')
      : typeof percentiles === 'string' && percentiles.trim()
        ? percentiles
        : d.latencyPercentiles,
    rankBy: oneOf(saved.rankBy, ['markout', 'slippage', 'shortfall', 'rejectRate', 'fillRatio'], d.rankBy),
    markoutHorizon:
      typeof saved.markoutHorizon === 'string' && saved.markoutHorizon
        ? saved.markoutHorizon
        : d.markoutHorizon,
    benchmark: oneOf(saved.benchmark, ['decision', 'arrival'], d.benchmark),
    variables,
  };
}

export const migrationHandler: PanelMigrationHandler<TradeFlowOptions> = (panel) =>
  migrateOptions(panel.options);

/** Grafana calls the handler on a plugin version change; we also migrate whenever the saved version is behind. */
export function shouldMigrate(panel: { options?: { version?: number } }): boolean {
  return (panel.options?.version ?? 0) < OPTIONS_VERSION;
}
