// End-to-end on fixed /proc and /sys trees, as node_exporter's own end-to-end test: the whole exporter runs on
// node_exporter 1.5's fixture tree (reference data "node-exporter", read at test time) and its output must equal
// node_exporter's expected e2e-output.txt for every core family that reads the tree. Then the real node_exporter
// runs on the same tree, and on this package's own fixture tree, and every family must match it exactly.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { referenceDir, startNodeExporter, tempDir } from '@vigil/test-support';
import {
  FIXTURE_TREE,
  coreFamilies,
  parseExposition,
  seriesMap,
  startHost,
  writeTemp,
  type ParsedFamily,
} from './helpers.js';

/** node_exporter 1.5's collector/fixtures and e2e-output.txt (peers' reference data, never committed). */
const REFERENCE = referenceDir('node-exporter');

const COLLECTORS = ['cpu', 'diskstats', 'loadavg', 'meminfo', 'netdev', 'pressure', 'stat'];
/** The cpu info flags upstream's end-to-end-test.sh passes. */
const CPU_INFO_FLAGS = [
  '--collector.cpu.info',
  '--collector.cpu.info.flags-include=^(aes|avx.?|constant_tsc)$',
  '--collector.cpu.info.bugs-include=^(cpu_meltdown|spectre_.*|mds)$',
];

function treeArgs(tree: string, udev = '/nonexistent-udev'): string[] {
  return [
    `--path.procfs=${join(tree, 'proc')}`,
    `--path.sysfs=${join(tree, 'sys')}`,
    `--path.udev.data=${udev}`,
    '--collector.disable-defaults',
    ...COLLECTORS.map((c) => `--collector.${c}`),
    '--no-collector.netdev.netlink',
    '--collector.stat.softirq',
    ...CPU_INFO_FLAGS,
  ];
}

function assertFamilyEqual(actual: ParsedFamily | undefined, expected: ParsedFamily, what: string): void {
  assert.ok(actual, `${what}: Vigil does not export ${expected.name}`);
  assert.equal(actual.type, expected.type, `${what}: TYPE of ${expected.name}`);
  assert.equal(actual.help, expected.help, `${what}: HELP of ${expected.name}`);
  assert.deepEqual(seriesMap(actual), seriesMap(expected), `${what}: series of ${expected.name}`);
}

describe("node_exporter 1.5's fixture tree and expected output", () => {
  let vigil: Map<string, ParsedFamily>;

  before(async () => {
    const host = await startHost(treeArgs(REFERENCE));
    try {
      vigil = coreFamilies(await host.scrape());
    } finally {
      await host.stop();
    }
  });

  it('equals e2e-output.txt for every core family that reads the tree', () => {
    const expected = parseExposition(readFileSync(join(REFERENCE, 'e2e-output.txt'), 'utf8'));
    // e2e-output.txt's netdev families came from netlink (the test host's links, not the tree), node_disk_info's
    // udev labels from a udev fixture that is not part of the tree, and node_scrape_collector_success lists
    // every collector upstream enabled: those are compared with the real node_exporter in the next test.
    const notFromTree = (name: string) =>
      name.startsWith('node_network_') ||
      name === 'node_disk_info' ||
      name === 'node_scrape_collector_success';
    const compared: string[] = [];
    for (const [name, fam] of vigil) {
      if (notFromTree(name)) continue;
      assertFamilyEqual(fam, expected.get(name) ?? { name, samples: [] }, 'e2e-output.txt');
      compared.push(name);
    }
    // Every family of these collectors in the expected file must be there too (except those of other collectors
    // sharing a prefix: cpufreq, meminfo_numa) and the udev-only disk families, whose udev data is not in the tree.
    const otherCollectors =
      /^node_(cpu_(scaling_)?frequency|cpu_scaling|memory_numa_|disk_(ata_|device_mapper_info|filesystem_info))/;
    const ours =
      /^node_(cpu_|memory_|disk_|load(1|5|15)$|boot_time_seconds$|context_switches_total$|forks_total$|intr_total$|procs_(running|blocked)$|softirqs_total$|pressure_)/;
    for (const name of expected.keys()) {
      if (ours.test(name) && !otherCollectors.test(name) && !notFromTree(name))
        assert.ok(vigil.has(name), `e2e-output.txt has ${name}, Vigil does not`);
    }
    assert.ok(compared.length >= 80, `only ${compared.length} families compared`);
    for (const f of [
      'node_cpu_seconds_total',
      'node_memory_MemTotal_bytes',
      'node_disk_read_bytes_total',
      'node_pressure_io_stalled_seconds_total',
      'node_cpu_info',
    ]) {
      assert.ok(compared.includes(f), `${f} was compared`);
    }
  });

  it('every collector reports success', () => {
    const success = seriesMap(vigil.get('node_scrape_collector_success'));
    for (const c of COLLECTORS)
      assert.equal(success.get(`node_scrape_collector_success{collector="${c}"}`), 1, c);
  });
});

