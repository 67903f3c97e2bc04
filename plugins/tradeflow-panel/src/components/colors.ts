import type { GrafanaTheme2 } from '@grafana/data';

import { OTHER_GROUP, type OrderState } from '../data/flow';

// Theme colour names, so the dark and the light theme each get their own shade. Only the final states carry
// a colour of their own (filled green, rejected red, expired orange); the states orders pass through are
// neutral, so the bands' group colours read.
const FINAL_COLORS: Partial<Record<OrderState, string>> = {
  filled: 'green',
  rejected: 'red',
  expired: 'orange',
};

export function stateColor(theme: GrafanaTheme2, state: OrderState): string {
  const name = FINAL_COLORS[state];
  if (name) {
    return theme.visualization.getColorByName(name);
  }
  return state === 'canceled' ? theme.colors.text.disabled : theme.colors.text.secondary;
}

/** The classic palette without the greens, reds and oranges of the final states, starting at blue. */
function groupPalette(theme: GrafanaTheme2): string[] {
  const names = theme.visualization.palette.filter((n) => !/green|red|orange/i.test(n));
  const blue = Math.max(0, names.indexOf('blue'));
  return [...names.slice(blue), ...names.slice(0, blue)];
}

/** The colour of the i-th group (by rank); "other" is neutral. */
export function groupColor(theme: GrafanaTheme2, name: string, index: number): string {
  if (name === OTHER_GROUP) {
    return theme.colors.text.disabled;
  }
  const palette = groupPalette(theme);
  return theme.visualization.getColorByName(palette[index % palette.length]);
}
