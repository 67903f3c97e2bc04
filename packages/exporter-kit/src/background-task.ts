// A periodic background task that can never end the process: a throw inside a setInterval callback is an
// uncaught exception, which Node answers by exiting. Each run here is caught; a failure is counted in
// <namespace>_background_task_failures_total{task}, logged at error level (the first, then at most one line per
// LOG_EVERY_MS with the count), and makes the health check `task_<task>` degraded until a run succeeds. The
// timer is unref'd and cleared at shutdown.
import { Counter, type Registry } from 'prom-client';
import type { Exporter } from './exporter.js';

const LOG_EVERY_MS = 10_000;
const counters = new WeakMap<Registry, Counter<'task'>>();

function failureCounter(exporter: Exporter): Counter<'task'> {
  let c = counters.get(exporter.registry);
  if (!c) {
    c = new Counter({
      name: `${exporter.options.namespace}_background_task_failures_total`,
      help: 'Runs of a periodic background task that threw (logged; the task runs again at its next interval), by task.',
      labelNames: ['task'],
      registers: [exporter.registry],
    });
    counters.set(exporter.registry, c);
  }
  return c;
}

/** Runs `run` every `intervalMs` in the background, caught, counted, logged and reflected in /health. */
export function everyInterval(exporter: Exporter, task: string, intervalMs: number, run: () => void): void {
  const failures = failureCounter(exporter);
  failures.inc({ task }, 0);
  let lastError: string | undefined;
  let unlogged = 0;
  let loggedAt = 0;
  const tick = () => {
    try {
      run();
      lastError = undefined;
    } catch (err) {
      failures.inc({ task });
      lastError = (err as Error)?.message ?? String(err);
      unlogged++;
      const now = Date.now();
      if (now - loggedAt >= LOG_EVERY_MS) {
        exporter.logger.error({ task, failures: unlogged, err: lastError, stack: (err as Error)?.stack }, 'background task failed; it runs again at its next interval');
        unlogged = 0;
        loggedAt = now;
      }
    }
  };
  exporter.addCheck(`task_${task}`, () => (lastError ? { status: 'degraded', message: `the last run failed: ${lastError}` } : { status: 'healthy' }), { critical: false });
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  exporter.onClose(() => clearInterval(timer));
}
