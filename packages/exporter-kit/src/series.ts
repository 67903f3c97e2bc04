// Labelled counters, gauges and histograms kept in plain maps and rendered at scrape time by a collector (or, with
// partitionBy, group by group when a group changes: see VecOptions). Hot paths hold a child (one series) and update
// it with a field write, so ingest never hashes label sets per observation the way prom-client's observe(labels, v)
// does.
import { SampleBlock, type Labels, type MetricFamily, type MetricType, type Sample } from './exposition.js';

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
  /** Per-bucket exemplars (the last traced observation kept in each bucket); allocated on the first traced observation. */
  exemplars?: BucketExemplars;
  /**
   * observe()'s refresh window (see there): when it started (epoch ms; -Infinity before the first traced
   * observation) and which buckets took an exemplar within it (bit i for bucket i < 31). Kept on the child
   * itself, beside the counts the observation writes anyway: a skipped exemplar reads nothing else.
   */
  exemplarWindowStart: number;
  exemplarWindowBuckets: number;
  /** Buckets (bit i for i < 31) whose exemplar an observation with refreshMs 0 wrote, held against throttled ones until it is refreshMs old. */
  exemplarHeldBuckets: number;
}

/**
 * A histogram's exemplars, one per bucket. The numbers sit in a typed array (a bucket's timestamp and value side
 * by side), so keeping an exemplar is two number writes and a reference.
 */
export interface BucketExemplars {
  /** Each bucket's exemplar labels (`{trace_id}`); undefined until the bucket has one. */
  readonly labels: (Labels | undefined)[];
  /** Bucket i's exemplar timestamp (epoch ms; -Infinity before the first) at 2i, its value at 2i + 1. */
  readonly numbers: Float64Array;
}

function bucketExemplars(buckets: number): BucketExemplars {
  return { labels: new Array<Labels | undefined>(buckets).fill(undefined), numbers: new Float64Array(2 * buckets).fill(-Infinity) };
}

export interface VecOptions {
  /**
   * A label whose values group series that change together and seldom (`venue`: a venue's figures change when
   * its poll lands). Each group's lines are rendered as a SampleBlock and reused by every scrape until one of its
   * series changes value or is added or removed. A group's block is rendered again soon after it changes (the
   * next turn of the event loop, or, for a group that changes all the time, such as a websocket ticker stream's,
   * at most once per `renderAhead.delayMs`), not at scrape, so a scrape's cost does not grow with how much
   * changed since the last one; a scrape that comes before then renders the group itself. The series of such a
   * Vec see their writes: a child's `value`, and a histogram child's `sum` and `count` (which every observe()
   * changes), are accessors that mark the group.
   */
  partitionBy?: string;
}

interface Entry<C> {
  labels: Labels;
  child: C;
}

/** Series of one partition: their block, rendered again after any of them changed. */
class Group<C> {
  readonly entries = new Map<string, Entry<C>>();
  block?: SampleBlock;
  /** When the block was last rendered (epoch ms). */
  renderedAt = -Infinity;
  dirty = false;
  removed = false;

  constructor(private readonly owner: Vec<C>) {}

  /** One of the series changed (a write, a series added or removed): render the block again soon. */
  changed(): void {
    if (this.dirty) return;
    this.dirty = true;
    this.owner.groupChanged(this);
  }
}

/**
 * How soon after a change a partitioned Vec's group is rendered: in the next turn of the event loop if it was last
 * rendered at least `delayMs` ago (a poll's changes, ready long before the next scrape), else `delayMs` after its
 * last rendering, with whatever changed meanwhile (a group that changes on every websocket ticker message is so
 * rendered at most ten times a second, not once per message: each rendering costs tens of microseconds per
 * family, compressed pieces included). A scrape renders whatever is still pending itself. 0: always the next turn.
 */
export const renderAhead = { delayMs: 100 };

/** Partitioned Vecs with changed groups not rendered yet. */
const pendingVecs = new Set<Vec<unknown>>();
let soon = false;
let timer: NodeJS.Timeout | undefined;
let timerDue = Infinity;

/** Makes sure pending groups are looked at by `due` (epoch ms): in the next turn if it has come, else by a timer. */
function renderBy(due: number): void {
  const now = Date.now();
  if (due <= now || renderAhead.delayMs <= 0) {
    if (!soon) {
      soon = true;
      setImmediate(renderDue);
    }
  } else if (due < timerDue) {
    clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(renderDue, due - now).unref();
  }
}

/** Renders the groups whose time has come, and looks again when the next one's will. */
function renderDue(): void {
  soon = false;
  clearTimeout(timer);
  timer = undefined;
  timerDue = Infinity;
  const now = Date.now();
  let next = Infinity;
  for (const v of pendingVecs) {
    const due = v.renderChanged(now);
    if (due === Infinity) pendingVecs.delete(v);
    else next = Math.min(next, due);
  }
  if (next !== Infinity) renderBy(next);
}

