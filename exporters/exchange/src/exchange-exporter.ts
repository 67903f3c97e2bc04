// The exchange exporter's definition for the exporter kit: its flags and how they wire the venues together.
import { FlagError, packageVersion, readSecretFile, type FlagSpec, type RunExporterOptions } from '@vigil/exporter-kit';
import { Forwarder } from './forward/forwarder.js';
import { EXCHANGE_FLAGS, setupExchanges } from './setup-exchanges.js';

export const FORWARD_FLAGS: FlagSpec[] = [
  { name: 'forward.url', type: 'string', default: '', placeholder: 'URL', help: "Trading exporter to post the venues' own orders, fills (venues with a key) and ticker quotes to, as trading events (POST URL/v1/events)." },
  { name: 'forward.token-file', type: 'string', default: '', placeholder: 'FILE', help: "File holding the trading exporter's ingest bearer token." },
  { name: 'forward.state-dir', type: 'string', default: '', placeholder: 'DIR', help: 'Folder of the per-venue cursors (what was forwarded), so a restart neither resends nor skips; required with --forward.url.' },
  { name: 'forward.lookback', type: 'duration', default: '1h', placeholder: 'DURATION', help: 'How far back the first poll of a venue without a cursor reads its orders and trades.' },
];

export function exchangeExporterOptions(overrides: Partial<RunExporterOptions> = {}): RunExporterOptions {
  return {
    name: 'vigil-exchange-exporter',
    description: 'Venue health, account state and execution metrics from the exchanges themselves, through ccxt.',
    version: packageVersion(new URL('../package.json', import.meta.url)),
    namespace: 'exchange_exporter',
    defaultListenAddress: ':9302',
    envPrefix: 'VIGIL_EXCHANGE',
    flags: [...EXCHANGE_FLAGS, ...FORWARD_FLAGS],
    setup: async (exporter, flags) => {
      const url = String(flags['forward.url'] ?? '');
      let forwarder: Forwarder | undefined;
      if (url) {
        if (!/^https?:\/\/[^/]+/.test(url)) throw new FlagError(`--forward.url: expected http(s)://host:port of the trading exporter, got ${JSON.stringify(url)}`, 'forward.url');
        const stateDir = String(flags['forward.state-dir'] ?? '');
        if (!stateDir) throw new FlagError('--forward.state-dir: required with --forward.url (where the per-venue cursors are kept)', 'forward.state-dir');
        const tokenFile = String(flags['forward.token-file'] ?? '');
        forwarder = new Forwarder({
          url,
          stateDir,
          token: tokenFile ? readSecretFile('forward.token-file', tokenFile) : undefined,
          lookbackMs: Number(flags['forward.lookback']),
          timeoutMs: Number(flags['exchange.timeout']),
          logger: exporter.logger,
        });
        const fwd = forwarder;
        exporter.addCollector({ name: 'forwarding', collect: () => fwd.families() });
      }
      const fwd = forwarder;
      await setupExchanges(exporter, flags, fwd ? { forwarding: { tasks: (v, ex) => fwd.tasks(v, ex), quote: (...a) => fwd.quote(...a) } } : {});
      // Registered after the venues' closer, so it runs once they have stopped: the last quotes go out.
      if (fwd) exporter.onClose(() => fwd.close());
    },
    ...overrides,
  };
}
