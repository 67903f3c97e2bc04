// Random Alertmanager answers for contract tests: up to three Alertmanagers sharing fingerprints with differing
// states, suppressions and starts; missing and unknown severities; equal starts; two receivers per alert name.
import type { AmAlert, AmAlertGroup } from '../types';

/** A small deterministic generator (mulberry32), so a failure reproduces. */
export function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function answers(rnd: () => number): Array<{ source: string; groups: AmAlertGroup[] }> {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const fps = Array.from({ length: 40 + Math.floor(rnd() * 80) }, (_, i) => `${Math.floor(rnd() * 16).toString(16)}${i.toString(16).padStart(4, '0')}`);
  return ['am-a', 'am-b', 'am-c'].slice(0, 1 + Math.floor(rnd() * 3)).map((source) => {
    const groups = new Map<string, AmAlertGroup>();
    for (const fp of fps) {
      if (rnd() < 0.3) {
        continue;
      }
      const n = parseInt(fp.slice(1), 16);
      const labels: Record<string, string> = { alertname: `A${n % 7}`, venue: `v${n % 3}` };
      const severity = [undefined, 'critical', 'warning', 'info', 'page'][n % 5];
      if (severity) {
        labels.severity = severity;
      }
      const a: AmAlert = {
        fingerprint: fp,
        labels,
        annotations: rnd() < 0.5 ? { summary: `s${n}` } : (undefined as unknown as Record<string, string>),
        startsAt: new Date(Date.UTC(2026, 10, 20, 10, Math.floor(rnd() * 4))).toISOString(),
        endsAt: '2026-11-20T12:00:00.000Z',
        status: {
          state: pick(['active', 'suppressed', 'unprocessed'] as const),
          silencedBy: rnd() < 0.3 ? [pick(['s1', 's2', 's3'])] : [],
          inhibitedBy: rnd() < 0.2 ? [pick(fps)] : [],
        },
      };
      const key = `${pick(['journal', 'pager'])}|${labels.alertname}`;
      const [receiver, alertname] = key.split('|');
      if (!groups.has(key)) {
        groups.set(key, { labels: { alertname }, receiver: { name: receiver }, alerts: [] });
      }
      groups.get(key)!.alerts.push(a);
    }
    return { source, groups: [...groups.values()] };
  });
}
