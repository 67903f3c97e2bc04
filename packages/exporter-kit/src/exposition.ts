// Metric families that collectors emit at scrape time, and their rendering in the Prometheus text format
// (0.0.4) and in OpenMetrics 1.0.
import { deflateSegment, gzipPiecesOfSegments, joinSegments, type DeflateSegment } from './gzip-segments.js';

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
export interface Format {
  header(f: MetricFamily): string;
  lines(f: MetricFamily, samples: readonly Sample[], out: string[]): void;
  key: 'text' | 'openMetrics';
}

const TEXT: Format = {
  header: (f) => `# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`,
  lines: pushTextLines,
  key: 'text',
};

/** OpenMetrics: counters are declared without their `_total` suffix; `untyped` becomes `unknown`. */
const OPENMETRICS: Format = {
  header(f) {
    const name = openMetricsName(f);
    return `# TYPE ${name} ${f.type === 'untyped' ? 'unknown' : f.type}\n# HELP ${name} ${escapeHelp(f.help)}\n`;
  },
  lines: pushOpenMetricsLines,
  key: 'openMetrics',
};

/** A rendering's pieces in a format: its UTF-8 bytes, and those compressed (for a gzip answer). */
interface Encodings {
  text?: Buffer;
  openMetrics?: Buffer;
  textGzip?: DeflateSegment;
  openMetricsGzip?: DeflateSegment;
}
const GZIP_KEY = { text: 'textGzip', openMetrics: 'openMetricsGzip' } as const;

/**
 * When a scrape last asked for each encoding. A changed block is rendered ahead of the next scrape only in the
 * encodings asked for within `idleMs` (one curl for the text format does not make every later change render it
 * too); one asked for again after that is rendered by the scrape that asks. `now` is replaceable for tests.
 */
export const encodingUse = { idleMs: 10 * 60_000, now: (): number => Date.now() };
const lastAsked: Record<keyof Encodings, number> = { text: -Infinity, openMetrics: -Infinity, textGzip: -Infinity, openMetricsGzip: -Infinity };

/**
 * Samples of one family that change together and seldom (one venue's, redrawn when its poll lands): their lines
 * are rendered once per format, by the same code as a family's samples, and kept UTF-8 encoded (and compressed,
 * once a gzip answer asked for them), so a scrape that gets the same block copies its bytes into the body instead
 * of formatting, encoding and compressing them again. The owner builds a new block when any of them changes (Vec
 * does, with partitionBy, as soon as the change is made: see warmLike); a block belongs to one family. Values are
 * the samples' own numbers, copied when the block was made.
 */
export class SampleBlock {
  private readonly encoded: Encodings = {};

  constructor(readonly samples: readonly Sample[]) {}

  textBytes(f: MetricFamily): Buffer {
    return this.bytes(f, TEXT);
  }

  openMetricsBytes(f: MetricFamily): Buffer {
    return this.bytes(f, OPENMETRICS);
  }

  /** The lines in a format, UTF-8 encoded. */
  bytes(f: MetricFamily, format: Format): Buffer {
    return (this.encoded[format.key] ??= encodedLines(f, this.samples, format));
  }

  /** The lines in a format, compressed as a piece of a gzip body (gzip-segments.ts). */
  gzipSegment(f: MetricFamily, format: Format): DeflateSegment {
    return (this.encoded[GZIP_KEY[format.key]] ??= deflateSegment(this.bytes(f, format), true));
  }

  /** The encodings this block holds now (text, openMetrics, textGzip, openMetricsGzip): for tests. */
  get encodings(): string[] {
    return Object.keys(this.encoded).filter((k) => this.encoded[k as keyof Encodings] !== undefined);
  }

