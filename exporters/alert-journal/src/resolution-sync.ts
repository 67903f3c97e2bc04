// Alertmanager sends no resolved notification for an alert that is silenced when it resolves. The journal asks
// Alertmanager instead: a firing occurrence whose alert Alertmanager no longer holds, and that a silence matches,
// was resolved while muted and is closed now. Acknowledgement silences ("until resolved") are expired once their
// alert has resolved, whichever way the resolution arrived. A firing occurrence Alertmanager no longer holds and
// no silence explains (its resolved notification was lost: a journal outage longer than Alertmanager's retries,
// an Alertmanager restart without its data) is closed once nothing was heard of it for `lostAfterMs`, so it does
// not stay firing forever, inflate the active counts or escape retention.
import type { Logger } from 'pino';
import type { AlertmanagerClient, AmMatcher, AmSilence } from './clients/alertmanager.js';
import type { OccurrenceRow } from './store/occurrence.js';
import type { JournalStore } from './store/journal-store.js';

/** Alertmanager's matcher semantics: a missing label is "", regexes are anchored. */
export function matcherMatches(m: AmMatcher, labels: Record<string, string>): boolean {
  const value = labels[m.name] ?? '';
  let hit: boolean;
  if (m.isRegex) {
    try {
      hit = new RegExp(`^(?:${m.value})$`).test(value);
    } catch {
      return false;
    }
  } else hit = value === m.value;
  return m.isEqual === false ? !hit : hit;
}

function silencedAtSomePoint(occ: OccurrenceRow, silences: AmSilence[], now: number): boolean {
  const labels = JSON.parse(occ.labels) as Record<string, string>;
  return silences.some(
    (s) => Date.parse(s.startsAt) <= now && Date.parse(s.endsAt) >= occ.starts_at && s.matchers.every((m) => matcherMatches(m, labels)),
  );
}

export async function syncMutedResolutions(store: JournalStore, am: AlertmanagerClient, logger: Logger, now = Date.now(), lostAfterMs = Infinity): Promise<number> {
  const firing = store.firingOccurrences();
  const ackSilenced = store.withLiveAckSilence();
  if (firing.length === 0 && ackSilenced.length === 0) return 0;
  const active = new Set((await am.alerts()).map((a) => a.fingerprint));
  const gone = firing.filter((o) => !active.has(o.fingerprint));
  let closed = 0;
  if (gone.length) {
    const silences = await am.silences();
    for (const occ of gone) {
      if (occ.ack_silence_id !== null || silencedAtSomePoint(occ, silences, now)) {
        store.closeAsResolved(occ.id, now);
        closed++;
        logger.info({ fingerprint: occ.fingerprint, alertname: occ.alertname }, 'resolved while silenced; closed from Alertmanager state');
      } else if (now - occ.last_received_at > lostAfterMs) {
        store.closeAsResolved(occ.id, now);
        closed++;
        logger.warn(
          { fingerprint: occ.fingerprint, alertname: occ.alertname, lastNotified: new Date(occ.last_received_at).toISOString() },
          'Alertmanager no longer holds this alert and no resolved notification came; closed after --alertmanager.lost-resolution-grace',
        );
      }
    }
  }
  for (const occ of store.withLiveAckSilence()) {
    if (occ.status === 'firing') continue;
    try {
      await am.expireSilence(occ.ack_silence_id as string);
    } catch (err) {
      // Already expired by hand, or gone: nothing left to end.
      if (!/silence not found|already expired/.test((err as Error).message)) {
        logger.warn({ silenceId: occ.ack_silence_id, err: (err as Error).message }, 'could not expire the acknowledgement silence');
        continue;
      }
    }
    store.markAckSilenceEnded(occ.id, now);
  }
  return closed;
}
