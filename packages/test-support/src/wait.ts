// Polling with a deadline: tests wait for a condition, never for a fixed time.

export interface WaitOptions {
  /** What is awaited, in words: the timeout error says "timed out after N ms waiting for <what>". */
  what: string;
  timeoutMs: number;
  /** Pause between checks (default 100 ms). */
  intervalMs?: number;
  /** Checked before every attempt: a message here stops the wait at once (e.g. the server process exited). */
  giveUp?: () => string | undefined;
}

/**
 * Calls `check` until it returns a value other than undefined, null or false, and resolves with that value.
 * A check that throws counts as "not yet"; the last error is quoted if the deadline passes.
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  opts: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 100;
  let last: unknown;
  for (;;) {
    const reason = opts.giveUp?.();
    if (reason !== undefined) throw new Error(`gave up waiting for ${opts.what}: ${reason}`);
    try {
      const v = await check();
      if (v !== undefined && v !== null && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) {
      const why =
        last === undefined ? '' : `; last error: ${last instanceof Error ? last.message : String(last)}`;
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}${why}`);
    }
    await new Promise((r) => setTimeout(r, Math.min(interval, Math.max(0, deadline - Date.now()))));
  }
}