  /**
   * Renders now each encoding `before` (the block this one replaces) had, if a scrape asked for it lately: what
   * the scrapes have been asking for (see encodingUse).
   */
  warmLike(before: SampleBlock, f: MetricFamily): void {
    const since = encodingUse.now() - encodingUse.idleMs;
    for (const format of [TEXT, OPENMETRICS]) {
      const gzip = GZIP_KEY[format.key];
      if (before.encoded[gzip] && lastAsked[gzip] >= since) this.gzipSegment(f, format);
      else if (before.encoded[format.key] && lastAsked[format.key] >= since) this.bytes(f, format);
    }
  }
}

function encodedLines(f: MetricFamily, samples: readonly Sample[], format: Format): Buffer {
  const out: string[] = [];
  format.lines(f, samples, out);
  return Buffer.from(out.join(''));
}

/**
 * A family whose samples are all in blocks (a partitioned Vec's): its header and blocks joined, per format and
 * encoding, kept as long as the family hands the same blocks array (a Vec does while none of its groups changed).
 * A scrape then takes one buffer per family, not one per venue and family (≈ 2,500 for the exchange exporter's 100
 * venues: most of a render's time once went to Buffer.concat).
 */
const joinedRuns = new WeakMap<readonly SampleBlock[], Encodings>();
/** Headers compressed once (a family's header is the same on every scrape); bounded, in case names are made up. */
const headerSegments = new Map<string, DeflateSegment>();

function runBytes(f: MetricFamily, blocks: readonly SampleBlock[], format: Format): Buffer {
  const run = joinedRunsOf(blocks);
  return (run[format.key] ??= Buffer.concat([Buffer.from(format.header(f)), ...blocks.map((b) => b.bytes(f, format))]));
}

function runSegment(f: MetricFamily, blocks: readonly SampleBlock[], format: Format): DeflateSegment {
  const run = joinedRunsOf(blocks);
  return (run[GZIP_KEY[format.key]] ??= joinSegments([headerSegment(format.header(f)), ...blocks.map((b) => b.gzipSegment(f, format))]));
}

function joinedRunsOf(blocks: readonly SampleBlock[]): Encodings {
  let run = joinedRuns.get(blocks);
  if (!run) joinedRuns.set(blocks, (run = {}));
  return run;
}

function headerSegment(header: string): DeflateSegment {
  let s = headerSegments.get(header);
  if (!s) {
    if (headerSegments.size >= 10_000) headerSegments.clear();
    headerSegments.set(header, (s = deflateSegment(Buffer.from(header), true)));
  }
  return s;
}

/**
 * Walks the families in order: lines rendered now go to `lines`; a family whose samples are all in blocks goes
 * whole (header included) to onRun, and its blocks' pieces are used as they are. Other families' blocks are
 * rendered as lines (no collector hands both samples and blocks).
 */
function walk(families: readonly MetricFamily[], format: Format, lines: string[], onRun: (f: MetricFamily, blocks: readonly SampleBlock[]) => void): void {
  for (const f of families) {
    const blocks = f.blocks;
    if (blocks && blocks.length > 0 && f.samples.length === 0) {
      onRun(f, blocks);
      continue;
    }
    lines.push(format.header(f));
    format.lines(f, f.samples, lines);
    for (const b of blocks ?? []) lines.push(b.bytes(f, format).toString('utf8'));
  }
}

/**
 * The body as UTF-8 bytes, in pieces that joined are the body: lines rendered now are joined and encoded once per
 * stretch between runs, runs' bytes are used as they are. What the telemetry path writes (a string body would be
 * joined and then encoded whole, the blocks' lines included, on every scrape; the pieces are written as they are,
 * one writev, without copying the runs into one buffer).
 */
function renderPieces(families: readonly MetricFamily[], format: Format, trailer: string): Buffer[] {
  lastAsked[format.key] = encodingUse.now();
  const parts: Buffer[] = [];
  // Lines joined once per stretch: a body built with += is a deep rope that costs more to flatten than to build.
  const lines: string[] = [];
  walk(families, format, lines, (f, blocks) => {
    if (lines.length > 0) parts.push(Buffer.from(lines.join('')));
    parts.push(runBytes(f, blocks, format));
    lines.length = 0;
  });
  lines.push(trailer);
  parts.push(Buffer.from(lines.join('')));
  return parts;
}

