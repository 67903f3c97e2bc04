// Helpers for business metrics in platform services (the seeds' "common-lib"): time an operation into a
// histogram with an outcome label, without every service re-writing the try/finally.
import type { Histogram } from 'prom-client';

/**
 * Runs fn and observes its duration in `histogram` with the given labels plus `outcome` = success | error.
 * The histogram must have an `outcome` label.
 */
export async function timed<T, L extends string>(
  histogram: Histogram<L | 'outcome'>,
  labels: Partial<Record<L, string>>,
  fn: () => Promise<T> | T,
): Promise<T> {
  const t0 = process.hrtime.bigint();
  let outcome = 'success';
  try {
    return await fn();
  } catch (err) {
    outcome = 'error';
    throw err;
  } finally {
    histogram.observe({ ...labels, outcome } as Partial<Record<L | 'outcome', string>>, Number(process.hrtime.bigint() - t0) / 1e9);
  }
}
