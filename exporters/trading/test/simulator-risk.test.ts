// The simulated desk stays within the limits of config/risk-limits.yml (sized for it) for hours without an
// incident, so a fresh `npm start` pages nobody; the position-buildup incident breaches the VaR and exposure
// limits long enough for their alerts (`for: 5m`), and the desk flattens back under them after it. Hours of
// virtual time: the simulator's position snapshots go through the exporter's ingest into its risk book.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { parseIncidentSpec } from '../src/sim/incidents.js';
import { Simulator } from '../src/sim/simulator.js';
import { loadRiskLimits } from '../src/risk/risk-limits.js';
import { TradingState } from '../src/trading-state.js';
import { T0, applyRaw } from './helpers.js';

const LIMITS = loadRiskLimits(fileURLToPath(new URL('../config/risk-limits.yml', import.meta.url)));
const VAR_LIMIT = LIMITS.varLimits.get('desk-1') ?? NaN;
const MINUTE = 60_000;

interface Reading {
  minute: number;
  valueAtRisk: number;
  /** The highest exposure limit utilisation, and which limit. */
  utilisation: number;
  limit: string;
}

/** Runs the simulator for `minutes` of virtual time; one reading of desk-1's risk per simulated minute. */
function run(opts: { minutes: number; seed: number; incident?: string }): Reading[] {
  const sim = new Simulator({ seed: opts.seed, ordersPerSecond: 25, quoteEveryMs: 0 });
  if (opts.incident) sim.incidents.add(parseIncidentSpec(opts.incident, T0));
  const state = new TradingState({ risk: LIMITS });
  const out: Reading[] = [];
  for (let t = T0; t <= T0 + opts.minutes * MINUTE; t += 250) {
    const snapshots = sim.tick(t).filter((e) => e.type === 'position.snapshot');
    if (snapshots.length) applyRaw(state, snapshots, t);
    if ((t - T0) % MINUTE !== 0 || t === T0) continue;
    const reading: Reading = { minute: (t - T0) / MINUTE, valueAtRisk: state.risk.valueAtRisk().get('desk-1')?.value ?? 0, utilisation: 0, limit: '' };
    const utilisation = state.risk.families().find((f) => f.name === 'trading_exposure_limit_utilisation_ratio');
    for (const s of utilisation?.samples ?? []) {
      if (s.value > reading.utilisation) [reading.utilisation, reading.limit] = [s.value, Object.values(s.labels ?? {}).join(' ')];
    }
    out.push(reading);
  }
  return out;
}

const worst = (rs: Reading[], key: 'valueAtRisk' | 'utilisation') => rs.reduce((a, b) => (b[key] > a[key] ? b : a));

describe('simulated desk against its risk limits', () => {
  it('the limits file is the one sized for the simulator: a VaR limit for desk-1 and a warning tier', () => {
    assert.equal(VAR_LIMIT, 400_000);
    assert.equal(LIMITS.utilisation.warning, 0.8);
  });

  for (const seed of [42, 7]) {
    it(`4 simulated hours without an incident (seed ${seed}): VaR well under its limit, every exposure under the warning tier`, () => {
      const rs = run({ minutes: 240, seed });
      assert.equal(rs.length, 240);
      // Priced from the first minutes on (10 mark returns), so the figure checked is a real one.
      assert.ok(rs.slice(5).every((r) => r.valueAtRisk > 10_000), `VaR priced: ${JSON.stringify(rs.slice(0, 10))}`);
      const v = worst(rs, 'valueAtRisk');
      assert.ok(v.valueAtRisk < VAR_LIMIT / 2, `VaR peaks at ${Math.round(v.valueAtRisk)} at minute ${v.minute} (limit ${VAR_LIMIT})`);
      const u = worst(rs, 'utilisation');
      assert.ok(u.utilisation < LIMITS.utilisation.warning, `${u.limit} at ${u.utilisation.toFixed(2)} of its limit at minute ${u.minute}`);
    });
  }

  it('position-buildup breaches the VaR and exposure limits for its whole length, then the desk flattens back', () => {
    // Starts at 20 min, lasts 15 min (to minute 35).
    const rs = run({ minutes: 60, seed: 42, incident: 'position-buildup@20m:15m' });
    const at = (minute: number) => rs[minute - 1];
    assert.ok(at(19).valueAtRisk < VAR_LIMIT / 2, `before: ${Math.round(at(19).valueAtRisk)}`);
    // Over the limit within 3 minutes and for the rest of the incident: > 5m, so ValueAtRiskLimitExceeded fires.
    for (let m = 23; m <= 35; m++) {
      assert.ok(at(m).valueAtRisk > VAR_LIMIT * 1.25, `minute ${m}: VaR ${Math.round(at(m).valueAtRisk)}`);
      assert.ok(at(m).utilisation > LIMITS.utilisation.critical, `minute ${m}: ${at(m).limit} at ${at(m).utilisation.toFixed(2)}`);
    }
    // Flattened within 10 minutes of its end.
    for (let m = 45; m <= 60; m++) {
      assert.ok(at(m).valueAtRisk < VAR_LIMIT / 2, `minute ${m}: VaR ${Math.round(at(m).valueAtRisk)}`);
      assert.ok(at(m).utilisation < LIMITS.utilisation.warning, `minute ${m}: ${at(m).limit} at ${at(m).utilisation.toFixed(2)}`);
    }
  });
});
