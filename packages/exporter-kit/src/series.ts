// Labelled counters, gauges and histograms kept in plain maps and rendered at scrape time by a collector.
// Hot paths hold a child (one series) and update it with a field write, so ingest never hashes label sets
// per observation the way prom-client's observe(labels, v) does.
import type { Exemplar, Labels, MetricFamily, Sample } from './exposition.js';

export interface ValueChild {
  value: number;
}

export interface HistogramChild {
  /** Upper bounds shared by every series of the family. */
  bounds: readonly number[];
  /** Per-bucket (non-cumulative) counts; the last slot is +Inf. */
  counts: Float64Array;
  sum: number;
  count: number;
  /** Per-bucket exemplar (the last traced observation in it); allocated on the first traced observation. */
  exemplars?: (Exemplar | undefined)[];
}

interface Entry<C> {
  labels: Labels;
  child: C;
}

abstract class Vec<C> {
  protected readonly entries = new Map<string, Entry<C>>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  protected abstract make(): C;

  /** The series for these label values (in labelNames order), created on first use. */
  child(values: readonly string[]): C {
    const key = values.length === 1 ? values[0] : values.join('\u0000');
    let e = this.entries.get(key);
    if (!e) {
      if (values.length !== this.labelNames.length) {
        throw new Error(`${this.name}: expected ${this.labelNames.length} label values, got ${values.length}`);
      }
      const labels: Labels = {};
      this.labelNames.forEach((n, i) => (labels[n] = values[i]));
      // Frozen label sets are rendered once by the kit and reused on every scrape.
      e = { labels: Object.freeze(labels), child: this.make() };
      this.entries.set(key, e);
    }
    return e.child;
  }

  remove(values: readonly string[]): void {
    this.entries.delete(values.join('\u0000'));
  }

  /** Removes every series whose label `name` has this value (a venue that is no longer watched, say). */
  removeWhere(name: string, value: string): void {
    for (const [key, e] of this.entries) if (e.labels[name] === value) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Counters and gauges: one number per series, differing only in the declared type. */
abstract class ValueVec extends Vec<ValueChild> {
  protected abstract readonly type: 'counter' | 'gauge';

  protected make(): ValueChild {
    return { value: 0 };
  }

  family(): MetricFamily {
    const samples: Sample[] = [];
    for (const e of this.entries.values()) samples.push({ labels: e.labels, value: e.child.value });
    return { name: this.name, help: this.help, type: this.type, samples };
  }
}

export class CounterVec extends ValueVec {
  protected readonly type = 'counter';
}

export class GaugeVec extends ValueVec {
  protected readonly type = 'gauge';
}

export class HistogramVec extends Vec<HistogramChild> {
  private readonly leLabels: string[];
  /** Bucket label sets per series, built once so a scrape allocates only the samples. */
  private readonly bucketLabels = new WeakMap<HistogramChild, Labels[]>();

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[],
  ) {
    super(name, help, labelNames);
    for (let i = 1; i < buckets.length; i++) {
      if (!(buckets[i] > buckets[i - 1])) throw new Error(`${name}: buckets must increase`);
    }
    this.leLabels = [...buckets.map(String), '+Inf'];
  }

  protected make(): HistogramChild {
    return { bounds: this.buckets, counts: new Float64Array(this.buckets.length + 1), sum: 0, count: 0 };
  }

  family(): MetricFamily {
    const samples: Sample[] = [];
    const bucketName = `${this.name}_bucket`;
    for (const e of this.entries.values()) {
      const h = e.child;
      let withLe = this.bucketLabels.get(h);
      if (!withLe) {
        withLe = this.leLabels.map((le) => Object.freeze({ ...e.labels, le }));
        this.bucketLabels.set(h, withLe);
      }
      let cumulative = 0;
      for (let i = 0; i < h.counts.length; i++) {
        cumulative += h.counts[i];
        const exemplar = h.exemplars?.[i];
        samples.push(exemplar ? { name: bucketName, labels: withLe[i], value: cumulative, exemplar } : { name: bucketName, labels: withLe[i], value: cumulative });
      }
      samples.push({ name: `${this.name}_sum`, labels: e.labels, value: h.sum });
      samples.push({ name: `${this.name}_count`, labels: e.labels, value: h.count });
    }
    return { name: this.name, help: this.help, type: 'histogram', samples };
  }
}

/** The exemplar labels of a trace: `{trace_id}` (the label Grafana's exemplar link reads), frozen so the kit renders them once. */
export function traceExemplarLabels(traceId: string): Labels {
  return Object.freeze({ trace_id: traceId });
}

/**
 * Records one observation: the first bucket whose upper bound is >= v (Prometheus `le` semantics). With exemplar
 * labels (traceExemplarLabels), the observation becomes that bucket's exemplar; its slot is reused, so a traced
 * observation allocates nothing once the bucket has had one.
 */
export function observe(h: HistogramChild, v: number, exemplarLabels?: Labels): void {
  const buckets = h.bounds;
  let i = 0;
  while (i < buckets.length && v > buckets[i]) i++;
  h.counts[i]++;
  h.sum += v;
  h.count++;
  if (exemplarLabels === undefined) return;
  const slots = (h.exemplars ??= new Array<Exemplar | undefined>(h.counts.length));
  const ex = slots[i];
  if (ex === undefined) {
    slots[i] = { labels: exemplarLabels, value: v, timestampMs: Date.now() };
  } else {
    ex.labels = exemplarLabels;
    ex.value = v;
    ex.timestampMs = Date.now();
  }
}

/** Exponential bucket bounds from start to at least end, rounded to keep `le` labels readable. */
export function exponentialBuckets(start: number, end: number, factor: number): number[] {
  const out: number[] = [];
  for (let v = start; v < end * (1 + 1e-9); v *= factor) out.push(Number(v.toPrecision(3)));
  if (out[out.length - 1] < end) out.push(end);
  return out;
}
