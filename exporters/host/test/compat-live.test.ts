// Live compatibility: Debian's real node_exporter and Vigil's host exporter run side by side on this machine
// with the same core collectors (Debian's defaults: netdev over netlink, lo excluded). Every core family must
// have the same name, TYPE, HELP, label names and series; what does not move must be equal; counters scraped
// node_exporter → Vigil → node_exporter must sit between node_exporter's two readings (within a tolerance).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { promtoolCheckMetrics, startNodeExporter, type RunningExporter as RunningNodeExporter } from '@vigil/test-support';
import {
  CORE_NAMES,
  coreFamilies,
  parseExposition,
  seriesMap,
  startHost,
  startHostProcess,
  type ParsedFamily,
  type RunningHost,
} from './helpers.js';

const COLLECTORS = CORE_NAMES;
const ARGS = ['--collector.disable-defaults', ...COLLECTORS.map((c) => `--collector.${c}`)];

/** Values that must be identical in two back-to-back scrapes. */
const STABLE =
  /^node_(boot_time_seconds|memory_(MemTotal|SwapTotal|Hugepagesize|HugePages_Total|VmallocTotal)(_bytes)?|filesystem_(size_bytes|readonly|device_error)|uname_info|time_zone_offset_seconds|time_clocksource_.*|disk_info|cpu_(info|flag_info|bug_info|isolated))$/;
/** Gauges that move on their own (load, free memory, time): compared by series only. */
const MOVING =
  /^node_(load\d+|procs_(running|blocked)|memory_.*|filesystem_(avail_bytes|free_bytes|files|files_free)|time_seconds|disk_io_now|scrape_collector_success)$/;

/** Counter tolerance: /proc counters tick in 1/100 s, and a busy 2-core machine moves between scrapes. */
function within(value: number, low: number, high: number, name: string): boolean {
  const slack = name.includes('seconds') ? 0.05 : 0;
  return value >= low - slack - Math.abs(low) * 1e-9 && value <= high + slack + Math.abs(high) * 1e-9;
}

describe('Vigil next to the real node_exporter on this machine', () => {
  let ne: RunningNodeExporter;
  let host: RunningHost;
  let before1: Map<string, ParsedFamily>;
  let ours: Map<string, ParsedFamily>;
  let after1: Map<string, ParsedFamily>;
  let oursText: string;
  let theirsText: string;

  before(async () => {
    ne = await startNodeExporter(ARGS);
    host = await startHost(ARGS);
    // Warm both up once so first-scrape effects (cpu caches) are behind us.
    await ne.scrape();
    await host.scrape();
    theirsText = await ne.scrape();
    before1 = coreFamilies(theirsText);
    oursText = await host.scrape();
    ours = coreFamilies(oursText);
    after1 = coreFamilies(await ne.scrape());
  });

  after(async () => {
    await host?.stop();
    await ne?.stop();
  });

  it('exports the same core families with the same TYPE and HELP', () => {
    assert.deepEqual([...ours.keys()].sort(), [...before1.keys()].sort());
    assert.ok(ours.size >= 60, `only ${ours.size} families`);
    for (const [name, fam] of before1) {
      assert.equal(ours.get(name)?.type, fam.type, `TYPE of ${name}`);
      assert.equal(ours.get(name)?.help, fam.help, `HELP of ${name}`);
    }
  });

  it('with the same label names and series', () => {
    for (const [name, fam] of before1) {
      const theirs = [...seriesMap(fam).keys()].sort();
      const mine = [...seriesMap(ours.get(name)).keys()].sort();
      assert.deepEqual(mine, theirs, `series of ${name}`);
    }
  });

  it('with equal values for what does not move', () => {
    let compared = 0;
    for (const [name, fam] of before1) {
      if (!STABLE.test(name)) continue;
      assert.deepEqual(seriesMap(ours.get(name)), seriesMap(fam), `values of ${name}`);
      compared++;
    }
    assert.ok(compared >= 10, `only ${compared} stable families compared`);
    for (const must of [
      'node_boot_time_seconds',
      'node_memory_MemTotal_bytes',
      'node_filesystem_size_bytes',
      'node_uname_info',
    ]) {
      assert.ok(before1.has(must), `${must} is exported`);
    }
  });

  it('with counters between node_exporter readings taken just before and just after', () => {
    let compared = 0;
    for (const [name, fam] of before1) {
      if (fam.type !== 'counter') continue;
      const low = seriesMap(fam);
      const high = seriesMap(after1.get(name));
      for (const [key, value] of seriesMap(ours.get(name))) {
        const l = low.get(key)!;
        const h = high.get(key) ?? l;
        assert.ok(
          within(value, Math.min(l, h), Math.max(l, h), name),
          `${key}: Vigil ${value}, node_exporter ${l} then ${h}`,
        );
        compared++;
      }
    }
    assert.ok(compared >= 20, `only ${compared} counter series compared`);
  });

  it('every other gauge is present (moving values are not compared)', () => {
    for (const [name, fam] of before1) {
      if (fam.type === 'counter' || STABLE.test(name)) continue;
      assert.ok(
        MOVING.test(name) || name.startsWith('node_pressure_'),
        `gauge ${name} is neither stable nor known to move`,
      );
    }
  });

  it('has no promtool check metrics finding that node_exporter does not have itself', () => {
    // node_exporter's /proc/meminfo names (node_memory_MemTotal_bytes, ...) are camelCase, which promtool's
    // lint flags; dashboards depend on them, so Vigil keeps them. Anything else promtool finds is a defect.
    const findings = (text: string) =>
      new Set(
        promtoolCheckMetrics(text)
          .output.split('\n')
          .filter((l) => l.trim() !== ''),
      );
    const theirs = findings(theirsText);
    const ours = [...findings(oursText)];
    assert.ok(ours.length > 0 && theirs.size > 0, 'promtool ran on both');
    for (const line of ours) {
      assert.ok(theirs.has(line), `promtool finding only in Vigil's output: ${line}`);
      assert.match(line, /^node_memory_\S+ metric names should be written in 'snake_case' not 'camelCase'$/);
    }
  });
});

