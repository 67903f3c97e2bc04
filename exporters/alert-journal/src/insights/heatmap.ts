// When an alert fires, by weekday and hour of the desk's time zone: a 7×24 grid of firing seconds and of
// occurrences started, over a window. Trading alerts follow sessions (the Tokyo open, the London fix), which a
// grid in the desk's zone shows and a UTC one hides.
import type { OccurrenceRow } from '../store/occurrence.js';

export interface Heatmap {
  from: string;
  to: string;
  timezone: string;
  /** Rows are weekdays Monday..Sunday, columns hours 0..23 of `timezone`. */
  firing_seconds: number[][];
  starts: number[][];
}

const SLICE_MS = 15 * 60_000; // every zone's UTC offset is a multiple of 15 minutes
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Throws a RangeError for a zone name the runtime does not know. */
export function localSlotter(timezone: string): (ms: number) => number {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
  const cache = new Map<number, number>();
  return (ms) => {
    const slice = Math.floor(ms / SLICE_MS);
    let slot = cache.get(slice);
    if (slot === undefined) {
      const parts = fmt.formatToParts(new Date(slice * SLICE_MS));
      const day = WEEKDAYS.indexOf(parts.find((p) => p.type === 'weekday')?.value ?? '');
      const hour = Number(parts.find((p) => p.type === 'hour')?.value);
      slot = day * 24 + hour;
      cache.set(slice, slot);
    }
    return slot;
  };
}

const grid = () => Array.from({ length: 7 }, () => new Array<number>(24).fill(0));

export function weekHourHeatmap(rows: OccurrenceRow[], from: number, to: number, now: number, timezone: string): Heatmap {
  const slotOf = localSlotter(timezone);
  const firing = grid();
  const starts = grid();
  for (const r of rows) {
    if (r.starts_at >= from && r.starts_at <= to) {
      const s = slotOf(r.starts_at);
      starts[Math.floor(s / 24)][s % 24] += 1;
    }
    const end = Math.min(r.ends_at ?? now, to);
    for (let t = Math.max(r.starts_at, from); t < end; ) {
      const next = Math.min(end, (Math.floor(t / SLICE_MS) + 1) * SLICE_MS);
      const s = slotOf(t);
      firing[Math.floor(s / 24)][s % 24] += (next - t) / 1000;
      t = next;
    }
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), timezone, firing_seconds: firing, starts };
}

/** Occurrences started in the window, per fingerprint and per alert name ("fired N times this week"). */
export function firingCounts(rows: OccurrenceRow[], from: number, to: number) {
  const byFingerprint: Record<string, number> = {};
  const byAlertname: Record<string, number> = {};
  for (const r of rows) {
    if (r.starts_at < from || r.starts_at > to) continue;
    byFingerprint[r.fingerprint] = (byFingerprint[r.fingerprint] ?? 0) + 1;
    byAlertname[r.alertname] = (byAlertname[r.alertname] ?? 0) + 1;
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), by_fingerprint: byFingerprint, by_alertname: byAlertname };
}
