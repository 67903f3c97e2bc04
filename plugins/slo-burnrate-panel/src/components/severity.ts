import { useTheme2 } from '@grafana/ui';

import type { ConditionState, Severity } from '../slo/condition';
import type { SeverityColors } from '../types';

/** Resolves the configured colour names through the theme, so dark and light themes both read right. */
export function useSeverityColor(
  colors: SeverityColors,
): (s: Severity | ConditionState | 'ok' | 'unknown') => string {
  const theme = useTheme2();
  return (s) => {
    if (s === 'page') {
      return theme.visualization.getColorByName(colors.page);
    }
    if (s === 'ticket') {
      return theme.visualization.getColorByName(colors.ticket);
    }
    if (s === 'unknown') {
      return theme.colors.text.disabled;
    }
    return theme.visualization.getColorByName(colors.ok);
  };
}
