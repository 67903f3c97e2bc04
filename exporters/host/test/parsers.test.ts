// The pure parsers, on this package's own fixture tree (test/fixtures/tree) and on edge cases.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CpuTimesCache, parseCpuList, parseCpuTimes, parseCpuinfo } from '../src/collectors/cpu.js';
import { DISK_FIELDS, parseDiskstats, parseUdevProperties } from '../src/collectors/diskstats.js';
import { parseMounts, filesystemFamilies } from '../src/collectors/filesystem.js';
import { parseLoadavg } from '../src/collectors/loadavg.js';
import { parseMeminfo } from '../src/collectors/meminfo.js';
import { legacyNames, linkStatistics, parseProcNetDev } from '../src/collectors/netdev.js';
import { parsePsi } from '../src/collectors/pressure.js';
import { parseProcStat } from '../src/collectors/stat.js';
import { parseClocksource } from '../src/collectors/time.js';
import { DeviceFilter } from '../src/device-filter.js';
import { stripRootfs, DEFAULT_PATHS } from '../src/host-paths.js';
import { FIXTURE_TREE } from './helpers.js';

const read = (p: string) => readFileSync(join(FIXTURE_TREE, p), 'utf8');

describe('/proc/stat', () => {
  it('parses per-CPU times in seconds (USER_HZ 100), without the aggregate line', () => {
    const cpus = parseCpuTimes(read('proc/stat'));
    assert.deepEqual([...cpus.keys()], ['0', '1']);
    assert.deepEqual(cpus.get('0'), {
      user: 120,
      nice: 1,
      system: 45,
      idle: 3500,
      iowait: 7,
      irq: 0,
      softirq: 3,
      steal: 0.1,
      guest: 1,
      guest_nice: 0.04,
    });
  });

  it('parses boot time, context switches, interrupts, forks and procs', () => {
    assert.deepEqual(parseProcStat(read('proc/stat')), {
      bootTime: 1700000000,
      contextSwitches: 5551234,
      interrupts: 987654,
      forks: 43210,
      procsRunning: 3,
      procsBlocked: 1,
      softirqs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    });
  });

  it('rejects a garbled counter', () => {
    assert.throws(() => parseProcStat('ctxt lots\n'), /invalid \/proc\/stat line/);
    assert.throws(() => parseCpuTimes('cpu0 1 2 x\n'), /invalid \/proc\/stat cpu line/);
  });

  it('keeps CPU counters from going backwards, and starts over after a hot-plug jump', () => {
    const cache = new CpuTimesCache();
    const t = (idle: number, user: number) =>
      new Map([
        [
          '0',
          {
            user,
            nice: 0,
            system: 0,
            idle,
            iowait: 0,
            irq: 0,
            softirq: 0,
            steal: 0,
            guest: 0,
            guest_nice: 0,
          },
        ],
      ]);
    assert.equal(cache.update(t(100, 10)).get('0')!.user, 10);
    assert.equal(cache.update(t(101, 9.99)).get('0')!.user, 10, 'user wobbled back: kept');
    assert.equal(cache.update(t(50, 1)).get('0')!.idle, 50, 'idle fell by >= 3 s: reset');
    assert.equal(cache.update(t(50, 1)).get('0')!.user, 1);
  });
});

describe('/proc/cpuinfo and CPU lists', () => {
  it('parses one block per logical CPU', () => {
    const cpus = parseCpuinfo(read('proc/cpuinfo'));
    assert.equal(cpus.length, 2);
    assert.equal(cpus[1].coreId, '1');
    assert.equal(cpus[0].modelName, 'AMD Ryzen 9 5950X 16-Core Processor');
    assert.equal(cpus[0].cacheSize, '512 KB');
    assert.deepEqual(cpus[0].bugs, ['sysret_ss_attrs', 'spectre_v1', 'spectre_v2']);
  });

  it('expands ranges', () => {
    assert.deepEqual(parseCpuList('0-2,5,7-8\n'), [0, 1, 2, 5, 7, 8]);
    assert.deepEqual(parseCpuList('\n'), []);
    assert.throws(() => parseCpuList('3-1'), /invalid CPU range/);
    assert.throws(() => parseCpuList('a'), /invalid CPU list/);
  });
});

describe('/proc/meminfo', () => {
  it('names fields as node_exporter does and converts kB to bytes', () => {
    const fields = new Map(parseMeminfo(read('proc/meminfo')).map((f) => [f.name, f.value]));
    assert.equal(fields.get('MemTotal_bytes'), 8167004 * 1024);
    assert.equal(fields.get('Active_anon_bytes'), 900000 * 1024);
    assert.equal(fields.get('Inactive_file_bytes'), 1500000 * 1024);
    assert.equal(fields.get('HugePages_Total'), 4, 'no unit, no conversion, no suffix');
    assert.equal(fields.size, 11);
  });

  it('rejects a line it cannot read', () => {
    assert.throws(() => parseMeminfo('MemTotal 5 kB\n'), /invalid \/proc\/meminfo line/);
    assert.throws(() => parseMeminfo('MemTotal: many kB\n'), /invalid value/);
  });
});

