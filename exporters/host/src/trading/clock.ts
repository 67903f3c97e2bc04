// clock: how far this host's clock is from the configured NTP servers, measured by SNTP in the background
// (--clock.interval) and served from the last result, plus a synced gauge against --clock.max-offset.
// Venues and regulators require clocks within milliseconds; this is what a desk checks after a latency alert.
import type { MetricFamily, Sample } from '@vigil/exporter-kit';
import type { HostCollectorDef } from '../collectors/types.js';
import { counter, gauge, nonEmpty, samplesBy } from '../families.js';
import { Poller } from './background.js';
import { parseHostPort, validateEach } from './flag-values.js';
import { sntpQuery, type SntpResult } from './sntp.js';

export interface ClockServer {
  server: string;
  poller: Poller<SntpResult>;
}

/** The reachable server with the shortest round trip is the best estimate of true time (as SNTP clients pick). */
export function bestServer(servers: ClockServer[]): { server: string; result: SntpResult } | undefined {
  let best: { server: string; result: SntpResult } | undefined;
  for (const s of servers) {
    const last = s.poller.last;
    if (!last?.ok || !last.value) continue;
    if (!best || last.value.roundTripSeconds < best.result.roundTripSeconds)
      best = { server: s.server, result: last.value };
  }
  return best;
}

export function clockFamilies(servers: ClockServer[], maxOffsetSeconds: number): MetricFamily[] {
  const per = (fn: (s: ClockServer) => number | undefined): Sample[] =>
    samplesBy(servers, 'server', (s) => s.server, fn);
  const probes: Sample[] = servers.flatMap((s) =>
    ['success', 'timeout', 'error'].map((outcome) => ({
      labels: { outcome, server: s.server },
      value: s.poller.outcomes.get(outcome) ?? 0,
    })),
  );
  const best = bestServer(servers);
  const synced = best !== undefined && Math.abs(best.result.offsetSeconds) <= maxOffsetSeconds;
  const bg = 'Measured by SNTP in the background; the value is from the last probe.';
  return nonEmpty([
    gauge(
      'vigil_host_clock_offset_seconds',
      `Offset of the NTP server's clock from the local clock (server minus local) in seconds, from the last successful probe. ${bg}`,
      per((s) => s.poller.lastSuccess?.value?.offsetSeconds),
    ),
    gauge(
      'vigil_host_clock_round_trip_seconds',
      `Round-trip delay to the NTP server in seconds, from the last successful probe. ${bg}`,
      per((s) => s.poller.lastSuccess?.value?.roundTripSeconds),
    ),
    gauge(
      'vigil_host_clock_server_stratum',
      `Stratum the NTP server reported in the last successful probe. ${bg}`,
      per((s) => s.poller.lastSuccess?.value?.stratum),
    ),
    gauge(
      'vigil_host_clock_server_up',
      `1 if the last SNTP probe of the server got a valid answer, 0 otherwise. ${bg}`,
      per((s) => (s.poller.last ? (s.poller.last.ok ? 1 : 0) : undefined)),
    ),
    gauge(
      'vigil_host_clock_last_success_timestamp_seconds',
      'When the server last answered an SNTP probe, in seconds since the epoch.',
      per((s) => (s.poller.lastSuccess ? s.poller.lastSuccess.at / 1000 : undefined)),
    ),
    counter(
      'vigil_host_clock_probes_total',
      'SNTP probes sent to the server, by outcome (success, timeout, error).',
      probes,
    ),
    gauge(
      'vigil_host_clock_max_offset_seconds',
      'The configured largest acceptable clock offset (--clock.max-offset).',
      [{ value: maxOffsetSeconds }],
    ),
    gauge(
      'vigil_host_clock_synced',
      '1 if the reachable NTP server with the shortest round trip is within --clock.max-offset of the local clock, 0 if it is not or no server answered.',
      [{ value: synced ? 1 : 0 }],
    ),
  ]);
}

export const clockCollector: HostCollectorDef = {
  name: 'clock',
  defaultEnabled: false,
  configured: (flags) => (flags['clock.server'] as string[]).length > 0,
  flags: [
    {
      name: 'clock.server',
      type: 'strings',
      placeholder: 'HOST[:PORT]',
      help: 'NTP server to compare the local clock with by SNTP (repeatable; port 123 by default).',
      validate: validateEach((e) => parseHostPort('clock.server', e, 123)),
    },
    {
      name: 'clock.interval',
      type: 'duration',
      default: '15s',
      help: 'How often each NTP server is probed in the background.',
    },
    { name: 'clock.timeout', type: 'duration', default: '1s', help: 'How long to wait for an SNTP answer.' },
    {
      name: 'clock.max-offset',
      type: 'duration',
      default: '10ms',
      help: 'Largest offset from the best NTP server at which the clock still counts as synced.',
    },
  ],
  create: ({ flags, exporter, logger }) => {
    const servers: ClockServer[] = (flags['clock.server'] as string[]).map((server) => {
      const { host, port } = parseHostPort('clock.server', server, 123);
      const poller = new Poller<SntpResult>({
        intervalMs: Number(flags['clock.interval']),
        timeoutMs: Number(flags['clock.timeout']),
        probe: (signal) => sntpQuery(host, port, signal),
        onResult: (r) => {
          if (!r.ok) logger.debug({ server, outcome: r.outcome, err: r.error }, 'SNTP probe failed');
        },
      });
      poller.start();
      return { server, poller };
    });
    exporter?.onClose(() => Promise.all(servers.map((s) => s.poller.stop())).then(() => undefined));
    const maxOffset = Number(flags['clock.max-offset']) / 1000;
    return () => clockFamilies(servers, maxOffset);
  },
};
