// What a clickable table row or flow group needs to be used from the keyboard too: focusable, and Enter or Space
// does what a click does. Rows keep their table role (screen readers still read them as rows); a flow group, an SVG
// <g>, is announced as a button with the given label.
import type React from 'react';

function keyboard(onActivate: () => void) {
  return {
    tabIndex: 0,
    onClick: onActivate,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onActivate();
      }
    },
  };
}

export const activateRow = (onActivate: () => void) => keyboard(onActivate);

export const activateButton = (onActivate: () => void, label: string) => ({
  ...keyboard(onActivate),
  role: 'button',
  'aria-label': label,
});
