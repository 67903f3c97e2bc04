// venues: TCP reachability of the exchange gateways this host trades with (--venue name=host:port), probed
// in the background with a connect timeout and served from the last result.
import net from 'node:net';
import { FlagError, type MetricFamily, type Sample } from '@vigil/exporter-kit';
import type { HostCollectorDef } from '../collectors/types.js';
import { counter, gauge, nonEmpty, samplesBy } from '../families.js';
import { Poller } from './background.js';
import { parseHostPort, parseNamed, validateEach } from './flag-values.js';

export const VENUE_OUTCOMES = ['success', 'timeout', 'refused', 'error'] as const;

/** Connects and closes at once; resolves with the connect time in seconds. */
export function tcpConnect(host: string, port: number, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect({ host, port });
    const onAbort = () => {
      socket.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      const seconds = (performance.now() - started) / 1000;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(seconds);
    });
    socket.once('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(err);
    });
  });
}

export function classifyConnectError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'error';
}

export interface Venue {
  name: string;
  address: string;
  poller: Poller<number>;
}

export function venueFamilies(venues: Venue[]): MetricFamily[] {
  const per = (fn: (v: Venue) => number | undefined): Sample[] =>
    samplesBy(venues, 'venue', (v) => v.name, fn);
  const bg = 'Probed in the background; the value is from the last probe.';
  return nonEmpty([
    gauge(
      'vigil_host_venue_up',
      `1 if the last TCP connect to the venue gateway succeeded, 0 otherwise. ${bg}`,
      per((v) => (v.poller.last ? (v.poller.last.ok ? 1 : 0) : undefined)),
    ),
    gauge(
      'vigil_host_venue_connect_duration_seconds',
      `TCP connect time to the venue gateway in seconds, from the last successful probe. ${bg}`,
      per((v) => v.poller.lastSuccess?.value),
    ),
    gauge(
      'vigil_host_venue_last_success_timestamp_seconds',
      'When a TCP connect to the venue gateway last succeeded, in seconds since the epoch.',
      per((v) => (v.poller.lastSuccess ? v.poller.lastSuccess.at / 1000 : undefined)),
    ),
    counter(
      'vigil_host_venue_probes_total',
      'TCP connect probes to the venue gateway, by outcome (success, timeout, refused, error).',
      venues.flatMap((v) =>
        VENUE_OUTCOMES.map((outcome) => ({
          labels: { outcome, venue: v.name },
          value: v.poller.outcomes.get(outcome) ?? 0,
        })),
      ),
    ),
    gauge(
      'vigil_host_venue_info',
      'The configured address of each venue gateway, value always 1.',
      venues.map((v) => ({ labels: { address: v.address, venue: v.name }, value: 1 })),
    ),
  ]);
}

function parseVenue(entry: string): { name: string; host: string; port: number } {
  const { name, value } = parseNamed('venue', entry);
  return { name, ...parseHostPort('venue', value) };
}

export const venuesCollector: HostCollectorDef = {
  name: 'venues',
  defaultEnabled: false,
  configured: (flags) => (flags['venue'] as string[]).length > 0,
  flags: [
    {
      name: 'venue',
      type: 'strings',
      placeholder: 'NAME=HOST:PORT',
      help: 'Venue gateway to probe by TCP connect (repeatable).',
      validate: validateEach(parseVenue),
    },
    {
      name: 'venue.interval',
      type: 'duration',
      default: '5s',
      help: 'How often each venue gateway is probed in the background.',
    },
    {
      name: 'venue.timeout',
      type: 'duration',
      default: '1s',
      help: 'TCP connect timeout for a venue probe.',
    },
  ],
  create: ({ flags, exporter, logger }) => {
    const entries = (flags['venue'] as string[]).map(parseVenue);
    const names = new Set<string>();
    for (const e of entries) {
      if (names.has(e.name))
        throw new FlagError(`--venue: venue ${JSON.stringify(e.name)} is configured twice`, 'venue');
      names.add(e.name);
    }
    const venues: Venue[] = entries.map((e) => {
      const poller = new Poller<number>({
        intervalMs: Number(flags['venue.interval']),
        timeoutMs: Number(flags['venue.timeout']),
        probe: (signal) => tcpConnect(e.host, e.port, signal),
        classify: classifyConnectError,
        onResult: (r) => {
          if (!r.ok) logger.debug({ venue: e.name, outcome: r.outcome, err: r.error }, 'venue probe failed');
        },
      });
      poller.start();
      return { name: e.name, address: `${e.host}:${e.port}`, poller };
    });
    exporter?.onClose(() => Promise.all(venues.map((v) => v.poller.stop())).then(() => undefined));
    return () => venueFamilies(venues);
  },
};
