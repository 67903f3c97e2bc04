// Small statistics helpers shared by the benchmarks.
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Prints a `name=value` line, the format every Vigil benchmark uses. */
export function report(name: string, value: number, digits = 3): void {
  console.log(`${name}=${Number.isInteger(value) ? value : value.toFixed(digits)}`);
}

/** Runs a then b alternately `rounds` times after `warmup` rounds, returning each one's timings in ms. */
export async function interleave(
  rounds: number,
  warmup: number,
  a: () => Promise<unknown> | unknown,
  b: () => Promise<unknown> | unknown,
): Promise<{ a: number[]; b: number[] }> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < warmup + rounds; i++) {
    const order: Array<[() => unknown, number[]]> = i % 2 ? [[b, tb], [a, ta]] : [[a, ta], [b, tb]];
    for (const [fn, out] of order) {
      const t0 = performance.now();
      await fn();
      const dt = performance.now() - t0;
      if (i >= warmup) out.push(dt);
    }
  }
  return { a: ta, b: tb };
}
