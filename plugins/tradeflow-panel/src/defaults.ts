import { OPTIONS_VERSION, type TradeFlowOptions } from './types';

export const DEFAULT_OPTIONS: TradeFlowOptions = {
  version: OPTIONS_VERSION,
  selector: '',
  sections: { flow: true, slippage: true, latency: true, rejects: true, scorecard: true },
  flowGroupBy: 'venue',
  flowMeasure: 'count',
  maxGroups: 8,
  latencyPercentiles: '50, 95, 99',
  rankBy: 'markout',
  markoutHorizon: '5s',
  benchmark: 'decision',
  variables: { venue: 'venue', strategy: 'strategy', symbol: 'symbol' },
};
