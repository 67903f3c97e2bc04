import type { GrafanaTheme2 } from '@grafana/data';

import { OTHER_GROUP, type OrderState } from '../data/flow';

// Theme colour names, so the dark and the light theme each get their own shade.
const STATE_COLORS: Record<OrderState, string> = {
  submitted: 'blue',
  acknowledged: 'purple',
  partially_filled: 'yellow',
  filled: 'green',
  canceled: 'text',
  rejected: 'red',
  expired: 'orange',
};

export function stateColor(theme: GrafanaTheme2, state: OrderState): string {
  return STATE_COLORS[state] === 'text'
    ? theme.colors.text.secondary
    : theme.visualization.getColorByName(STATE_COLORS[state]);
}

/** The colour of the i-th group (by rank) from the theme's classic palette; "other" is neutral. */
export function groupColor(theme: GrafanaTheme2, name: string, index: number): string {
  if (name === OTHER_GROUP) {
    return theme.colors.text.disabled;
  }
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(palette[index % palette.length]);
}
