// The exchange exporter's definition for the exporter kit: its flags and how they wire the venues together.
import { readFileSync } from 'node:fs';
import type { RunExporterOptions } from '@vigil/exporter-kit';
import { EXCHANGE_FLAGS, setupExchanges } from './setup-exchanges.js';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function exchangeExporterOptions(overrides: Partial<RunExporterOptions> = {}): RunExporterOptions {
  return {
    name: 'vigil-exchange-exporter',
    description: 'Venue health, account state and execution metrics from the exchanges themselves, through ccxt.',
    version: version(),
    namespace: 'exchange_exporter',
    defaultListenAddress: ':9302',
    envPrefix: 'VIGIL_EXCHANGE',
    flags: EXCHANGE_FLAGS,
    setup: async (exporter, flags) => {
      await setupExchanges(exporter, flags);
    },
    ...overrides,
  };
}