describe('/proc/loadavg and /proc/pressure', () => {
  it('parses the three load averages', () => {
    assert.deepEqual(parseLoadavg(read('proc/loadavg')), [0.42, 0.37, 0.3]);
    assert.throws(() => parseLoadavg('x y z'), /unexpected \/proc\/loadavg/);
  });

  it('parses PSI totals in microseconds', () => {
    assert.deepEqual(parsePsi(read('proc/pressure/io')), { some: 7250000, full: 3125000 });
    assert.deepEqual(parsePsi('some avg10=0.00 avg60=0.00 avg300=0.00 total=12\n'), { some: 12 });
    assert.throws(() => parsePsi('nonsense'), /no "some" line/);
  });
});

describe('/proc/diskstats and udev', () => {
  it('parses 17-, 15- and 11-field lines', () => {
    const lines = parseDiskstats(read('proc/diskstats'));
    assert.deepEqual(
      lines.map((l) => [l.device, l.stats.length]),
      [
        ['nvme0n1', 17],
        ['nvme0n1p1', 17],
        ['loop0', 17],
        ['dm-0', 11],
        ['sda', 15],
      ],
    );
    assert.equal(lines[0].stats[2] * DISK_FIELDS[2].factor, 9600000 * 512, 'sectors → bytes');
  });

  it("applies node_exporter's default device exclusion", () => {
    const filter = new DeviceFilter('^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$', undefined);
    assert.deepEqual(
      parseDiskstats(read('proc/diskstats'))
        .filter((l) => !filter.ignored(l.device))
        .map((l) => l.device),
      ['nvme0n1', 'dm-0', 'sda'],
    );
  });

  it('reads udev E: properties', () => {
    const props = parseUdevProperties(read('udev/b259:0'));
    assert.equal(props.ID_MODEL, 'Example NVMe 1TB');
    assert.equal(props.ID_WWN, 'eui.0001');
    assert.equal(props['disk/by-id/nvme-Example'], undefined, 'S: lines are not properties');
  });
});

describe('network devices', () => {
  it('parses /proc/net/dev, including names with a colon', () => {
    const stats = parseProcNetDev(read('proc/net/dev'));
    assert.deepEqual([...stats.keys()], ['lo', 'eth0']);
    assert.equal(stats.get('eth0')!.receive_bytes, 987654321);
    assert.equal(stats.get('eth0')!.transmit_carrier, 4);
    assert.equal(
      parseProcNetDev('h1\nh2\nibr10:30: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n').get('ibr10:30')!
        .transmit_compressed,
      16,
    );
    assert.throws(() => parseProcNetDev('h1\nh2\neth0: 1 2 3\n'), /invalid \/proc\/net\/dev line/);
  });

  it("folds netlink's detailed counters into the legacy names, summing errors as the kernel does", () => {
    const netlink = {
      receive_dropped: 1,
      receive_missed_errors: 2,
      receive_frame_errors: 3,
      receive_length_errors: 4,
      receive_over_errors: 5,
      receive_crc_errors: 6,
      transmit_carrier_errors: 7,
      transmit_aborted_errors: 8,
      transmit_heartbeat_errors: 9,
      transmit_window_errors: 10,
      collisions: 11,
      receive_nohandler: 12,
      receive_errors: 13,
      multicast: 14,
    };
    const m = legacyNames(netlink);
    assert.equal(m.receive_drop, 1 + 2);
    assert.equal(m.receive_frame, 3 + 4 + 5 + 6);
    assert.equal(m.transmit_carrier, 7 + 8 + 9 + 10);
    assert.equal(m.transmit_colls, 11);
    assert.equal(m.receive_nohandler, 12);
    assert.equal(m.receive_errs, 13);
    assert.equal(m.receive_multicast, 14);
    assert.equal(m.receive_missed_errors, undefined);
  });
});