describe('the time zone label in other zones', () => {
  for (const tz of ['Europe/Berlin', 'Asia/Kolkata', 'America/New_York', 'Asia/Dubai']) {
    it(`matches node_exporter with TZ=${tz}`, async () => {
      const args = ['--collector.disable-defaults', '--collector.time'];
      const [ours, theirs] = await Promise.all([
        startHostProcess(args, { TZ: tz }),
        startNodeExporter(args, { TZ: tz }),
      ]);
      try {
        const zone = async (r: RunningNodeExporter) =>
          seriesMap(parseExposition(await r.scrape()).get('node_time_zone_offset_seconds'));
        const expected = await zone(theirs);
        assert.equal(expected.size, 1);
        assert.deepEqual(await zone(ours), expected);
      } finally {
        await Promise.all([ours.stop(), theirs.stop()]);
      }
    });
  }
});

describe('address info', () => {
  it('matches node_exporter with --collector.netdev.address-info', async () => {
    const args = ['--collector.disable-defaults', '--collector.netdev', '--collector.netdev.address-info'];
    const ne = await startNodeExporter(args);
    const host = await startHost(args);
    try {
      const theirs = coreFamilies(await ne.scrape()).get('node_network_address_info');
      const ours = coreFamilies(await host.scrape()).get('node_network_address_info');
      assert.ok(theirs && theirs.samples.length > 0, 'node_exporter lists addresses');
      assert.equal(ours?.help, theirs.help);
      assert.deepEqual(seriesMap(ours), seriesMap(theirs));
    } finally {
      await host.stop();
      await ne.stop();
    }
  });
});

