// What the operator clicked (a venue, a strategy, a symbol) narrows every part of the panel.
import type { Labels, Sample } from './frames';

export const FILTER_DIMENSIONS = ['venue', 'strategy', 'symbol'] as const;
export type Dimension = (typeof FILTER_DIMENSIONS)[number];
export type Selection = Partial<Record<Dimension, string>>;

export interface Filtered {
  samples: Sample[];
  /** Dimensions of the selection these series do not carry (e.g. markouts have no strategy): not applied. */
  notApplied: Dimension[];
}

function active(selection: Selection): Array<[Dimension, string]> {
  return FILTER_DIMENSIONS.filter((d) => selection[d] !== undefined).map((d) => [d, selection[d]!]);
}

/**
 * Keeps the samples that match every selected dimension. A dimension no sample carries cannot be applied
 * (the query does not break the series down by it); it is reported instead of emptying the view.
 */
export function applySelection(samples: readonly Sample[], selection: Selection): Filtered {
  const wanted = active(selection);
  const notApplied = wanted
    .filter(([d]) => samples.length > 0 && samples.every((s) => s.labels[d] === undefined))
    .map(([d]) => d);
  const applied = wanted.filter(([d]) => !notApplied.includes(d));
  return {
    samples:
      applied.length === 0
        ? [...samples]
        : samples.filter((s) => applied.every(([d, v]) => labelOf(s.labels, d) === v)),
    notApplied,
  };
}

/** The same selection with one dimension toggled: clicking the selected value again clears it. */
export function toggle(selection: Selection, dimension: Dimension, value: string): Selection {
  const next = { ...selection };
  if (next[dimension] === value) {
    delete next[dimension];
  } else {
    next[dimension] = value;
  }
  return next;
}

/** A label value, or the placeholder for series without that label. */
export function labelOf(labels: Labels, name: string): string {
  return labels[name] ?? '';
}

/** Sums sample values by a key built from their labels. */
export function sumBy(samples: readonly Sample[], key: (l: Labels) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samples) {
    if (Number.isNaN(s.value)) {
      continue;
    }
    const k = key(s.labels);
    out.set(k, (out.get(k) ?? 0) + s.value);
  }
  return out;
}