/** A counter's or gauge's series in a partitioned Vec: a write of another value marks its group. */
class TrackedValue implements ValueChild {
  private v = 0;

  constructor(private readonly group: Group<ValueChild>) {}

  get value(): number {
    return this.v;
  }

  set value(x: number) {
    if (Object.is(x, this.v)) return;
    this.v = x;
    this.group.changed();
  }
}

/** A histogram's series in a partitioned Vec: observe() writes sum and count, which mark its group. */
class TrackedHistogram implements HistogramChild {
  readonly counts: Float64Array;
  exemplars?: BucketExemplars = undefined;
  exemplarWindowStart = -Infinity;
  exemplarWindowBuckets = 0;
  exemplarHeldBuckets = 0;
  private s = 0;
  private n = 0;

  constructor(
    readonly bounds: readonly number[],
    private readonly group: Group<HistogramChild>,
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  get sum(): number {
    return this.s;
  }

  set sum(x: number) {
    this.s = x;
    this.group.changed();
  }

  get count(): number {
    return this.n;
  }

  set count(x: number) {
    this.n = x;
    this.group.changed();
  }
}

abstract class Vec<C> {
  protected readonly entries = new Map<string, Entry<C>>();
  protected abstract readonly type: MetricType;
  /** partitionBy's value → its group; only with partitionBy. */
  private readonly groups?: Map<string, Group<C>>;
  private readonly partitionBy?: string;
  /** Groups changed since their block was rendered. */
  private changedGroups: Group<C>[] = [];
  /** The blocks array family() handed last: handed again while no group changed (the renderer keeps it joined). */
  private lastBlocks?: SampleBlock[];
  /**
   * Blocks of groups dropped since the last rendering, by partition value: a group made again for the same value
   * before then (a poll replacing a venue's balances: removeWhere, then child()) starts from the old block, so
   * its new one is rendered ahead in the encodings scrapes asked for, not left to the scrape.
   */
  private droppedBlocks?: Map<string, SampleBlock>;
  private rendered = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    options: VecOptions = {},
  ) {
    if (options.partitionBy !== undefined) {
      if (!labelNames.includes(options.partitionBy)) throw new Error(`${name}: partitionBy ${options.partitionBy} is not one of its labels`);
      this.partitionBy = options.partitionBy;
      this.groups = new Map();
    }
  }

  /** A new series' child; in a partitioned Vec, one that marks `group` when written. */
  protected abstract make(group?: Group<C>): C;
  /** Appends the samples of one series. */
  protected abstract pushSamples(e: Entry<C>, out: Sample[]): void;

