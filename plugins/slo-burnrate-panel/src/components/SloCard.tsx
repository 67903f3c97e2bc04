import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { type TimeZone } from '@grafana/schema';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import type { SloModel } from '../data/model';
import { percent } from '../format';
import { testIds } from '../testIds';
import type { SloPanelOptions } from '../types';
import { BudgetChart } from './BudgetChart';
import { BurnRateStrip } from './BurnRateStrip';
import { ConditionBadge, lacksBurnData } from './ConditionBadge';
import { MissingSeries } from './MissingSeries';
import { useSeverityColor } from './severity';
import { BudgetEventsText, BudgetFigure, ExhaustionText, objectiveText } from './SloSummary';

interface Props {
  slo: SloModel;
  options: SloPanelOptions;
  width: number;
  chartHeight: number;
  end: number;
  timeZone: TimeZone;
}

export function SloCard({ slo, options, width, chartHeight, end, timeZone }: Props) {
  const styles = useStyles2(getStyles);
  const colorOf = useSeverityColor(options.colors);
  const service = slo.labels.service;
  return (
    <div className={styles.card} style={{ width }} data-testid={testIds.card(slo.slo)}>
      <div className={styles.header}>
        <div className={styles.title}>
          <span className={styles.name}>{slo.slo}</span>
          <span className={styles.muted}>
            {service ? `${service} · ` : ''}
            {objectiveText(slo)}
            {slo.source === 'raw' ? ' · raw SLI' : ''}
          </span>
        </div>
        <ConditionBadge
          slo={slo.slo}
          state={slo.condition}
          colors={options.colors}
          noData={lacksBurnData(slo.burnRates)}
        />
      </div>
      <div className={styles.figures}>
        <div>
          <div className={styles.muted}>Budget left</div>
          <div
            className={styles.big}
            style={{ color: colorOf((slo.budgetRemaining ?? 1) <= 0 ? 'page' : 'ok') }}
          >
            <BudgetFigure slo={slo} />
          </div>
        </div>
        <div>
          <div className={styles.muted}>SLI</div>
          <div className={styles.big}>{percent(slo.sli, 3)}</div>
        </div>
      </div>
      <BudgetEventsText slo={slo} />
      <BurnRateStrip slo={slo} factors={options.burnFactors} colors={options.colors} />
      <ExhaustionText slo={slo} />
      <MissingSeries slo={slo.slo} missing={slo.missing} />
      {options.showChart && chartHeight >= 40 && slo.history.times.length > 0 && (
        <BudgetChart
          slo={slo}
          end={end}
          width={width - 16}
          height={chartHeight}
          timeZone={timeZone}
          color={colorOf('ok')}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.75),
    padding: theme.spacing(1),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    minWidth: 0,
  }),
  header: css({
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
  }),
  title: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  name: css({
    fontWeight: theme.typography.fontWeightMedium,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  figures: css({ display: 'flex', gap: theme.spacing(3) }),
  big: css({ fontSize: theme.typography.h3.fontSize, fontVariantNumeric: 'tabular-nums' }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
