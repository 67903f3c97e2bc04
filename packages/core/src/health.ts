// Dependency checks behind /health: healthy, degraded (a non-critical check failed, or a check said so) or
// unhealthy (a critical check failed). /health answers 503 only when unhealthy.
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/** Every state, in the order the state-set metrics list them. */
export const HEALTH_STATES: readonly HealthStatus[] = ['healthy', 'degraded', 'unhealthy'];

export interface CheckResult {
  status: HealthStatus;
  message?: string;
  [detail: string]: unknown;
}

export type CheckFn = () => Promise<CheckResult> | CheckResult;

export interface CheckOptions {
  /** A critical check that fails makes the whole service unhealthy; others make it degraded. */
  critical?: boolean;
  timeoutMs?: number;
}

interface RegisteredCheck extends Required<CheckOptions> {
  name: string;
  fn: CheckFn;
}

export interface HealthReport {
  status: HealthStatus;
  version: string;
  uptime_seconds: number;
  checks: Record<string, CheckResult & { duration_seconds: number }>;
}

export class HealthChecks {
  private readonly checks: RegisteredCheck[] = [];

  add(name: string, fn: CheckFn, opts: CheckOptions = {}): void {
    this.checks.push({ name, fn, critical: opts.critical ?? true, timeoutMs: opts.timeoutMs ?? 2000 });
  }

  get size(): number {
    return this.checks.length;
  }

  /** Whether the named check is critical (undefined for an unknown name). */
  isCritical(name: string): boolean | undefined {
    return this.checks.find((c) => c.name === name)?.critical;
  }

  async run(version: string, startedAt: number): Promise<HealthReport> {
    const entries = await Promise.all(
      this.checks.map(async (c) => {
        const start = performance.now();
        let result: CheckResult;
        let timer: NodeJS.Timeout | undefined;
        try {
          result = await Promise.race([
            Promise.resolve().then(c.fn),
            new Promise<CheckResult>((resolve) => {
              timer = setTimeout(() => resolve({ status: 'unhealthy', message: `check timed out after ${c.timeoutMs}ms` }), c.timeoutMs);
            }),
          ]);
        } catch (err) {
          result = { status: 'unhealthy', message: (err as Error)?.message ?? String(err) };
        } finally {
          clearTimeout(timer);
        }
        return { check: c, result: { ...result, duration_seconds: (performance.now() - start) / 1000 } };
      }),
    );
    let status: HealthStatus = 'healthy';
    const checks: HealthReport['checks'] = {};
    for (const { check, result } of entries) {
      checks[check.name] = result;
      if (result.status === 'unhealthy' && check.critical) status = 'unhealthy';
      else if (result.status !== 'healthy' && status === 'healthy') status = 'degraded';
    }
    return { status, version, uptime_seconds: (Date.now() - startedAt) / 1000, checks };
  }
}

/** One row of a health state set: 1 for the state a check (or the service, check undefined) is in, 0 for the others. */
export interface HealthStateSample {
  check?: string;
  critical?: boolean;
  state: HealthStatus;
  value: 0 | 1;
}

/**
 * The report as state sets (the OpenMetrics StateSet shape, as a gauge per state): each check's own status,
 * and the service's overall one, so Prometheus can alert on a degraded dependency and not only on `up`.
 */
export function healthStateSamples(report: HealthReport, checks: HealthChecks): { checks: HealthStateSample[]; overall: HealthStateSample[] } {
  const rows: HealthStateSample[] = [];
  for (const [check, result] of Object.entries(report.checks)) {
    const status = HEALTH_STATES.includes(result.status) ? result.status : 'unhealthy';
    for (const state of HEALTH_STATES) rows.push({ check, critical: checks.isCritical(check) ?? true, state, value: state === status ? 1 : 0 });
  }
  const overall = HEALTH_STATES.map((state): HealthStateSample => ({ state, value: state === report.status ? 1 : 0 }));
  return { checks: rows, overall };
}