  /** How many group blocks this Vec has rendered (for tests and benchmarks: when rendering happens). */
  get blocksRendered(): number {
    return this.rendered;
  }

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
      let g: Group<C> | undefined;
      if (this.groups) {
        const part = labels[this.partitionBy!];
        g = this.groups.get(part);
        if (!g) {
          this.groups.set(part, (g = new Group(this)));
          g.block = this.droppedBlocks?.get(part);
          this.lastBlocks = undefined;
        }
      }
      // Frozen label sets are rendered once by the kit and reused on every scrape.
      e = { labels: Object.freeze(labels), child: this.make(g) };
      this.entries.set(key, e);
      if (g) {
        g.entries.set(key, e);
        g.changed();
      }
    }
    return e.child;
  }

  remove(values: readonly string[]): void {
    const key = values.join('\u0000');
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.leaveGroup(key, e);
  }

  /** Removes every series whose label `name` has this value (a venue that is no longer watched, say). */
  removeWhere(name: string, value: string): void {
    const g = name === this.partitionBy ? this.groups!.get(value) : undefined;
    if (g) {
      for (const key of g.entries.keys()) this.entries.delete(key);
      this.dropGroup(value, g);
      return;
    }
    for (const [key, e] of this.entries) {
      if (e.labels[name] !== value) continue;
      this.entries.delete(key);
      this.leaveGroup(key, e);
    }
  }

  private leaveGroup(key: string, e: Entry<C>): void {
    if (!this.groups) return;
    const part = e.labels[this.partitionBy!];
    const g = this.groups.get(part)!;
    g.entries.delete(key);
    if (g.entries.size === 0) this.dropGroup(part, g);
    else g.changed();
  }

  private dropGroup(part: string, g: Group<C>): void {
    this.groups!.delete(part);
    g.removed = true;
    this.lastBlocks = undefined;
    if (g.block) (this.droppedBlocks ??= new Map()).set(part, g.block);
  }

  /** Called by a group when it first changes after its block was rendered. */
  groupChanged(g: Group<C>): void {
    this.changedGroups.push(g);
    pendingVecs.add(this as Vec<unknown>);
    renderBy(g.renderedAt + renderAhead.delayMs);
  }

  /**
   * Renders the blocks of the groups changed since their last rendering, in the encodings the old ones had: all
   * of them (a scrape), or with `now` only those rendered at least renderAhead.delayMs before it. Returns when
   * the first group left pending is due (Infinity when none is left).
   */
  renderChanged(now?: number): number {
    this.droppedBlocks?.clear();
    if (this.changedGroups.length === 0) return Infinity;
    const at = now ?? Date.now();
    const shape: MetricFamily = { name: this.name, help: this.help, type: this.type, samples: [] };
    const left: Group<C>[] = [];
    let next = Infinity;
    for (const g of this.changedGroups) {
      if (!g.dirty) continue;
      if (g.removed) {
        g.dirty = false;
        continue;
      }
      const due = g.renderedAt + renderAhead.delayMs;
      if (now !== undefined && due > now) {
        left.push(g);
        next = Math.min(next, due);
        continue;
      }
      g.dirty = false;
      g.renderedAt = at;
      const samples: Sample[] = [];
      for (const e of g.entries.values()) this.pushSamples(e, samples);
      const block = new SampleBlock(samples);
      if (g.block) block.warmLike(g.block, shape);
      g.block = block;
      this.rendered++;
    }
    if (left.length < this.changedGroups.length) this.lastBlocks = undefined;
    this.changedGroups = left;
    return next;
  }

  /** Every series: its labels and its child. */
  *series(): IterableIterator<[Labels, C]> {
    for (const e of this.entries.values()) yield [e.labels, e.child];
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The family at this moment: its samples, or with partitionBy one block per group, as rendered when the group
   * last changed (a change not rendered yet, made in this turn of the event loop, is rendered now).
   */
  family(): MetricFamily {
    const f: MetricFamily = { name: this.name, help: this.help, type: this.type, samples: [] };
    if (!this.groups) {
      for (const e of this.entries.values()) this.pushSamples(e, f.samples);
      return f;
    }
    this.renderChanged();
    f.blocks = this.lastBlocks ??= [...this.groups.values()].map((g) => g.block!);
    return f;
  }
}

/** Counters and gauges: one number per series, differing only in the declared type. */
abstract class ValueVec extends Vec<ValueChild> {
  protected abstract override readonly type: 'counter' | 'gauge';

  protected make(group?: Group<ValueChild>): ValueChild {
    return group ? new TrackedValue(group) : { value: 0 };
  }

  protected pushSamples(e: Entry<ValueChild>, out: Sample[]): void {
    out.push({ labels: e.labels, value: e.child.value });
  }
}

export class CounterVec extends ValueVec {
  protected readonly type = 'counter';
}

export class GaugeVec extends ValueVec {
  protected readonly type = 'gauge';
}

export interface HistogramOptions extends VecOptions {
  /**
   * false: no `_sum` series. For a histogram whose observations can be negative (buckets below 0), whose sum can
   * go down: rate() and increase() would read every fall as a counter reset, and OpenMetrics says such a
   * histogram MUST NOT carry a sum. Export the mean's monotonic parts as counters instead (sum of the positive
   * observations, sum of the negative ones' magnitudes).
   */
  sum?: boolean;
}

export class HistogramVec extends Vec<HistogramChild> {
  protected readonly type = 'histogram';
  private readonly leLabels: string[];
  /** Bucket label sets per series, built once so a scrape allocates only the samples. */
  private readonly bucketLabels = new WeakMap<HistogramChild, Labels[]>();
  private readonly bucketName: string;
  private readonly sumName: string | undefined;
  private readonly countName: string;

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[],
    options: HistogramOptions = {},
  ) {
    super(name, help, labelNames, options);
    for (let i = 1; i < buckets.length; i++) {
      if (!(buckets[i] > buckets[i - 1])) throw new Error(`${name}: buckets must increase`);
    }
    this.leLabels = [...buckets.map(String), '+Inf'];
    this.bucketName = `${name}_bucket`;
    this.sumName = options.sum === false ? undefined : `${name}_sum`;
    this.countName = `${name}_count`;
  }

  protected make(group?: Group<HistogramChild>): HistogramChild {
    if (group) return new TrackedHistogram(this.buckets, group);
    // exemplars present from the start: every child has one shape, so observe() stays monomorphic.
    return { bounds: this.buckets, counts: new Float64Array(this.buckets.length + 1), sum: 0, count: 0, exemplars: undefined, exemplarWindowStart: -Infinity, exemplarWindowBuckets: 0, exemplarHeldBuckets: 0 };
  }

  protected pushSamples(e: Entry<HistogramChild>, out: Sample[]): void {
    const h = e.child;
    let withLe = this.bucketLabels.get(h);
    if (!withLe) {
      withLe = this.leLabels.map((le) => Object.freeze({ ...e.labels, le }));
      this.bucketLabels.set(h, withLe);
    }
    let cumulative = 0;
    const ex = h.exemplars;
    for (let i = 0; i < h.counts.length; i++) {
      cumulative += h.counts[i];
      const exemplarLabels = ex?.labels[i];
      out.push(
        exemplarLabels
          ? { name: this.bucketName, labels: withLe[i], value: cumulative, exemplar: { labels: exemplarLabels, value: ex!.numbers[2 * i + 1], timestampMs: ex!.numbers[2 * i] } }
          : { name: this.bucketName, labels: withLe[i], value: cumulative },
      );
    }
    if (this.sumName !== undefined) out.push({ name: this.sumName, labels: e.labels, value: h.sum });
    out.push({ name: this.countName, labels: e.labels, value: h.count });
  }
}

