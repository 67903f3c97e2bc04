import { css } from '@emotion/css';
import { type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React, { useMemo } from 'react';

import { buildModel } from '../data/model';
import { testIds } from '../testIds';
import type { SloPanelOptions } from '../types';
import { DataProblems } from './MissingSeries';
import { SloCard } from './SloCard';
import { SloTable } from './SloTable';

const CARD_MIN_WIDTH = 340;
const GAP = 8;

export function SloBurnRatePanel({
  data,
  options,
  width,
  height,
  timeRange,
  timeZone,
}: PanelProps<SloPanelOptions>) {
  const styles = useStyles2(getStyles);
  const model = useMemo(() => {
    try {
      return buildModel(data.series, {
        objective: options.objective,
        window: options.window,
        factors: options.burnFactors,
        sliMode: options.sliMode,
        rawKind: options.rawKind,
      });
    } catch (e) {
      // Bad options (an objective of 1, a window of "30 days") must not blank the panel.
      return { slos: [], problems: [e instanceof Error ? e.message : String(e)] };
    }
  }, [data.series, options.objective, options.window, options.burnFactors, options.sliMode, options.rawKind]);

  if (model.slos.length === 0) {
    return <DataProblems problems={model.problems} />;
  }
  const columns = Math.max(
    1,
    Math.min(model.slos.length, Math.floor((width + GAP) / (CARD_MIN_WIDTH + GAP))),
  );
  const cardWidth = Math.floor((width - GAP * (columns - 1)) / columns);
  const rows = Math.ceil(model.slos.length / columns);
  const chartHeight = Math.max(0, Math.min(160, Math.floor(height / rows) - 190));
  const end = timeRange.to.valueOf();
  return (
    <div className={styles.panel} data-testid={testIds.panel} style={{ width, height }}>
      {model.problems.length > 0 && <DataProblems problems={model.problems} />}
      {options.layout === 'cards' ? (
        <div className={styles.grid}>
          {model.slos.map((slo) => (
            <SloCard
              key={slo.slo}
              slo={slo}
              options={options}
              width={cardWidth}
              chartHeight={chartHeight}
              end={end}
              timeZone={timeZone}
            />
          ))}
        </div>
      ) : (
        <SloTable slos={model.slos} options={options} compact={options.layout === 'compact'} />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ overflow: 'auto', display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  grid: css({ display: 'flex', flexWrap: 'wrap', gap: GAP }),
});
