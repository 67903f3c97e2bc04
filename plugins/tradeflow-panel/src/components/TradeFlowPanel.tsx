import { css } from '@emotion/css';
import { LoadingState, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React, { useMemo, useState, type ReactNode } from 'react';

import { buildModel } from '../data/model';
import { toggle, type Dimension, type Selection } from '../data/selection';
import { testIds } from '../testIds';
import type { Section, TradeFlowOptions } from '../types';
import { setDashboardVariable } from '../variables';
import { FilterBar } from './FilterBar';
import { FlowDiagram } from './FlowDiagram';
import { LatencyTable } from './LatencyTable';
import { DataProblems, MissingSeries, NoData } from './Messages';
import { RejectReasons } from './RejectReasons';
import { SlippageChart } from './SlippageChart';
import { VenueScorecard } from './VenueScorecard';

const GAP = 12;
const PAD = 4;

function Part(props: {
  section: Section;
  title: string;
  missing: string[];
  width: number;
  children?: ReactNode;
}) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.part} style={{ width: props.width }} aria-label={props.title}>
      <h6 className={styles.title}>{props.title}</h6>
      <MissingSeries section={props.section} missing={props.missing} />
      {props.children}
    </section>
  );
}

/**
 * The trade-flow panel: order flow, signed slippage, latency percentiles, reject reasons and the venue
 * scorecard, all from the same Prometheus queries and all narrowed by what the operator clicks.
 */
export function TradeFlowPanel({ data, options, width, height, timeRange }: PanelProps<TradeFlowOptions>) {
  const styles = useStyles2(getStyles);
  const [selection, setSelection] = useState<Selection>({});
  const targets = data.request?.targets;
  const model = useMemo(
    () => buildModel({ frames: data.series, targets, options, selection }),
    [data.series, targets, options, selection],
  );
  const errors = (data.errors ?? []).map((e) =>
    [e.refId && `Query ${e.refId}`, e.message ?? e.data?.message ?? 'query failed']
      .filter(Boolean)
      .join(': '),
  );
  const select = (dimension: Dimension, value: string) => {
    if (value === '' && selection[dimension] === undefined) {
      // Series without the label: nothing a dashboard variable could be set to.
      return;
    }
    const next = toggle(selection, dimension, value);
    setSelection(next);
    setDashboardVariable(options.variables[dimension], next[dimension]);
  };

  if (model.state === 'no-data') {
    // The first answer has not arrived yet: not a no-data state.
    const loading = data.state === LoadingState.Loading && data.series.length === 0;
    return (
      <div
        className={styles.panel}
        style={{ width, height }}
        data-testid={testIds.panel}
        data-state={data.state}
      >
        {loading ? (
          <div className={styles.quiet}>Loading…</div>
        ) : (
          <NoData errors={errors} hasQueries={(targets?.length ?? 0) > 0 || data.series.length > 0} />
        )}
      </div>
    );
  }
  const inner = Math.max(120, width - 2 * PAD - 12);
  // Slippage and rejects side by side when there is room; the tables take the whole width.
  const half = inner >= 640 ? Math.floor((inner - GAP) / 2) : inner;
  const rangeSeconds = (timeRange.to.valueOf() - timeRange.from.valueOf()) / 1000;
  const show = options.sections;
  const venueClicks = { selectedVenue: selection.venue, onSelectVenue: (v: string) => select('venue', v) };
  return (
    <div className={styles.panel} style={{ width, height }} data-testid={testIds.panel}>
      <FilterBar
        selection={selection}
        notApplied={model.notApplied}
        onClear={(d) => select(d, selection[d] ?? '')}
      />
      <DataProblems problems={[...errors, ...model.problems]} />
      {show.flow && (
        <Part
          section="flow"
          title={`Order flow by ${options.flowGroupBy} (${options.flowMeasure === 'count' ? 'orders' : 'quantity'})`}
          missing={model.missing.flow}
          width={inner}
        >
          {model.flow && (
            <FlowDiagram
              flow={model.flow}
              width={inner}
              height={Math.round(Math.min(420, Math.max(160, height * 0.42)))}
              rangeSeconds={rangeSeconds}
              onSelect={select}
            />
          )}
        </Part>
      )}
      <div className={styles.row}>
        {show.slippage && (
          <Part
            section="slippage"
            title="Signed slippage vs arrival"
            missing={model.missing.slippage}
            width={half}
          >
            {model.slippage ? (
              <SlippageChart slippage={model.slippage} width={half} height={200} />
            ) : (
              model.missing.slippage.length === 0 && (
                <div className={styles.quiet}>No fills in this time range.</div>
              )
            )}
          </Part>
        )}
        {show.rejects && (
          <Part section="rejects" title="Reject reasons" missing={model.missing.rejects} width={half}>
            {model.missing.rejects.length === 0 && (
              <RejectReasons reasons={model.rejects} submitted={model.submitted} width={half} />
            )}
          </Part>
        )}
      </div>
      {show.latency && (
        <Part section="latency" title="Latency by venue" missing={model.missing.latency} width={inner}>
          {model.latency.length > 0 ? (
            <LatencyTable rows={model.latency} quantiles={model.quantiles} {...venueClicks} />
          ) : (
            model.missing.latency.length < 3 && (
              <div className={styles.quiet}>No latency observations in this time range.</div>
            )
          )}
        </Part>
      )}
      {show.scorecard && (
        <Part
          section="scorecard"
          title="Venue scorecard, worst first"
          missing={model.missing.scorecard}
          width={inner}
        >
          {model.scorecard.length === 0 && (
            <div className={styles.quiet}>No venue has figures in this time range.</div>
          )}
          {model.scorecard.length > 0 && (
            <VenueScorecard
              rows={model.scorecard}
              rankBy={options.rankBy}
              horizon={options.markoutHorizon}
              benchmark={options.benchmark}
              {...venueClicks}
            />
          )}
        </Part>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({
    overflow: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: GAP,
    padding: PAD,
  }),
  // The panel scrolls; its parts keep their height instead of shrinking to fit.
  row: css({ display: 'flex', flexWrap: 'wrap', gap: GAP, alignItems: 'flex-start', flexShrink: 0 }),
  part: css({ minWidth: 0, overflowX: 'auto', overflowY: 'hidden', flexShrink: 0 }),
  title: css({
    margin: theme.spacing(0, 0, 0.5),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    textTransform: 'uppercase',
    letterSpacing: '0.03em',
  }),
  quiet: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
