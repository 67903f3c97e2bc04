/** The burn-rate windows the SLO generator records (`slo:sli_error:ratio_rate<W>`), shortest first. */
export const BURN_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses a Prometheus-style duration such as `5m`, `1h30m` or `30d` into seconds; throws naming the input. */
export function durationSeconds(text: string): number {
  const re = /(\d+(?:\.\d+)?)([smhdw])/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    if (m.index !== consumed) {
      break;
    }
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    consumed += m[0].length;
  }
  if (consumed === 0 || consumed !== text.length) {
    throw new Error(`invalid duration "${text}": expected e.g. 5m, 6h, 30d`);
  }
  return total;
}

/** Formats seconds as the largest whole units, e.g. 93784 → "1d 2h", for forecasts a desk reads at a glance. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return '∞';
  }
  if (seconds <= 0) {
    return '0s';
  }
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    if (parts.length === 2) {
      break;
    }
  }
  return parts.join(' ');
}
