// Small builders for the metric families collectors return at scrape time.
import type { Labels, MetricFamily, Sample } from '@vigil/exporter-kit';

export function gauge(name: string, help: string, samples: Sample[] = []): MetricFamily {
  return { name, help, type: 'gauge', samples };
}

export function counter(name: string, help: string, samples: Sample[] = []): MetricFamily {
  return { name, help, type: 'counter', samples };
}

export function sample(value: number, labels?: Labels): Sample {
  return labels ? { value, labels } : { value };
}

/** Families with at least one sample, so a collector never prints a HELP line for nothing. */
export function nonEmpty(families: MetricFamily[]): MetricFamily[] {
  return families.filter((f) => f.samples.length > 0);
}

/** One sample per item labelled `label`=name, skipping items whose value is undefined (not measured yet). */
export function samplesBy<T>(
  items: T[],
  label: string,
  nameOf: (item: T) => string,
  value: (item: T) => number | undefined,
): Sample[] {
  const out: Sample[] = [];
  for (const item of items) {
    const v = value(item);
    if (v !== undefined) out.push({ labels: { [label]: nameOf(item) }, value: v });
  }
  return out;
}