describe('mounts and filesystems', () => {
  it('parses mounts, unescaping spaces, and strips --path.rootfs', () => {
    const mounts = parseMounts(read('proc/1/mounts'), DEFAULT_PATHS);
    assert.equal(mounts.length, 6);
    assert.equal(mounts[3].mountPoint, '/var/lib/trading data');
    assert.equal(stripRootfs({ ...DEFAULT_PATHS, rootfs: '/host' }, '/host/var'), '/var');
    assert.equal(stripRootfs({ ...DEFAULT_PATHS, rootfs: '/host' }, '/host'), '/');
    assert.equal(
      parseMounts('/dev/sda1 /host/data ext4 rw 0 0\n', { rootfs: '/host/' })[0].mountPoint,
      '/data',
    );
  });

  it('emits one series per device/mount/type, device_error alone for a failed statfs', () => {
    const [root, , , data, dup] = parseMounts(read('proc/1/mounts'), DEFAULT_PATHS);
    const fams = filesystemFamilies([
      {
        mount: root,
        deviceError: false,
        size: 100,
        free: 40,
        avail: 30,
        files: 10,
        filesFree: 5,
        readonly: false,
      },
      { mount: data, deviceError: true },
      { mount: dup, deviceError: false, size: 1, free: 1, avail: 1, files: 1, filesFree: 1, readonly: false },
    ]);
    const byName = new Map(fams.map((f) => [f.name, f]));
    assert.deepEqual(
      byName.get('node_filesystem_device_error')!.samples.map((s) => [s.labels!.mountpoint, s.value]),
      [
        ['/', 0],
        ['/var/lib/trading data', 1],
      ],
    );
    assert.deepEqual(
      byName.get('node_filesystem_size_bytes')!.samples.map((s) => s.value),
      [100],
    );
  });
});

describe('clocksources', () => {
  it('splits the available list', () => {
    assert.deepEqual(
      parseClocksource(
        '0',
        read('sys/devices/system/clocksource/clocksource0/available_clocksource'),
        'tsc\n',
      ),
      { device: '0', available: ['tsc', 'hpet', 'acpi_pm'], current: 'tsc' },
    );
  });
});

describe('time zones', () => {
  it('reads names and offsets from POSIX TZ strings', async () => {
    const { parsePosixTz, tzifFooter, localZoneFile } = await import('../src/time-zone.js');
    assert.deepEqual(parsePosixTz('CET-1CEST,M3.5.0,M10.5.0/3'), {
      std: { name: 'CET', offsetSeconds: 3600 },
      dst: { name: 'CEST', offsetSeconds: 7200 },
    });
    assert.deepEqual(parsePosixTz('IST-5:30'), { std: { name: 'IST', offsetSeconds: 19800 } });
    assert.deepEqual(parsePosixTz('<+04>-4'), { std: { name: '+04', offsetSeconds: 14400 } });
    assert.deepEqual(parsePosixTz('EST5EDT,M3.2.0,M11.1.0'), {
      std: { name: 'EST', offsetSeconds: -18000 },
      dst: { name: 'EDT', offsetSeconds: -14400 },
    });
    assert.equal(parsePosixTz(''), undefined);
    assert.equal(tzifFooter(Buffer.from('TZif2...\nUTC0\n')), 'UTC0');
    assert.equal(tzifFooter(Buffer.from('nonsense\n')), undefined);
    assert.equal(localZoneFile({}), '/etc/localtime');
    assert.equal(localZoneFile({ TZ: '' }), 'UTC');
    assert.equal(localZoneFile({ TZ: ':Europe/Paris' }), '/usr/share/zoneinfo/Europe/Paris');
  });
});

describe('softirqs', () => {
  it('reads the per-vector counts after the total', () => {
    assert.deepEqual(parseProcStat(read('proc/stat')).softirqs, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.throws(() => parseProcStat('softirq 5 x\n'), /invalid \/proc\/stat line/);
  });
});

describe('address scopes', () => {
  it("classify addresses as Go's net.IP predicates do", async () => {
    const { addressScope } = await import('../src/address-scope.js');
    const cases: Array<[string, 'IPv4' | 'IPv6', string]> = [
      ['127.0.0.1', 'IPv4', 'link-local'],
      ['169.254.10.1', 'IPv4', 'link-local'],
      ['224.0.0.251', 'IPv4', 'link-local'],
      ['10.1.2.3', 'IPv4', 'global'],
      ['192.0.2.2', 'IPv4', 'global'],
      ['239.1.1.1', 'IPv4', ''],
      ['0.0.0.0', 'IPv4', ''],
      ['255.255.255.255', 'IPv4', ''],
      ['::1', 'IPv6', 'link-local'],
      ['fe80::fc:ff:fe00:1', 'IPv6', 'link-local'],
      ['ff02::1', 'IPv6', 'link-local'],
      ['ff01::1', 'IPv6', 'interface-local'],
      ['ff05::2', 'IPv6', ''],
      ['fd00::2', 'IPv6', 'global'],
      ['2001:db8::1', 'IPv6', 'global'],
      ['::', 'IPv6', ''],
    ];
    for (const [address, family, scope] of cases) assert.equal(addressScope(address, family), scope, address);
  });
});

describe('link statistics files', () => {
  it('map sysfs statistics names to netlink field names', () => {
    const files = {
      rx_bytes: read('sys/class/net/eth0/statistics/rx_bytes'),
      rx_nohandler: read('sys/class/net/eth0/statistics/rx_nohandler'),
      bogus: '5',
      tx_bytes: undefined,
    };
    assert.deepEqual(linkStatistics(files), { receive_bytes: 30, receive_nohandler: 240 });
  });
});
