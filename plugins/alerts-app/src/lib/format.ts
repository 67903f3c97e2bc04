// Durations, amounts and times as an on-call operator reads them.

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return '—';
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) {
    return `${s}s`;
  }
  const m = Math.floor(s / 60);
  if (m < 60) {
    return `${m}m`;
  }
  const h = Math.floor(m / 60);
  if (h < 48) {
    return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  }
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

export function since(iso: string, now: number): string {
  return formatDuration((now - Date.parse(iso)) / 1000);
}

export function formatMoney(value: number | null): string {
  if (value === null) {
    return '—';
  }
  const abs = Math.abs(value);
  const text = abs >= 1e6 ? `${(abs / 1e6).toFixed(2)}M` : abs >= 1e3 ? `${(abs / 1e3).toFixed(1)}k` : abs.toFixed(2);
  return `${value < 0 ? '−' : ''}${text}`;
}

export function formatTime(iso: string | number | null): string {
  if (iso === null) {
    return '—';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function resolveLink(url: string | undefined, base: string | undefined): string | undefined {
  if (!url) {
    return undefined;
  }
  if (/^https?:\/\//.test(url) || url.startsWith('/')) {
    return url;
  }
  return base ? `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}` : undefined;
}
