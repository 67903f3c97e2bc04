// Portfolio value per account with its running peak and drawdown. Peaks and worst drawdowns come from and
// go to the state file, so a restart does not reset the drawdown alert's baseline.
import type { MetricFamily } from '@vigil/exporter-kit';
import { GaugeVec } from '../metrics/series.js';
import type { PersistedState } from '../state/state-file.js';

export class Portfolio {
  readonly value = new GaugeVec('trading_portfolio_value', 'Latest portfolio value of the account, in its reporting currency.', ['account']);
  readonly peak = new GaugeVec(
    'trading_portfolio_peak_value',
    'Highest portfolio value seen for the account (kept across restarts in --state.file).',
    ['account'],
  );
  readonly drawdown = new GaugeVec('trading_drawdown_ratio', 'Current drawdown: (peak - value) / peak.', ['account']);
  readonly maxDrawdown = new GaugeVec(
    'trading_max_drawdown_ratio',
    'Worst drawdown seen for the account (kept across restarts in --state.file).',
    ['account'],
  );
  private dirty = false;

  constructor(private readonly state: PersistedState) {
    for (const [account, p] of Object.entries(state.accounts)) {
      this.peak.child([account]).value = p.peak;
      this.maxDrawdown.child([account]).value = p.maxDrawdown;
    }
  }

  /** Records a value; account must already be bounded. */
  update(account: string, value: number): void {
    const known = this.state.accounts[account] ?? (this.state.accounts[account] = { peak: 0, maxDrawdown: 0 });
    if (value > known.peak) {
      known.peak = value;
      this.dirty = true;
    }
    const dd = known.peak > 0 ? (known.peak - value) / known.peak : 0;
    if (dd > known.maxDrawdown) {
      known.maxDrawdown = dd;
      this.dirty = true;
    }
    const labels = [account];
    this.value.child(labels).value = value;
    this.peak.child(labels).value = known.peak;
    this.drawdown.child(labels).value = dd;
    this.maxDrawdown.child(labels).value = known.maxDrawdown;
  }

  /** True once after any peak or worst drawdown changed (the caller then persists the state). */
  takeDirty(): boolean {
    const d = this.dirty;
    this.dirty = false;
    return d;
  }

  families(): MetricFamily[] {
    return [this.value.family(), this.peak.family(), this.drawdown.family(), this.maxDrawdown.family()];
  }
}
