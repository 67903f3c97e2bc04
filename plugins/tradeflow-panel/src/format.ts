// How figures read on a trading desk: counts with separators, rates per second or minute, slippage and
// markouts in basis points, latencies in ms or s.
import { formattedValueToString, getValueFormat } from '@grafana/data';

const seconds = getValueFormat('s');

export function formatCount(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) {
    return '–';
  }
  const digits = Math.abs(v) >= 100 || Number.isInteger(v) ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A count over the range as a rate: per second, or per minute when that reads better. */
export function formatRate(v: number, rangeSeconds: number): string {
  if (!(rangeSeconds > 0) || Number.isNaN(v)) {
    return '–';
  }
  const perSecond = v / rangeSeconds;
  return perSecond >= 1 || perSecond === 0
    ? `${formatCount(perSecond)}/s`
    : `${formatCount(perSecond * 60)}/min`;
}

/** A ratio (0.0001 = 1 bp) in basis points, signed. */
export function formatBp(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) {
    return '–';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+∞ bp' : '−∞ bp';
  }
  const bp = v * 1e4;
  const text = Math.abs(bp) >= 10 ? bp.toFixed(1) : bp.toFixed(2);
  return `${bp > 0 ? '+' : ''}${text} bp`;
}

export function formatPercent(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) {
    return '–';
  }
  return `${(v * 100).toFixed(v < 0.1 ? 2 : 1)} %`;
}

export function formatSeconds(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) {
    return '–';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+∞' : '−∞';
  }
  return formattedValueToString(seconds(v, 1));
}

/** "p95" for 0.95, "p99.9" for 0.999. */
export function percentileName(q: number): string {
  return `p${Number((q * 100).toPrecision(6))}`;
}

export function stateName(state: string): string {
  return state.replace(/_/g, ' ');
}
