// Acknowledged alerts silenced "until resolved" send no resolved notification (the silence mutes it), so the
// journal asks Alertmanager: an acknowledged occurrence whose alert is no longer active is resolved now, and
// its silence is expired.
import type { Logger } from 'pino';
import type { AlertmanagerClient } from './clients/alertmanager.js';
import type { JournalStore } from './store/journal-store.js';

export async function syncAckedResolutions(store: JournalStore, am: AlertmanagerClient, logger: Logger, now = Date.now()): Promise<number> {
  const open = store.openWithAckSilence();
  if (open.length === 0) return 0;
  const active = new Set((await am.alerts()).map((a) => a.fingerprint));
  let resolved = 0;
  for (const occ of open) {
    if (active.has(occ.fingerprint)) continue;
    store.closeAsResolved(occ.id, now);
    resolved++;
    try {
      await am.expireSilence(occ.ack_silence_id as string);
    } catch (err) {
      logger.warn({ silenceId: occ.ack_silence_id, err: (err as Error).message }, 'could not expire the acknowledgement silence');
    }
  }
  return resolved;
}
