// Background probing: a probe runs on an interval (never overlapping itself) with its own timeout, and
// scrapes read the last result. A dead NTP server or venue gateway therefore costs a scrape nothing.

export interface ProbeOutcome<T> {
  ok: boolean;
  /** success | timeout | refused | error, for the probes_total counter. */
  outcome: string;
  value?: T;
  error?: string;
  /** When the probe finished, in ms since the epoch. */
  at: number;
}

export class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms}ms`);
    this.name = 'ProbeTimeout';
  }
}

export interface PollerOptions<T> {
  intervalMs: number;
  timeoutMs: number;
  /** The probe; it gets an AbortSignal that fires at the timeout and must stop its I/O then. */
  probe: (signal: AbortSignal) => Promise<T>;
  /** Maps a failure to an outcome label. */
  classify?: (err: unknown) => string;
  onResult?: (r: ProbeOutcome<T>) => void;
}

export class Poller<T> {
  last?: ProbeOutcome<T>;
  lastSuccess?: ProbeOutcome<T>;
  readonly outcomes = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private inFlight?: AbortController;

  constructor(private readonly opts: PollerOptions<T>) {}

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  /** Runs one probe now (tests and the first probe at start-up use it). */
  runOnce(): Promise<void> {
    this.running ??= this.probeOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async tick(): Promise<void> {
    await this.runOnce();
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), this.opts.intervalMs);
  }

  private async probeOnce(): Promise<void> {
    const controller = new AbortController();
    this.inFlight = controller;
    const timer = setTimeout(
      () => controller.abort(new ProbeTimeout(this.opts.timeoutMs)),
      this.opts.timeoutMs,
    );
    let result: ProbeOutcome<T>;
    try {
      const aborted = new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
      );
      const value = await Promise.race([this.opts.probe(controller.signal), aborted]);
      result = { ok: true, outcome: 'success', value, at: Date.now() };
      this.lastSuccess = result;
    } catch (err) {
      const outcome = err instanceof ProbeTimeout ? 'timeout' : (this.opts.classify?.(err) ?? 'error');
      result = { ok: false, outcome, error: (err as Error)?.message ?? String(err), at: Date.now() };
    } finally {
      clearTimeout(timer);
      this.inFlight = undefined;
    }
    if (this.stopped) return;
    this.last = result;
    this.outcomes.set(result.outcome, (this.outcomes.get(result.outcome) ?? 0) + 1);
    this.opts.onResult?.(result);
  }

  /** Stops the schedule and abandons a probe in flight, so shutdown never waits for a dead peer. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.inFlight?.abort(new Error('stopped'));
    await this.running;
  }
}