/**
 * The body gzipped (one gzip member), in pieces: runs' compressed pieces are used as they are, lines rendered now
 * are compressed now, one piece per stretch between runs.
 */
function renderGzipPieces(families: readonly MetricFamily[], format: Format, trailer: string): Buffer[] {
  lastAsked[GZIP_KEY[format.key]] = encodingUse.now();
  const segments: DeflateSegment[] = [];
  const lines: string[] = [];
  walk(families, format, lines, (f, blocks) => {
    if (lines.length > 0) segments.push(deflateSegment(Buffer.from(lines.join(''))));
    segments.push(runSegment(f, blocks, format));
    lines.length = 0;
  });
  lines.push(trailer);
  segments.push(deflateSegment(Buffer.from(lines.join(''))));
  return gzipPiecesOfSegments(segments);
}

const join = (parts: Buffer[]) => (parts.length === 1 ? parts[0] : Buffer.concat(parts));

/**
 * The body for a scrape in pieces (joined, they are the body): OpenMetrics (`# EOF` included) or text, gzipped or
 * not. Gzipped, blocks' pieces are compressed once (renderGzipPieces), so it is for bodies with blocks (hasBlocks);
 * a body without is better gzipped whole.
 */
export function renderBody(families: readonly MetricFamily[], openMetrics: boolean, gzipped: boolean): Buffer[] {
  const [format, trailer] = openMetrics ? [OPENMETRICS, '# EOF\n'] : [TEXT, ''];
  return gzipped ? renderGzipPieces(families, format, trailer) : renderPieces(families, format, trailer);
}

function renderString(families: readonly MetricFamily[], format: Format): string {
  lastAsked[format.key] = encodingUse.now();
  // Lines joined once: a body built with += is a deep rope that costs more to flatten on write than to build.
  const lines: string[] = [];
  walk(families, format, lines, (f, blocks) => lines.push(runBytes(f, blocks, format).toString('utf8')));
  return lines.join('');
}

/** Whether any family has blocks, whose pieces renderTextGzip and renderOpenMetricsGzip keep compressed. */
export function hasBlocks(families: readonly MetricFamily[]): boolean {
  return families.some((f) => f.blocks !== undefined && f.blocks.length > 0 && f.samples.length === 0);
}

/** The text format (0.0.4), gzipped; blocks' pieces compressed once (see renderGzipPieces). */
export function renderTextGzip(families: readonly MetricFamily[]): Buffer {
  return join(renderGzipPieces(families, TEXT, ''));
}

/** OpenMetrics 1.0, `# EOF` included, gzipped; blocks' pieces compressed once (see renderGzipPieces). */
export function renderOpenMetricsGzip(families: readonly MetricFamily[]): Buffer {
  return join(renderGzipPieces(families, OPENMETRICS, '# EOF\n'));
}

/** The text format (0.0.4) as UTF-8 bytes. */
export function renderTextBytes(families: readonly MetricFamily[]): Buffer {
  return join(renderPieces(families, TEXT, ''));
}

/** OpenMetrics 1.0 as UTF-8 bytes, `# EOF` included. */
export function renderOpenMetricsBytes(families: readonly MetricFamily[]): Buffer {
  return join(renderPieces(families, OPENMETRICS, '# EOF\n'));
}

export function renderText(families: MetricFamily[]): string {
  return renderString(families, TEXT);
}

/** OpenMetrics: counters are declared without their `_total` suffix; `untyped` becomes `unknown`. No `# EOF`. */
export function renderOpenMetrics(families: MetricFamily[]): string {
  return renderString(families, OPENMETRICS);
}
