// The look of @grafana/ui's small solid `Button` (primary and secondary) as class names for plain <button>s, for
// the per-row actions of the alert list. A `Button` builds and serialises its emotion styles on every render (its
// style function is not memoised and not public); these are built once per theme through the row's useStyles2.
import { css } from '@emotion/css';
import type { GrafanaTheme2, ThemeRichColor } from '@grafana/data';
import { styleMixins } from '@grafana/ui';

function variant(theme: GrafanaTheme2, color: ThemeRichColor) {
  const secondary = color.name === 'secondary';
  return {
    background: color.main,
    color: color.contrastText,
    border: `1px solid ${secondary ? color.border : 'transparent'}`,
    '&:hover': {
      background: color.shade,
      color: color.contrastText,
      boxShadow: theme.shadows.z1,
      borderColor: secondary ? color.borderEmphasis : 'transparent',
    },
    '&:focus': { background: color.shade, color: color.contrastText },
    '&:active': { background: color.main },
  };
}

export function rowButtonStyles(theme: GrafanaTheme2) {
  const height = theme.components.height.sm;
  const focus = styleMixins.getButtonFocusStyles(theme);
  const base = {
    display: 'inline-flex',
    alignItems: 'center',
    whiteSpace: 'nowrap' as const,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    fontFamily: theme.typography.fontFamily,
    padding: `0 ${theme.spacing.gridSize - 1}px`,
    height: theme.spacing(height),
    lineHeight: `${theme.spacing.gridSize * height - 2}px`,
    verticalAlign: 'middle',
    cursor: 'pointer',
    borderRadius: theme.shape.radius.default,
    '&:focus': focus,
    '&:focus-visible': focus,
    '&:focus:not(:focus-visible)': styleMixins.getMouseFocusStyles(theme),
    // As Button's disabled look: not clickable, faded, the same size.
    '&:disabled': { cursor: 'not-allowed', opacity: 0.65, boxShadow: 'none' },
  };
  return {
    primary: css(base, variant(theme, theme.colors.primary)),
    secondary: css(base, variant(theme, theme.colors.secondary)),
  };
}
