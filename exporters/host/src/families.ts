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
