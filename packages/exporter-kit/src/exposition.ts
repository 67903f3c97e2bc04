// Metric families that collectors emit at scrape time, and their rendering in the Prometheus text format
// (0.0.4) and in OpenMetrics 1.0.
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export type Labels = Record<string, string>;

/**
 * An OpenMetrics exemplar: the labels (`{trace_id}` in Vigil, the name Grafana's exemplar link reads) of one
 * observation that fell in a bucket (or counted), its value and when it was made. Only OpenMetrics carries it.
 */
export interface Exemplar {
  labels: Labels;
  value: number;
  /** Epoch milliseconds. */
  timestampMs?: number;
}

export interface Sample {
  /** Sample name when it differs from the family name (e.g. `_bucket`, `_sum`, `_count`, `_total`). */
  name?: string;
  labels?: Labels;
  value: number;
  exemplar?: Exemplar;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
  /** Further samples of the family, rendered after `samples`, each block's text kept between scrapes. */
  blocks?: readonly SampleBlock[];
}

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

export function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

const NEEDS_ESCAPE = /[\\\n"]/;

export function escapeLabelValue(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** Go's strconv.FormatFloat(v, 'g', -1, 64) style as Prometheus prints values: +Inf, -Inf, NaN, 1e+06. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

// The rendered `{...}` of frozen label sets: a collector that keeps its label objects frozen across scrapes
// (as the trading exporter's series do) pays for escaping and joining once, not on every scrape.
const frozenLabelText = new WeakMap<Labels, string>();

function formatLabels(labels: Labels | undefined): string {
  if (!labels) return '';
  const cached = frozenLabelText.get(labels);
  if (cached !== undefined) return cached;
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  const pairs: string[] = [];
  for (const k of keys) pairs.push(`${k}="${escapeLabelValue(labels[k])}"`);
  // Joined, not grown with +=: the cached text is then one flat string. A rope cached here was walked again by
  // the body's join on every scrape, for every sample: rendering the trading exporter's 10,000 series took
  // ≈ 11 ms with it, ≈ 4 ms without.
  const out = ['{', pairs.join(','), '}'].join('');
  if (Object.isFrozen(labels)) frozenLabelText.set(labels, out);
  return out;
}

function pushTextLines(f: MetricFamily, samples: readonly Sample[], out: string[]): void {
  for (const s of samples) out.push(`${s.name ?? f.name}${formatLabels(s.labels)} ${formatValue(s.value)}\n`);
}

/** The name OpenMetrics declares a family by: a counter's without its `_total` suffix. */
function openMetricsName(f: MetricFamily): string {
  return f.type === 'counter' && f.name.endsWith('_total') ? f.name.slice(0, -6) : f.name;
}

function pushOpenMetricsLines(f: MetricFamily, samples: readonly Sample[], out: string[]): void {
  const isCounter = f.type === 'counter';
  for (const s of samples) {
    let sampleName = s.name ?? f.name;
    if (isCounter && !sampleName.endsWith('_total') && !sampleName.endsWith('_created')) sampleName += '_total';
    const ex = s.exemplar;
    if (ex === undefined) out.push(`${sampleName}${formatLabels(s.labels)} ${formatValue(s.value)}\n`);
    else out.push(`${sampleName}${formatLabels(s.labels)} ${formatValue(s.value)} # ${formatLabels(ex.labels) || '{}'} ${formatValue(ex.value)}${ex.timestampMs === undefined ? '' : ` ${(ex.timestampMs / 1000).toFixed(3)}`}\n`);
  }
}

/** The two exposition formats: a family's header and sample lines. */
interface Format {
  header(f: MetricFamily): string;
  lines(f: MetricFamily, samples: readonly Sample[], out: string[]): void;
  /** The block's cached encoded lines in this format. */
  block(b: SampleBlock, f: MetricFamily): Buffer;
  /** Which of a joined run's buffers holds this format. */
  runKey: 'text' | 'openMetrics';
}

const TEXT: Format = {
  header: (f) => `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`,
  lines: pushTextLines,
  block: (b, f) => b.textBytes(f),
  runKey: 'text',
};

/** OpenMetrics: counters are declared without their `_total` suffix; `untyped` becomes `unknown`. */
const OPENMETRICS: Format = {
  header(f) {
    const name = openMetricsName(f);
    return `# TYPE ${name} ${f.type === 'untyped' ? 'unknown' : f.type}\n# HELP ${name} ${escapeHelp(f.help)}\n`;
  },
  lines: pushOpenMetricsLines,
  block: (b, f) => b.openMetricsBytes(f),
  runKey: 'openMetrics',
};

/**
 * Samples of one family that change together and seldom (one venue's, redrawn when its poll lands): their lines
 * are rendered once per format, by the same code as a family's samples, and kept UTF-8 encoded, so a scrape that
 * gets the same block copies its bytes into the body instead of formatting and encoding them again. The owner
 * builds a new block when any of them changes (Vec does, with partitionBy); a block belongs to one family. Values
 * are the samples' own numbers, copied when the block was made.
 */
export class SampleBlock {
  private text?: Buffer;
  private openMetrics?: Buffer;

  constructor(readonly samples: readonly Sample[]) {}

  textBytes(f: MetricFamily): Buffer {
    return (this.text ??= encodedLines(f, this.samples, TEXT));
  }

  openMetricsBytes(f: MetricFamily): Buffer {
    return (this.openMetrics ??= encodedLines(f, this.samples, OPENMETRICS));
  }
}

function encodedLines(f: MetricFamily, samples: readonly Sample[], format: Format): Buffer {
  const out: string[] = [];
  format.lines(f, samples, out);
  return Buffer.from(out.join(''));
}

// A family's blocks joined into one buffer per format, kept as long as the family hands the same blocks array (a
// partitioned Vec does while none of its groups changed): a scrape then copies one buffer per family, not one per
// venue and family (≈ 2,500 for the exchange exporter's 100 venues, most of a render's time in Buffer.concat).
const joinedRuns = new WeakMap<readonly SampleBlock[], { text?: Buffer; openMetrics?: Buffer }>();

function joinedBlocks(f: MetricFamily, blocks: readonly SampleBlock[], format: Format): Buffer {
  let run = joinedRuns.get(blocks);
  if (!run) joinedRuns.set(blocks, (run = {}));
  return (run[format.runKey] ??= Buffer.concat(blocks.map((b) => format.block(b, f))));
}

/** Renders the families in order: now-rendered lines go to `lines`, each family's blocks to onBlock, in body order. */
function walk(families: readonly MetricFamily[], format: Format, lines: string[], onBlock: (b: Buffer) => void): void {
  for (const f of families) {
    lines.push(format.header(f));
    format.lines(f, f.samples, lines);
    if (f.blocks && f.blocks.length > 0) onBlock(joinedBlocks(f, f.blocks, format));
  }
}

/**
 * The body as UTF-8 bytes: lines rendered now are joined and encoded once per run between blocks, blocks' bytes
 * are copied as they are. What the telemetry path sends (a string body would be joined and then encoded whole,
 * the blocks' lines included, on every scrape).
 */
function renderBytes(families: readonly MetricFamily[], format: Format, trailer = ''): Buffer {
  const parts: Buffer[] = [];
  // Lines joined once per run: a body built with += is a deep rope that costs more to flatten than to build.
  const lines: string[] = [];
  walk(families, format, lines, (block) => {
    if (lines.length > 0) parts.push(Buffer.from(lines.join('')));
    parts.push(block);
    lines.length = 0;
  });
  lines.push(trailer);
  parts.push(Buffer.from(lines.join('')));
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

function renderString(families: readonly MetricFamily[], format: Format): string {
  // Lines joined once: a body built with += is a deep rope that costs more to flatten on write than to build.
  const lines: string[] = [];
  walk(families, format, lines, (block) => lines.push(block.toString('utf8')));
  return lines.join('');
}

/** The text format (0.0.4) as UTF-8 bytes. */
export function renderTextBytes(families: readonly MetricFamily[]): Buffer {
  return renderBytes(families, TEXT);
}

/** OpenMetrics 1.0 as UTF-8 bytes, `# EOF` included. */
export function renderOpenMetricsBytes(families: readonly MetricFamily[]): Buffer {
  return renderBytes(families, OPENMETRICS, '# EOF\n');
}

export function renderText(families: MetricFamily[]): string {
  return renderString(families, TEXT);
}

/** OpenMetrics: counters are declared without their `_total` suffix; `untyped` becomes `unknown`. No `# EOF`. */
export function renderOpenMetrics(families: MetricFamily[]): string {
  return renderString(families, OPENMETRICS);
}
