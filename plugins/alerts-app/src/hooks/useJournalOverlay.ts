// What the journal and Prometheus add to the live alerts: acknowledgements, weekly firing counts and the money
// at stake. Each source fails on its own and the alert list stays.
import { journal, JOURNAL, promInstant, PROMETHEUS } from '../api/clients';
import { MONEY_QUERIES, type MoneyMetric, type Sample } from '../lib/money';
import { useAppContext } from '../components/AppContext';
import { useAsync } from './useAsync';
import { SourceError } from '../api/proxy';

/** Nothing is requested while `wait` is true (the alert list's own request first). */
export function useJournalOverlay(refreshKey: string, wait = false) {
  const { settings } = useAppContext();
  const configured = settings.journalUrl !== '';
  const notConfigured = (source: string) => Promise.reject(new SourceError(source, 'not-configured', 'set its URL in the app configuration'));
  const acks = useAsync(JOURNAL, () => (configured ? journal.acks() : notConfigured(JOURNAL)), wait ? null : `acks|${refreshKey}`);
  const counts = useAsync(JOURNAL, () => (configured ? journal.firingCounts() : notConfigured(JOURNAL)), wait ? null : `counts|${refreshKey}`);
  const money = useAsync(
    PROMETHEUS,
    async () => {
      if (!settings.prometheusUrl) {
        return null;
      }
      const entries = await Promise.all((Object.keys(MONEY_QUERIES) as MoneyMetric[]).map(async (k) => [k, await promInstant(MONEY_QUERIES[k])] as const));
      return Object.fromEntries(entries) as Record<MoneyMetric, Sample[]>;
    },
    wait ? null : `money|${refreshKey}|${settings.prometheusUrl}`
  );
  return { acks, counts, money };
}
