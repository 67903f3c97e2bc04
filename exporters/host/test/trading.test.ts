// The trading-host collectors against real local peers: an SNTP responder (right, wrong, silent, refusing,
// spoofed), TCP listeners (open, closed, and one whose accept queue is full so connects time out), and real
// child processes for process groups. None of them may slow a scrape down.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { after, afterEach, describe, it } from 'node:test';
import { FlagError, buildExporter } from '@vigil/exporter-kit';
import { hostExporterOptions } from '../src/index.js';
import {
  decodeReply,
  encodeReply,
  encodeRequest,
  evaluateReply,
  nowSeconds,
  readTimestamp,
} from '../src/trading/sntp.js';
import { parseHostPort, parseNamed } from '../src/trading/flag-values.js';
import { freePort, promtoolCheckMetrics, tempDir, waitFor } from '@vigil/test-support';
import { parseExposition, seriesMap, startHost, type RunningHost } from './helpers.js';

type Behaviour = 'answer' | 'silent' | 'kiss-of-death' | 'spoofed';

/** A local SNTP server whose clock runs `offset` seconds ahead of ours. */
async function sntpResponder(
  offset: number,
  behaviour: Behaviour = 'answer',
): Promise<{ port: number; close: () => Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    if (behaviour === 'silent') return;
    const t = nowSeconds() + offset;
    const reply = encodeReply(msg, t, t, behaviour === 'kiss-of-death' ? 0 : 2);
    if (behaviour === 'spoofed') reply.writeUInt32BE(12345, 24);
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  return { port: socket.address().port, close: () => new Promise((r) => socket.close(() => r())) };
}

