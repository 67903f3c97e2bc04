// Acknowledged alerts silenced "until resolved" send no resolved notification (the silence mutes it), so the
// journal asks Alertmanager: an acknowledged occurrence whose alert is no longer active is resolved now, and
// its silence is expired.
import type { Logger } from 'pino';
import type { AlertmanagerClient } from './clients/alertmanager.js';
import type { JournalStore } from './store/journal-store.js';

export async function syncAckedResolutions(store: JournalStore, am: AlertmanagerClient, logger: Logger, now = Date.now()): Promise<number> {
  const live = store.withLiveAckSilence();
  if (live.length === 0) return 0;
  const active = new Set((await am.alerts()).map((a) => a.fingerprint));
  let ended = 0;
  for (const occ of live) {
    // Resolved by a webhook already, or gone from Alertmanager: either way the alert no longer fires.
    if (occ.status === 'firing' && active.has(occ.fingerprint)) continue;
    if (occ.status === 'firing') store.closeAsResolved(occ.id, now);
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
    ended++;
  }
  return ended;
}
