// Applies ingest batches in the order their bodies finished arriving, whatever order their checks (inline
// or in a worker) finish in. A client that waits for each 202 therefore sees its batches applied in order,
// exactly as when every check ran on the main thread.
const ignore = (): void => undefined;

export class ApplyQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs apply on the checked batch once every batch queued before has been applied or refused. */
  enqueue<T, R>(checked: Promise<T>, apply: (value: T) => R): Promise<R> {
    // Handled now: a refusal that settles before its turn must not count as an unhandled rejection.
    checked.catch(ignore);
    const done = this.tail.then(() => checked).then(apply);
    this.tail = done.then(ignore, ignore);
    return done;
  }
}
