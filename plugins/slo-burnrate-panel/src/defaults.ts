import { DEFAULT_BURN_FACTORS } from './slo/condition';
import { OPTIONS_VERSION, type SloPanelOptions } from './types';

export const DEFAULT_OPTIONS: SloPanelOptions = {
  version: OPTIONS_VERSION,
  layout: 'cards',
  sliMode: 'auto',
  rawKind: 'error_ratio',
  objective: 0.995,
  window: '30d',
  burnFactors: DEFAULT_BURN_FACTORS,
  showChart: true,
  colors: { page: 'red', ticket: 'orange', ok: 'green' },
  selector: '',
};