for (const [title, tree, udev] of [
  ["node_exporter 1.5's fixture tree", REFERENCE, undefined],
  ["this package's own fixture tree", FIXTURE_TREE, join(FIXTURE_TREE, 'udev')],
] as const) {
  describe(`the real node_exporter and Vigil on ${title}`, () => {
    let ours: Map<string, ParsedFamily>;
    let theirs: Map<string, ParsedFamily>;

    before(async () => {
      const args = treeArgs(tree, udev);
      const host = await startHost(args);
      const ne = await startNodeExporter(args);
      try {
        ours = coreFamilies(await host.scrape());
        theirs = coreFamilies(await ne.scrape());
      } finally {
        await host.stop();
        await ne.stop();
      }
    });

    it('export the same families', () => {
      assert.deepEqual([...ours.keys()].sort(), [...theirs.keys()].sort());
      assert.ok(theirs.size >= 30, `node_exporter exported only ${theirs.size} families`);
      if (tree === FIXTURE_TREE) {
        // The own tree has udev data, so the udev-only disk families are compared too.
        for (const f of [
          'node_disk_info',
          'node_disk_filesystem_info',
          'node_disk_device_mapper_info',
          'node_disk_ata_rotation_rate_rpm',
          'node_disk_ata_write_cache_enabled',
        ]) {
          assert.ok(theirs.has(f), `node_exporter exports ${f} on the fixture tree`);
        }
      }
    });

    it('with the same HELP, TYPE, series and values', () => {
      for (const fam of theirs.values()) assertFamilyEqual(ours.get(fam.name), fam, 'node_exporter');
    });
  });
}

describe('a tree Vigil cannot read', () => {
  let host: Awaited<ReturnType<typeof startHost>>;
  after(() => host?.stop());

  it('reports the failed collectors with success 0 and still answers the scrape', async () => {
    host = await startHost([
      '--path.procfs=/nonexistent-proc',
      '--path.sysfs=/nonexistent-sys',
      '--collector.disable-defaults',
      '--collector.meminfo',
      '--collector.loadavg',
      '--collector.pressure',
      '--collector.cpu',
    ]);
    const fams = parseExposition(await host.scrape());
    const success = seriesMap(fams.get('node_scrape_collector_success'));
    for (const c of ['meminfo', 'loadavg', 'pressure', 'cpu'])
      assert.equal(success.get(`node_scrape_collector_success{collector="${c}"}`), 0, c);
    assert.equal(fams.has('node_memory_MemTotal_bytes'), false);
    assert.match(host.logs.text, /collector failed/);
  });

  it('reports garbled files as failed collectors, keeps the others, and says which file', async () => {
    await host?.stop();
    const proc = tempDir('vigil-garbled-');
    mkdirSync(join(proc, 'net'));
    writeTemp(proc, 'meminfo', 'MemTotal: lots kB\n');
    writeTemp(proc, 'loadavg', 'high higher highest\n');
    writeTemp(proc, 'stat', 'cpu0 1 2 x\nctxt many\n');
    writeTemp(proc, 'diskstats', '   8 0 sda 1 2 three\n');
    writeTemp(join(proc, 'net'), 'dev', 'h1\nh2\neth0: 1 2\n');
    host = await startHost([
      `--path.procfs=${proc}`,
      '--collector.disable-defaults',
      ...['meminfo', 'loadavg', 'stat', 'cpu', 'diskstats', 'netdev', 'uname'].map((c) => `--collector.${c}`),
    ]);
    const res = await fetch(`${host.url}/metrics`);
    assert.equal(res.status, 200);
    const fams = parseExposition(await res.text());
    const success = seriesMap(fams.get('node_scrape_collector_success'));
    for (const c of ['meminfo', 'loadavg', 'stat', 'cpu', 'diskstats', 'netdev'])
      assert.equal(success.get(`node_scrape_collector_success{collector="${c}"}`), 0, c);
    assert.equal(success.get('node_scrape_collector_success{collector="uname"}'), 1);
    assert.match(host.logs.text, /invalid value in \/proc\/meminfo line/);
    assert.match(host.logs.text, /invalid \/proc\/net\/dev line/);
  });
});