/** The exemplar labels of a trace: `{trace_id}` (the label Grafana's exemplar link reads), frozen so the kit renders them once. */
export function traceExemplarLabels(traceId: string): Labels {
  return Object.freeze({ trace_id: traceId });
}

/**
 * Records one observation: the first bucket whose upper bound is >= v (Prometheus `le` semantics). With exemplar
 * labels (traceExemplarLabels), the observation becomes that bucket's exemplar, stamped timestampMs (the clock
 * read once for a whole batch by a hot caller: a clock read can cost half a microsecond) or now, unless the
 * bucket already took one within the series' current refresh window of refreshMs (0, the default: every traced
 * observation replaces it). A window starts at the first traced observation at least refreshMs after the
 * previous window's start (or before it: a clock set back), and each bucket takes at most one exemplar in it. A
 * scrape carries one exemplar per bucket, so a hot caller that traces every observation can pass about a
 * second: busy buckets then take about one exemplar a second (the writes it skips are most of what exemplars
 * cost, and a skipped one reads only the child's own two fields) and rare buckets, the tail, still get every
 * one. An observation with refreshMs 0 always replaces its bucket's exemplar, and the throttled observations of
 * the next refreshMs (by the exemplar's own timestamp) leave it in place; it neither opens nor ends a window, so
 * the other buckets' throttling is untouched. Buckets past the 31st fall back to the exemplar's own age.
 */
export function observe(h: HistogramChild, v: number, exemplarLabels?: Labels, timestampMs?: number, refreshMs = 0): void {
  const buckets = h.bounds;
  let i = 0;
  while (i < buckets.length && v > buckets[i]) i++;
  h.counts[i]++;
  h.sum += v;
  h.count++;
  if (exemplarLabels === undefined) return;
  const at = timestampMs ?? Date.now();
  const bit = i < 31 ? 1 << i : 0;
  if (refreshMs <= 0) {
    h.exemplarHeldBuckets |= bit;
  } else if (bit === 0) {
    if (h.exemplars !== undefined && isYoung(at - h.exemplars.numbers[2 * i], refreshMs)) return;
  } else {
    const sinceWindow = at - h.exemplarWindowStart;
    if (sinceWindow >= refreshMs || sinceWindow < 0) {
      h.exemplarWindowStart = at;
      h.exemplarWindowBuckets = 0;
    } else if ((h.exemplarWindowBuckets & bit) !== 0) {
      return;
    }
    if ((h.exemplarHeldBuckets & bit) !== 0) {
      if (isYoung(at - h.exemplars!.numbers[2 * i], refreshMs)) return;
      h.exemplarHeldBuckets &= ~bit;
    }
    h.exemplarWindowBuckets |= bit;
  }
  const ex = (h.exemplars ??= bucketExemplars(h.counts.length));
  const nums = ex.numbers;
  nums[2 * i] = at;
  nums[2 * i + 1] = v;
  ex.labels[i] = exemplarLabels;
}

/** An exemplar age under refreshMs (a negative age, a clock set back, is not: the exemplar is replaced). */
function isYoung(ageMs: number, refreshMs: number): boolean {
  return ageMs < refreshMs && ageMs >= 0;
}

/** Exponential bucket bounds from start to at least end, rounded to keep `le` labels readable. */
export function exponentialBuckets(start: number, end: number, factor: number): number[] {
  const out: number[] = [];
  for (let v = start; v < end * (1 + 1e-9); v *= factor) out.push(Number(v.toPrecision(3)));
  if (out[out.length - 1] < end) out.push(end);
  return out;
}