describe('detailed netdev metrics', () => {
  for (const netlink of ['--collector.netdev.netlink', '--no-collector.netdev.netlink']) {
    it(`match node_exporter with --collector.netdev.enable-detailed-metrics ${netlink}`, async () => {
      const args = [
        '--collector.disable-defaults',
        '--collector.netdev',
        '--collector.netdev.enable-detailed-metrics',
        netlink,
      ];
      const ne = await startNodeExporter(args);
      const host = await startHost(args);
      try {
        const before = coreFamilies(await ne.scrape());
        const ours = coreFamilies(await host.scrape());
        const after = coreFamilies(await ne.scrape());
        const names = [...before.keys()].filter((n) => n.startsWith('node_network_')).sort();
        assert.ok(names.includes('node_network_receive_errors_total'), 'detailed names');
        assert.deepEqual([...ours.keys()].filter((n) => n.startsWith('node_network_')).sort(), names);
        for (const name of names) {
          assert.equal(ours.get(name)?.help, before.get(name)!.help);
          const low = seriesMap(before.get(name));
          const high = seriesMap(after.get(name));
          assert.deepEqual([...seriesMap(ours.get(name)).keys()].sort(), [...low.keys()].sort(), name);
          for (const [key, v] of seriesMap(ours.get(name)))
            assert.ok(v >= low.get(key)! && v <= high.get(key)!, `${key}: ${v}`);
        }
      } finally {
        await host.stop();
        await ne.stop();
      }
    });
  }
});

describe("node_exporter's scrape filters (collect[]), side by side", () => {
  it('collect[] runs only the named collectors; a missing or disabled one is a 400 with the same message', async () => {
    // loadavg and meminfo enabled, cpu known but disabled, nope unknown.
    const args = ['--collector.disable-defaults', '--collector.loadavg', '--collector.meminfo'];
    const ne = await startNodeExporter(args);
    const host = await startHost(args);
    try {
      const get = async (base: string, query: string) => {
        const res = await fetch(`${base}/metrics?${query}`);
        return { status: res.status, body: await res.text() };
      };
      const succeeded = (body: string) =>
        [...body.matchAll(/^node_scrape_collector_success\{collector="([^"]+)"\} 1$/gm)].map((m) => m[1]).sort();
      const nodeFamilies = (body: string) =>
        [...coreFamilies(body).keys()].filter((n) => n !== 'node_scrape_collector_success').sort();
      for (const query of ['collect[]=loadavg', 'collect%5B%5D=loadavg&collect%5B%5D=meminfo']) {
        const [theirs, ours] = [await get(ne.url, query), await get(host.url, query)];
        assert.equal(ours.status, 200, query);
        assert.equal(theirs.status, 200, query);
        assert.deepEqual(succeeded(ours.body), succeeded(theirs.body), query);
        assert.deepEqual(nodeFamilies(ours.body), nodeFamilies(theirs.body), query);
        assert.match(ours.body, /^process_cpu_seconds_total /m, 'the exporter\'s own metrics stay');
      }
      assert.deepEqual(succeeded((await get(host.url, 'collect[]=loadavg')).body), ['loadavg']);
      for (const query of ['collect[]=nope', 'collect[]=cpu', 'collect[]=loadavg&collect[]=nope']) {
        const [theirs, ours] = [await get(ne.url, query), await get(host.url, query)];
        assert.equal(theirs.status, 400, query);
        assert.equal(ours.status, 400, query);
        assert.equal(ours.body, theirs.body, query);
      }
      const refused = /^node_web_scrapes_refused_total (\S+)$/m.exec(await host.scrape())?.[1];
      assert.equal(refused, '3');
    } finally {
      await host.stop();
      await ne.stop();
    }
  });

  it('exclude[] (node_exporter 1.9) runs every enabled collector but those; with collect[] it is a 400', async () => {
    const host = await startHost(['--collector.disable-defaults', '--collector.loadavg', '--collector.meminfo']);
    try {
      const res = await fetch(`${host.url}/metrics?exclude[]=meminfo&exclude[]=nope`);
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, /^node_load1 /m);
      assert.doesNotMatch(body, /^node_memory_/m);
      const both = await fetch(`${host.url}/metrics?collect[]=loadavg&exclude[]=meminfo`);
      assert.equal(both.status, 400);
      assert.equal(await both.text(), 'Combined collect and exclude queries are not allowed.');
      // An unfiltered scrape is whole.
      assert.match(await host.scrape(), /^node_memory_MemTotal_bytes /m);
    } finally {
      await host.stop();
    }
  });
});
