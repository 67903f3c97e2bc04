// A context manager that keeps the active context for the synchronous run of context.with() only, and turns
// on no async hook. OpenTelemetry's AsyncLocalStorage manager makes Node 20 run promise hooks for every
// promise of the process once any context is entered (about 15 % of the trading exporter's ingest CPU, see
// bench/README.md "tracing-overhead"). A process that starts tracing with `context: 'explicit'` gets this one
// and hands the context on across awaits itself (the request's context on the request, span parents passed
// to inSpan, the span bound to the request's logger).
import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

export class SyncContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const previous = this.current;
    this.current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  /** A function that runs in ctx whenever it is called (other targets are returned as they are). */
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const run = (self: unknown, args: unknown[]) => this.with(ctx, () => (target as (...a: unknown[]) => unknown).apply(self, args));
    return function (this: unknown, ...args: unknown[]) {
      return run(this, args);
    } as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}
