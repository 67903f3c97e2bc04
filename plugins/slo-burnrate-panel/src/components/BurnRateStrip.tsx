import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import type { SloModel } from '../data/model';
import { burn } from '../format';
import { windowSeverity, type BurnFactors } from '../slo/condition';
import { BURN_WINDOWS } from '../slo/windows';
import { testIds } from '../testIds';
import type { SeverityColors } from '../types';
import { useSeverityColor } from './severity';

interface Props {
  slo: SloModel;
  factors: BurnFactors;
  colors: SeverityColors;
}

/** The seven burn rates, each coloured by the page or ticket factor of the rules that use its window. */
export function BurnRateStrip({ slo, factors, colors }: Props) {
  const styles = useStyles2(getStyles);
  const colorOf = useSeverityColor(colors);
  return (
    <div className={styles.strip}>
      {BURN_WINDOWS.map((w) => {
        const value = slo.burnRates[w];
        const severity = windowSeverity(w, value, factors);
        return (
          <div
            key={w}
            className={styles.cell}
            data-testid={testIds.burn(slo.slo, w)}
            data-severity={severity}
          >
            <span className={styles.window}>{w}</span>
            <span className={styles.value} style={{ color: colorOf(severity) }}>
              {burn(value)}×
            </span>
          </div>
        );
      })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  strip: css({ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: theme.spacing(0.5) }),
  cell: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0.25, 0),
  }),
  window: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary }),
  value: css({ fontWeight: theme.typography.fontWeightMedium, fontVariantNumeric: 'tabular-nums' }),
});
