// Splits a scrape's time at the points the exporter stamps when it runs with request-timing.mjs preloaded:
// the client's send → 'request' emitted (wait: reading and parsing the request, and any wait for the event loop)
// → first byte written (render) → last byte handed to the kernel (write) → the client has the whole answer
// (deliver: the kernel, and the client reading). Also the event loop's utilisation between two stamped answers.
import { existsSync, readFileSync } from 'node:fs';
import type { Answer } from './lean-http-client.js';
import { median, report } from './stats.js';

/** Wall-clock ms with sub-ms digits, the clock request-timing.mjs stamps with. */
export const wallMs = (): number => performance.timeOrigin + performance.now();

export const REQUEST_TIMING_PRELOAD = new URL('./request-timing.mjs', import.meta.url).href;

interface Stamped {
  sent: number;
  received: number;
  requestAt: string;
  headAt: number;
  elu: [number, number];
}

const header = (a: Answer, name: string) => new RegExp(`\\r\\n${name}:\\s*([^\\r]*)`, 'i').exec(a.head)?.[1];

/** The scrapes of one exporter in one phase, with the stamps of its answers. */
export class SplitRecorder {
  readonly scrapes: Stamped[] = [];

  add(sent: number, received: number, a: Answer): void {
    const requestAt = header(a, 'x-bench-request-at');
    const headAt = Number(header(a, 'x-bench-head-at'));
    const elu = (header(a, 'x-bench-elu') ?? '').split(',').map(Number) as [number, number];
    if (requestAt === undefined || !Number.isFinite(headAt) || elu.length !== 2) throw new Error('answer without the request-timing stamps (is request-timing.mjs preloaded?)');
    this.scrapes.push({ sent, received, requestAt, headAt, elu });
  }

  /**
   * Prints `<prefix>_{wait,render,write,deliver,after_head}_median_ms` (write and deliver need the exporter's
   * finish times, written at its exit; 'finish' is emitted once the last write's callback has run, which for a
   * small answer can be after the client has read it: deliver can be negative; after_head = write + deliver) and `<prefix>_loop_busy_ratio`: the event loop's utilisation between the first and the
   * last scrape of the phase (scrapes included).
   */
  report(prefix: string, finished: Record<string, string>): void {
    const s = this.scrapes;
    if (s.length === 0) return;
    report(`${prefix}_wait_median_ms`, median(s.map((x) => Number(x.requestAt) - x.sent)));
    report(`${prefix}_render_median_ms`, median(s.map((x) => x.headAt - Number(x.requestAt))));
    const done = s.filter((x) => finished[x.requestAt] !== undefined);
    if (done.length > 0) {
      report(`${prefix}_write_median_ms`, median(done.map((x) => Number(finished[x.requestAt]) - x.headAt)));
      report(`${prefix}_deliver_median_ms`, median(done.map((x) => x.received - Number(finished[x.requestAt]))));
    }
    report(`${prefix}_after_head_median_ms`, median(s.map((x) => x.received - x.headAt)));
    if (s.length > 1) {
      const [a0, i0] = s[0].elu;
      const [a1, i1] = s[s.length - 1].elu;
      report(`${prefix}_loop_busy_ratio`, (a1 - a0) / (a1 - a0 + i1 - i0));
    }
  }
}

/** The finish times an exporter run with VIGIL_BENCH_TIMING_FILE wrote at its exit ({} when it wrote none). */
export function readFinished(file: string): Record<string, string> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}