/** Scrapes until `ready` holds (background probes finish on their own schedule). */
async function scrapeUntil(
  host: RunningHost,
  ready: (fams: ReturnType<typeof parseExposition>) => boolean,
  ms = 5000,
) {
  let last = '';
  return waitFor(
    async () => {
      last = await host.scrape();
      const fams = parseExposition(last);
      return ready(fams) ? fams : undefined;
    },
    { what: 'the probes to report', timeoutMs: ms, intervalMs: 50 },
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last scrape:\n${last}`);
  });
}

const value = (fams: ReturnType<typeof parseExposition>, family: string, key: string) =>
  seriesMap(fams.get(family)).get(key);

let host: RunningHost | undefined;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await host?.stop();
  host = undefined;
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('SNTP', () => {
  it('round-trips a request through a reply', () => {
    const sent = nowSeconds();
    const request = encodeRequest(sent);
    const reply = decodeReply(encodeReply(request, sent + 1.5, sent + 1.5005, 3));
    assert.equal(reply.mode, 4);
    assert.equal(reply.stratum, 3);
    assert.ok(Math.abs(reply.transmit - (sent + 1.5005)) < 1e-6);
    const r = evaluateReply(reply, sent, readTimestamp(request, 40), sent + 0.002);
    assert.ok(Math.abs(r.offsetSeconds - (1.5 + 0.00025 - 0.001)) < 1e-5, String(r.offsetSeconds));
    assert.ok(Math.abs(r.roundTripSeconds - 0.0015) < 1e-5, String(r.roundTripSeconds));
  });

  it('rejects short, wrong-mode, kiss-of-death and unanswered replies', () => {
    const sent = nowSeconds();
    const request = encodeRequest(sent);
    const stamp = readTimestamp(request, 40);
    assert.throws(() => decodeReply(Buffer.alloc(20)), /too short/);
    const wrongMode = encodeReply(request, sent, sent);
    wrongMode[0] = (4 << 3) | 3;
    assert.throws(() => evaluateReply(decodeReply(wrongMode), sent, stamp, sent), /mode 3/);
    assert.throws(
      () => evaluateReply(decodeReply(encodeReply(request, sent, sent, 0)), sent, stamp, sent),
      /kiss-of-death/,
    );
    assert.throws(
      () => evaluateReply(decodeReply(encodeReply(encodeRequest(sent - 5), sent, sent)), sent, stamp, sent),
      /originate/,
    );
  });
});

describe('clock collector', () => {
  it('measures the offset to a server running 250 ms ahead, and is not synced', async () => {
    const server = await sntpResponder(0.25);
    cleanups.push(server.close);
    host = await startHost([
      `--clock.server=127.0.0.1:${server.port}`,
      '--clock.interval=200ms',
      '--clock.max-offset=10ms',
    ]);
    const key = `vigil_host_clock_offset_seconds{server="127.0.0.1:${server.port}"}`;
    const fams = await scrapeUntil(
      host,
      (f) => value(f, 'vigil_host_clock_offset_seconds', key) !== undefined,
    );
    const offset = value(fams, 'vigil_host_clock_offset_seconds', key)!;
    const rtt = value(fams, 'vigil_host_clock_round_trip_seconds', key.replace('offset', 'round_trip'))!;
    // SNTP's error bound: the true offset lies within half the round trip of the measured one.
    assert.ok(rtt >= 0 && rtt < 0.5, `round trip ${rtt}`);
    assert.ok(Math.abs(offset - 0.25) <= rtt / 2 + 0.002, `offset ${offset}, round trip ${rtt}`);
    assert.equal(value(fams, 'vigil_host_clock_synced', 'vigil_host_clock_synced{}'), 0);
    assert.equal(
      value(
        fams,
        'vigil_host_clock_server_up',
        `vigil_host_clock_server_up{server="127.0.0.1:${server.port}"}`,
      ),
      1,
    );
    assert.equal(
      value(
        fams,
        'vigil_host_clock_server_stratum',
        `vigil_host_clock_server_stratum{server="127.0.0.1:${server.port}"}`,
      ),
      2,
    );
    assert.match(fams.get('vigil_host_clock_offset_seconds')!.help!, /background/);
  });

  it('resolves a host name and speaks to an IPv6 server', async () => {
    const socket = dgram.createSocket('udp6');
    socket.on('message', (msg, rinfo) => {
      const t = nowSeconds();
      socket.send(encodeReply(msg, t, t), rinfo.port, rinfo.address);
    });
    // Dual-stack: answers on ::1 and on 127.0.0.1 (what localhost resolves to here).
    await new Promise<void>((r) => socket.bind(0, '::', () => r()));
    cleanups.push(() => new Promise((r) => socket.close(() => r())));
    const port = socket.address().port;
    host = await startHost([
      '--collector.disable-defaults',
      `--clock.server=[::1]:${port}`,
      `--clock.server=localhost:${port}`,
      '--clock.interval=100ms',
      '--clock.timeout=300ms',
    ]);
    const up = (f: ReturnType<typeof parseExposition>, server: string) =>
      value(f, 'vigil_host_clock_server_up', `vigil_host_clock_server_up{server="${server}"}`);
    const fams = await scrapeUntil(
      host,
      (f) => up(f, `[::1]:${port}`) === 1 && up(f, `localhost:${port}`) !== undefined,
    );
    assert.equal(up(fams, `[::1]:${port}`), 1);
  });

  it('is synced against a server with the same clock, picking the best of several', async () => {
    const good = await sntpResponder(0);
    const dead = await sntpResponder(0, 'silent');
    cleanups.push(good.close, dead.close);
    host = await startHost([
      `--clock.server=127.0.0.1:${good.port}`,
      `--clock.server=127.0.0.1:${dead.port}`,
      '--clock.interval=200ms',
      '--clock.timeout=300ms',
      '--clock.max-offset=20ms',
    ]);
    const fams = await scrapeUntil(
      host,
      (f) =>
        (value(
          f,
          'vigil_host_clock_probes_total',
          `vigil_host_clock_probes_total{outcome="timeout",server="127.0.0.1:${dead.port}"}`,
        ) ?? 0) >= 1,
    );
    assert.equal(value(fams, 'vigil_host_clock_synced', 'vigil_host_clock_synced{}'), 1);
    assert.equal(
      value(
        fams,
        'vigil_host_clock_server_up',
        `vigil_host_clock_server_up{server="127.0.0.1:${dead.port}"}`,
      ),
      0,
    );
  });

  it('counts kiss-of-death and spoofed replies as errors and is then not synced', async () => {
    const kod = await sntpResponder(0, 'kiss-of-death');
    const spoofed = await sntpResponder(0, 'spoofed');
    cleanups.push(kod.close, spoofed.close);
    host = await startHost([
      `--clock.server=127.0.0.1:${kod.port}`,
      `--clock.server=127.0.0.1:${spoofed.port}`,
      '--clock.interval=100ms',
    ]);
    const errorsOf = (f: ReturnType<typeof parseExposition>, port: number) =>
      value(
        f,
        'vigil_host_clock_probes_total',
        `vigil_host_clock_probes_total{outcome="error",server="127.0.0.1:${port}"}`,
      ) ?? 0;
    const fams = await scrapeUntil(host, (f) => errorsOf(f, kod.port) >= 1 && errorsOf(f, spoofed.port) >= 1);
    assert.equal(value(fams, 'vigil_host_clock_synced', 'vigil_host_clock_synced{}'), 0);
    assert.equal(fams.get('vigil_host_clock_offset_seconds')?.samples.length ?? 0, 0);
  });

  it('does not make a scrape wait for a dead server', async () => {
    const dead = await sntpResponder(0, 'silent');
    cleanups.push(dead.close);
    host = await startHost([`--clock.server=127.0.0.1:${dead.port}`, '--clock.timeout=5s']);
    const started = performance.now();
    const fams = parseExposition(await host.scrape());
    const elapsed = performance.now() - started;
    // The probe is still waiting (5 s timeout); the scrape answered from what is known: nothing yet.
    assert.ok(elapsed < 2000, `scrape took ${elapsed} ms`);
    assert.equal(value(fams, 'vigil_host_clock_synced', 'vigil_host_clock_synced{}'), 0);
    assert.equal(
      value(fams, 'node_scrape_collector_success', 'node_scrape_collector_success{collector="clock"}'),
      1,
    );
  });
});

/** A listener that never accepts and whose accept queue is full: the kernel drops further SYNs, so connects hang. */
async function blackholeListener(): Promise<{ port: number; close: () => void }> {
  const child = spawn(
    'python3',
    [
      '-c',
      'import socket,sys,time\ns=socket.socket();s.bind(("127.0.0.1",0));s.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(120)',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', (err) =>
      reject(new Error(`python3 is needed for the connect-timeout listener: ${err.message}`)),
    );
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
  });
  // Fill the queue (backlog 0 still admits one connection).
  const filler = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((r) => filler.once('connect', () => r()));
  return {
    port,
    close: () => {
      filler.destroy();
      child.kill();
    },
  };
}

describe('venues collector', () => {
  it('reports up, refused and timed-out gateways, probing in the background', async () => {
    const server = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => server.close(() => r())));
    const openPort = (server.address() as net.AddressInfo).port;
    const closedPort = await freePort();
    const hole = await blackholeListener();
    cleanups.push(hole.close);
    host = await startHost([
      `--venue=xnas=127.0.0.1:${openPort}`,
      `--venue=bats=127.0.0.1:${closedPort}`,
      `--venue=lse=127.0.0.1:${hole.port}`,
      '--venue.interval=200ms',
      '--venue.timeout=400ms',
    ]);
    const probes = (f: ReturnType<typeof parseExposition>, venue: string, outcome: string) =>
      value(
        f,
        'vigil_host_venue_probes_total',
        `vigil_host_venue_probes_total{outcome="${outcome}",venue="${venue}"}`,
      ) ?? 0;
    const fams = await scrapeUntil(
      host,
      (f) =>
        probes(f, 'xnas', 'success') >= 1 &&
        probes(f, 'bats', 'refused') >= 1 &&
        probes(f, 'lse', 'timeout') >= 1,
    );
    const up = (venue: string) => value(fams, 'vigil_host_venue_up', `vigil_host_venue_up{venue="${venue}"}`);
    assert.equal(up('xnas'), 1);
    assert.equal(up('bats'), 0);
    assert.equal(up('lse'), 0);
    const connect = value(
      fams,
      'vigil_host_venue_connect_duration_seconds',
      'vigil_host_venue_connect_duration_seconds{venue="xnas"}',
    )!;
    assert.ok(connect > 0 && connect < 0.4, `connect ${connect}`);
    assert.equal(
      value(
        fams,
        'vigil_host_venue_connect_duration_seconds',
        'vigil_host_venue_connect_duration_seconds{venue="lse"}',
      ),
      undefined,
    );
    const lastSuccess = value(
      fams,
      'vigil_host_venue_last_success_timestamp_seconds',
      'vigil_host_venue_last_success_timestamp_seconds{venue="xnas"}',
    )!;
    assert.ok(Math.abs(lastSuccess - Date.now() / 1000) < 10);
  });
});

describe('a venue that never answers', () => {
  it('does not make a scrape wait for its connect', async () => {
    const hole = await blackholeListener();
    cleanups.push(hole.close);
    host = await startHost([
      '--collector.disable-defaults',
      `--venue=lse=127.0.0.1:${hole.port}`,
      '--venue.timeout=5s',
    ]);
    const started = performance.now();
    const fams = parseExposition(await host.scrape());
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 2000, `scrape took ${elapsed} ms`);
    assert.equal(fams.has('vigil_host_venue_up'), false, 'no result yet: nothing claimed');
    assert.equal(
      value(
        fams,
        'vigil_host_venue_info',
        'vigil_host_venue_info{address="127.0.0.1:' + hole.port + '",venue="lse"}',
      ),
      1,
    );
  });
});

describe('process groups collector', () => {
  const children: ChildProcess[] = [];
  after(() => children.forEach((c) => c.kill()));

  it('counts processes matched by command line, their memory, fds, threads and start time, with monotonic CPU', async () => {
    const marker = `vigil-marker-${process.pid}-${Date.now()}`;
    const startChild = () => {
      const c = spawn(
        process.execPath,
        ['-e', 'let x=0; const t=Date.now(); while (Date.now()-t<150) x++; setInterval(()=>{},1000)', marker],
        { stdio: 'ignore' },
      );
      children.push(c);
      return c;
    };
    const a = startChild();
    startChild();
    host = await startHost([
      `--process.group=marked=${marker}`,
      '--process.group=nothing=^no-such-process-name$',
    ]);
    const count = (f: ReturnType<typeof parseExposition>, g: string) =>
      value(f, 'vigil_host_process_group_processes', `vigil_host_process_group_processes{group="${g}"}`);
    const cpu = (f: ReturnType<typeof parseExposition>) =>
      (['user', 'system'] as const).reduce(
        (s, mode) =>
          s +
          (value(
            f,
            'vigil_host_process_cpu_seconds_total',
            `vigil_host_process_cpu_seconds_total{group="marked",mode="${mode}"}`,
          ) ?? 0),
        0,
      );
    const fams = await scrapeUntil(host, (f) => count(f, 'marked') === 2 && cpu(f) > 0);
    assert.equal(count(fams, 'nothing'), 0);
    const g = (family: string) => value(fams, family, `${family}{group="marked"}`)!;
    assert.ok(g('vigil_host_process_resident_memory_bytes') > 10e6);
    assert.ok(g('vigil_host_process_virtual_memory_bytes') > g('vigil_host_process_resident_memory_bytes'));
    assert.ok(g('vigil_host_process_open_fds') >= 6);
    assert.ok(g('vigil_host_process_max_fds') > 0);
    assert.ok(g('vigil_host_process_threads') >= 2);
    assert.ok(Math.abs(g('vigil_host_process_oldest_start_time_seconds') - Date.now() / 1000) < 60);
    const cpuBefore = cpu(fams);
    a.kill();
    await new Promise((r) => a.once('exit', r));
    const later = await scrapeUntil(host, (f) => count(f, 'marked') === 1);
    assert.ok(cpu(later) >= cpuBefore, 'CPU seconds of an exited process stay in the total');
    assert.equal(
      promtoolCheckMetrics(await host.scrape())
        .output.split('\n')
        .filter((l) => l.startsWith('vigil_host'))
        .join('\n'),
      '',
    );
  });

  it('sums a fixture tree by name and by command line, first match wins', async () => {
    const tree = new URL('./fixtures/tree/', import.meta.url).pathname;
    host = await startHost([
      `--path.procfs=${tree}proc`,
      '--collector.disable-defaults',
      '--process.group=gateway=^fix-gw$',
      '--process.group=router=order-router',
      '--process.group=everything=.',
    ]);
    const fams = parseExposition(await host.scrape());
    const g = (family: string, group: string) => value(fams, family, `${family}{group="${group}"}`);
    assert.equal(g('vigil_host_process_group_processes', 'gateway'), 1);
    assert.equal(g('vigil_host_process_group_processes', 'router'), 1);
    assert.equal(g('vigil_host_process_group_processes', 'everything'), 1, 'the kernel thread');
    assert.equal(g('vigil_host_process_resident_memory_bytes', 'gateway'), 80000 * 1024);
    assert.equal(g('vigil_host_process_open_fds', 'gateway'), 4);
    assert.equal(g('vigil_host_process_max_fds', 'router'), 256);
    assert.equal(g('vigil_host_process_fd_usage_ratio', 'router'), 2 / 256);
    assert.equal(g('vigil_host_process_threads', 'router'), 30);
    assert.equal(g('vigil_host_process_oldest_start_time_seconds', 'router'), 1700000000 + 900);
    assert.equal(
      value(
        fams,
        'vigil_host_process_cpu_seconds_total',
        'vigil_host_process_cpu_seconds_total{group="gateway",mode="user"}',
      ),
      12.34,
    );
    assert.equal(
      value(
        fams,
        'vigil_host_process_cpu_seconds_total',
        'vigil_host_process_cpu_seconds_total{group="gateway",mode="system"}',
      ),
      5.67,
    );
    assert.equal(g('vigil_host_process_max_fds', 'everything'), undefined, 'no limits file, no limit');
  });
});

describe('trading families', () => {
  it('pass promtool check metrics with every trading collector on', async () => {
    const sntp = await sntpResponder(0);
    cleanups.push(sntp.close);
    host = await startHost([
      '--collector.disable-defaults',
      `--clock.server=127.0.0.1:${sntp.port}`,
      '--venue=x=127.0.0.1:9',
      '--process.group=me=node',
      '--clock.interval=100ms',
      '--venue.interval=100ms',
    ]);
    await scrapeUntil(
      host,
      (f) =>
        f.has('vigil_host_clock_offset_seconds') &&
        f.has('vigil_host_venue_up') &&
        f.has('vigil_host_process_threads'),
    );
    const r = promtoolCheckMetrics(await host.scrape());
    assert.equal(r.output.trim(), '', r.output);
    assert.equal(r.status, 0);
  });
});

describe('process membership', () => {
  it('is decided once per process (pid, start time, name), so command lines are not re-read every scrape', async () => {
    const { scanProcesses, CpuAccumulator, parseGroup } = await import('../src/trading/processes.js');
    const dir = tempDir('vigil-proc-copy-');
    cpSync(new URL('./fixtures/tree/proc', import.meta.url).pathname, join(dir, 'proc'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    const paths = { procfs: join(dir, 'proc'), sysfs: '/nonexistent', rootfs: '/', udevData: '/nonexistent' };
    const groups = [parseGroup('router=order-router')];
    const membership = new Map();
    const cpu = new CpuAccumulator();
    const count = () =>
      scanProcesses(paths, groups, cpu, (e) => assert.fail(String(e)), membership).get('router')?.count ?? 0;
    assert.equal(count(), 1);
    rmSync(join(dir, 'proc', '4243', 'cmdline'));
    assert.equal(count(), 1, 'membership remembered');
    rmSync(join(dir, 'proc', '4243'), { recursive: true });
    assert.equal(count(), 0);
    assert.equal(membership.size, 2, 'the exited process is forgotten');
  });
});

describe('trading flags', () => {
  const build = (args: string[]) => buildExporter(hostExporterOptions(args, {}), args, {});

  it('parses name=value and host:port', () => {
    assert.deepEqual(parseNamed('venue', 'xnas=10.0.0.1:443'), { name: 'xnas', value: '10.0.0.1:443' });
    assert.deepEqual(parseHostPort('venue', '[::1]:9000'), { host: '::1', port: 9000 });
    assert.deepEqual(parseHostPort('clock.server', 'ntp.example', 123), { host: 'ntp.example', port: 123 });
  });

  for (const [args, pattern] of [
    [['--venue=xnas'], /--venue: expected name=value/],
    [['--venue=xnas=10.0.0.1'], /--venue: expected host:port/],
    [['--venue=xnas=10.0.0.1:70000'], /port from 1 to 65535/],
    [['--venue=a=127.0.0.1:1', '--venue=a=127.0.0.1:2'], /configured twice/],
    [['--clock.server=ntp:0'], /--clock.server: expected host:port/],
    [['--process.group=g=('], /--process.group: .*regular expression/],
    [
      ['--collector.diskstats.device-include=^sd', '--collector.diskstats.device-exclude=^loop'],
      /mutually exclusive/,
    ],
    [
      ['--collector.netdev.device-exclude=('],
      /--collector.netdev.device-exclude: expected a regular expression/,
    ],
  ] as const) {
    it(`refuses ${args.join(' ')} naming the flag`, async () => {
      await assert.rejects(
        build([...args]),
        (err: Error) => err instanceof FlagError && pattern.test(err.message),
      );
    });
  }
});

describe('shutdown', () => {
  it('does not wait for a probe in flight', async () => {
    const dead = await sntpResponder(0, 'silent');
    cleanups.push(dead.close);
    const h = await startHost([
      '--collector.disable-defaults',
      `--clock.server=127.0.0.1:${dead.port}`,
      '--clock.timeout=10s',
    ]);
    await h.scrape();
    const started = performance.now();
    await h.stop();
    assert.ok(performance.now() - started < 3000, 'shutdown waited for the 10 s probe');
  });
});
