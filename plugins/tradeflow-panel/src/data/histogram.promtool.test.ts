// The panel's percentiles against the real promtool evaluating histogram_quantile on the same buckets.
// Values must be identical (Object.is: NaN equals NaN, bit for bit otherwise), not merely close.
import type { Sample } from './frames';
import { groupHistograms, histogramQuantile } from './histogram';
import { latencyByVenue } from './latency';
import { signedSlippage } from './slippage';
import {
  bucketize,
  DURATION_BUCKETS,
  edgeCaseSamples,
  latencies,
  QUANTILES,
  seeded,
  SLIPPAGE_BUCKETS,
  type RawSample,
} from '../testdata/histograms';
import { evaluateWithPromtool, inputSeries, type PromSample } from '../testdata/promtool';

function asSamples(raw: RawSample[]): Sample[] {
  return raw.map((r) => ({ labels: r.labels, value: Number(r.value) }));
}

function byLabel(result: PromSample[], label: string): Map<string, number> {
  return new Map(result.map((s) => [s.labels[label] ?? '', s.value]));
}

describe('histogram_quantile edge cases, panel vs promtool', () => {
  const raw = edgeCaseSamples();
  const grouped = groupHistograms(asSamples(raw), (l) => l.case);
  let results: PromSample[][];

  beforeAll(() => {
    results = evaluateWithPromtool(
      inputSeries('h_bucket', raw),
      QUANTILES.map((q) => `histogram_quantile(${q}, h_bucket)`),
    );
  });

  it.each(QUANTILES.map((q, i) => [q, i]))('q = %p: every case identical', (q, i) => {
    const promtool = byLabel(results[i], 'case');
    expect([...promtool.keys()].sort()).toEqual([...grouped.byKey.keys()].sort());
    const mismatches = [...grouped.byKey].flatMap(([name, buckets]) => {
      const ours = histogramQuantile(q, buckets);
      const theirs = promtool.get(name)!;
      return Object.is(ours, theirs) ? [] : [`${name}: panel ${ours}, promtool ${theirs}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('covers each branch of the algorithm (so the comparison above can tell them apart)', () => {
    const median = byLabel(results[QUANTILES.indexOf(0.5)], 'case');
    expect(median.get('tail_in_inf')).toBe(1); // rank in +Inf: second-highest bound
    expect(median.get('le_zero')).toBe(0); // rank in a lowest bucket with bound ≤ 0: the bound
    expect(median.get('only_negative')).toBe(-0.0075); // interpolated between negative bounds
    expect(median.get('empty')).toBeNaN();
    expect(median.get('no_inf')).toBeNaN();
    expect(median.get('only_inf')).toBeNaN();
    expect(median.get('exact_boundary')).toBe(2);
    expect(median.get('latency')).toBeCloseTo(0.025 + 0.025 * (10 / 40), 15);
    expect(median.get('negative')).toBeGreaterThan(0);
    expect(median.get('negative')).toBeLessThan(0.001);
    expect(byLabel(results[QUANTILES.indexOf(-0.5)], 'case').get('latency')).toBe(-Infinity);
    expect(byLabel(results[QUANTILES.indexOf(1.5)], 'case').get('latency')).toBe(Infinity);
    expect(byLabel(results[0], 'case').get('latency')).toBeNaN();
    expect(grouped.skipped).toBe(1); // le="abc"
  });

  it('a wrong implementation is caught: skipping the monotonic envelope changes the answer', () => {
    const buckets = grouped.byKey.get('non_monotonic')!;
    const theirs = byLabel(results[QUANTILES.indexOf(0.5)], 'case').get('non_monotonic');
    // Interpolating on the raw dip instead of the envelope lands elsewhere.
    const naive = 0.25 + (0.5 - 0.25) * ((5 - 4) / (9 - 4));
    expect(theirs).not.toBe(naive);
    expect(histogramQuantile(0.5, buckets)).toBe(theirs);
  });
});

describe('latency by venue, panel vs promtool on sum by (venue, le)', () => {
  const rand = seeded(7);
  const typical: Record<string, number> = { binance: 0.02, coinbase: 0.06, kraken: 0.15 };
  const raw: RawSample[] = [];
  for (const venue of Object.keys(typical)) {
    for (const symbol of ['BTC-USD', 'ETH-USD', 'SOL-USD', 'XRP-USD']) {
      for (const side of ['buy', 'sell']) {
        const n = 20 + Math.floor(rand() * 200);
        raw.push(...bucketize(latencies(rand, n, typical[venue]), DURATION_BUCKETS, { venue, symbol, side }));
      }
    }
  }
  const qs = [0.5, 0.9, 0.95, 0.99, 0.999];

  it('per venue and over all venues, identical', () => {
    const exprs = qs.flatMap((q) => [
      `histogram_quantile(${q}, sum by (venue, le) (trading_order_ack_duration_seconds_bucket))`,
      `histogram_quantile(${q}, sum by (le) (trading_order_ack_duration_seconds_bucket))`,
    ]);
    const results = evaluateWithPromtool(
      inputSeries('trading_order_ack_duration_seconds_bucket', raw),
      exprs,
    );
    const { rows } = latencyByVenue({ ack: asSamples(raw) }, qs);
    expect(rows.map((r) => (r.all ? '(all)' : r.venue))).toEqual(['binance', 'coinbase', 'kraken', '(all)']);
    qs.forEach((q, i) => {
      const perVenue = byLabel(results[2 * i], 'venue');
      const overall = results[2 * i + 1][0].value;
      for (const row of rows) {
        const ours = row.stages.ack!.quantiles.get(q)!;
        const theirs = row.all ? overall : perVenue.get(row.venue)!;
        expect(`${row.venue} q=${q}: ${ours}`).toBe(`${row.venue} q=${q}: ${theirs}`);
      }
    });
    // The venues differ, so a mix-up between them would show.
    const p50 = byLabel(results[0], 'venue');
    expect(p50.get('binance')).toBeLessThan(p50.get('kraken')!);
  });
});

/** Signed slippage observations: a venue's bias plus noise, some fills exactly at the arrival price. */
function slippageSamples(rand: () => number): RawSample[] {
  const raw: RawSample[] = [];
  const bias: Record<string, number> = { binance: -0.0001, kraken: 0.0004, lmax: 0.0015 };
  for (const venue of Object.keys(bias)) {
    const fills = Array.from({ length: 150 + Math.floor(rand() * 100) }, () =>
      rand() < 0.1 ? 0 : bias[venue] + (rand() - 0.5) * 0.003 * (rand() < 0.1 ? 6 : 1),
    );
    raw.push(
      ...bucketize(
        fills.map((s) => Math.max(s, 0)),
        SLIPPAGE_BUCKETS,
        { venue, side: 'adverse' },
      ),
    );
    raw.push(
      ...bucketize(
        fills.map((s) => Math.max(-s, 0)),
        SLIPPAGE_BUCKETS,
        { venue, side: 'favorable' },
      ),
    );
  }
  return raw;
}

describe('signed slippage quantiles, panel vs promtool on the diverging histogram built in PromQL', () => {
  const raw = slippageSamples(seeded(11));
  const adverse = raw.filter((r) => r.labels.side === 'adverse');
  const favorable = raw.filter((r) => r.labels.side === 'favorable');
  const strip = (r: RawSample[]) =>
    r.map((x) => ({ labels: { venue: x.labels.venue, le: x.labels.le }, value: x.value }));
  const input = [
    ...inputSeries('trading_order_slippage_adverse_ratio_bucket', strip(adverse)),
    ...inputSeries('trading_order_slippage_favorable_ratio_bucket', strip(favorable)),
  ];
  // N − favourable(le=b) at le="-b", beside the adverse buckets: the file comment of slippage.ts, in PromQL.
  const signed = (by: string[]) => {
    const adv = 'trading_order_slippage_adverse_ratio_bucket';
    const fav = 'trading_order_slippage_favorable_ratio_bucket';
    const g = by.join(', ');
    const withLe = [...by, 'le'].join(', ');
    return (
      `sum by (${withLe}) (${adv}) or label_replace(` +
      `sum by (${g}) (${adv}{le="+Inf"}) - on (${g}) group_right sum by (${withLe}) (${fav}{le!="+Inf"}),` +
      ` "le", "-$1", "le", "(.+)")`
    );
  };
  const qs = [0.05, 0.25, 0.5, 0.95, 0.99];

  it('p50, p95 and more, per venue and overall, identical', () => {
    const exprs = qs.flatMap((q) => [
      `histogram_quantile(${q}, ${signed(['venue'])})`,
      `histogram_quantile(${q}, ${signed([])})`,
    ]);
    const results = evaluateWithPromtool(input, exprs);
    const adv = groupHistograms(asSamples(adverse), (l) => l.venue).byKey;
    const fav = groupHistograms(asSamples(favorable), (l) => l.venue).byKey;
    const all = (m: typeof adv) =>
      groupHistograms(asSamples(m === adv ? adverse : favorable), () => '').byKey.get('')!;
    qs.forEach((q, i) => {
      const perVenue = byLabel(results[2 * i], 'venue');
      expect([...perVenue.keys()].sort()).toEqual(['binance', 'kraken', 'lmax']);
      for (const venue of perVenue.keys()) {
        const ours = signedSlippage(adv.get(venue)!, fav.get(venue)!)!;
        const theirs = perVenue.get(venue)!;
        expect(`${venue} q=${q}: ${histogramQuantile(q, ours.buckets)}`).toBe(`${venue} q=${q}: ${theirs}`);
      }
      const overall = signedSlippage(all(adv), all(fav))!;
      expect(histogramQuantile(q, overall.buckets)).toBe(results[2 * i + 1][0].value);
      if (q === 0.5) {
        expect(overall.p50).toBe(results[2 * i + 1][0].value);
      }
      if (q === 0.95) {
        expect(overall.p95).toBe(results[2 * i + 1][0].value);
      }
    });
    // The venues' biases show: a favourable median for binance, an adverse one for lmax.
    const medians = byLabel(results[2 * qs.indexOf(0.5)], 'venue');
    expect(medians.get('binance')).toBeLessThan(0);
    expect(medians.get('lmax')).toBeGreaterThan(0.001);
  });
});
