// The collector API: a collector has a name and a collect() run at scrape time. The registry times each
// one, isolates failures and timeouts, and reports <namespace>_scrape_collector_{duration_seconds,success}.
import type { Logger } from 'pino';
import type { MetricFamily } from './exposition.js';

export interface CollectContext {
  /** Aborted when the collector's time budget runs out. */
  signal: AbortSignal;
  logger: Logger;
}

export interface Collector {
  name: string;
  /** Emits families; may also just update prom-client metrics and return nothing. */
  collect(ctx: CollectContext): Promise<MetricFamily[] | void> | MetricFamily[] | void;
  /** Per-collector budget in ms; defaults to the registry's. */
  timeoutMs?: number;
}

export interface CollectorRunResult {
  name: string;
  success: boolean;
  durationSeconds: number;
  families: MetricFamily[];
  error?: string;
}

class CollectorTimeout extends Error {
  constructor(name: string, ms: number) {
    super(`collector ${name} exceeded its ${ms}ms budget`);
  }
}

async function runOne(c: Collector, defaultTimeoutMs: number, logger: Logger): Promise<CollectorRunResult> {
  const timeoutMs = c.timeoutMs ?? defaultTimeoutMs;
  // The signal is made when a collector first asks for it (most never do: one AbortController per collector per
  // scrape was a measurable part of a host scrape), aborted at once if the budget already ran out.
  let controller: AbortController | undefined;
  let timedOut = false;
  const ctx: CollectContext = {
    get signal() {
      controller ??= new AbortController();
      if (timedOut) controller.abort();
      return controller.signal;
    },
    logger,
  };
  const start = process.hrtime.bigint();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller?.abort();
        reject(new CollectorTimeout(c.name, timeoutMs));
      }, timeoutMs);
    });
    const families = await Promise.race([Promise.resolve().then(() => c.collect(ctx)), timeout]);
    return { name: c.name, success: true, durationSeconds: seconds(start), families: families ?? [] };
  } catch (err) {
    const message = (err as Error)?.message ?? String(err);
    logger.error({ collector: c.name, err: message }, 'collector failed');
    return { name: c.name, success: false, durationSeconds: seconds(start), families: [], error: message };
  } finally {
    clearTimeout(timer);
  }
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export class CollectorRegistry {
  private readonly collectors: Collector[] = [];
  /** Names of every collector the exporter has, run or not (see declareDisabled). */
  readonly known = new Set<string>();

  constructor(
    readonly namespace: string,
    private readonly defaultTimeoutMs: number,
    private readonly logger: Logger,
  ) {}

  add(c: Collector): void {
    if (this.collectors.some((x) => x.name === c.name)) throw new Error(`collector ${c.name} registered twice`);
    this.collectors.push(c);
    this.known.add(c.name);
  }

  /** Collectors the exporter has but does not run (turned off by flags): a scrape filter naming one is told so. */
  declareDisabled(names: Iterable<string>): void {
    for (const name of names) this.known.add(name);
  }

  get size(): number {
    return this.collectors.length;
  }

  names(): string[] {
    return this.collectors.map((c) => c.name);
  }

  /** Runs every collector (or those in `only`) concurrently and returns their families plus the two scrape families. */
  async collect(only?: ReadonlySet<string>): Promise<MetricFamily[]> {
    const run = only ? this.collectors.filter((c) => only.has(c.name)) : this.collectors;
    if (run.length === 0) return [];
    const results = await Promise.all(run.map((c) => runOne(c, this.defaultTimeoutMs, this.logger)));
    const sorted = [...results].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const families: MetricFamily[] = [];
    for (const r of results) families.push(...r.families);
    families.push(
      {
        name: `${this.namespace}_scrape_collector_duration_seconds`,
        help: `${this.namespace}_exporter: Duration of a collector scrape.`,
        type: 'gauge',
        samples: sorted.map((r) => ({ labels: { collector: r.name }, value: r.durationSeconds })),
      },
      {
        name: `${this.namespace}_scrape_collector_success`,
        help: `${this.namespace}_exporter: Whether a collector succeeded.`,
        type: 'gauge',
        samples: sorted.map((r) => ({ labels: { collector: r.name }, value: r.success ? 1 : 0 })),
      },
    );
    return families;
  }
}
