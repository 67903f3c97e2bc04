import { parseSelector, roleOfExpr, ROLES, ROLE_SPECS, suggestedQueries } from './queries';

describe('the suggested queries', () => {
  it('are instant queries over the dashboard range, summed by the filter dimensions, refId = role', () => {
    const byRef = new Map(suggestedQueries([]).map((q) => [q.refId, q]));
    expect([...byRef.keys()]).toEqual([...ROLES]);
    expect(byRef.get('transitions')!.expr).toBe(
      'sum by (venue, strategy, symbol, from_state, to_state) (increase(trading_order_transitions_total[$__range]))',
    );
    expect(byRef.get('ack')!.expr).toBe(
      'sum by (venue, strategy, symbol, le) (increase(trading_order_ack_duration_seconds_bucket[$__range]))',
    );
    expect(byRef.get('slippage_sum')!.expr).toBe(
      'sum by (venue, strategy, symbol) (increase(trading_order_slippage_adverse_ratio_sum[$__range]))' +
        ' - sum by (venue, strategy, symbol) (increase(trading_order_slippage_favorable_ratio_sum[$__range]))',
    );
    // Markouts and shortfall are signed: their histograms have no _sum, the signed sum is adverse minus favourable.
    expect(byRef.get('markout_sum')!.expr).toBe(
      'sum by (venue, symbol, horizon) (increase(trading_fill_markout_adverse_ratio_total[$__range]))' +
        ' - sum by (venue, symbol, horizon) (increase(trading_fill_markout_favorable_ratio_total[$__range]))',
    );
    expect(byRef.get('shortfall_sum')!.expr).toBe(
      'sum by (venue, strategy, symbol, benchmark) (increase(trading_order_implementation_shortfall_adverse_ratio_total[$__range]))' +
        ' - sum by (venue, strategy, symbol, benchmark) (increase(trading_order_implementation_shortfall_favorable_ratio_total[$__range]))',
    );
    for (const q of byRef.values()) {
      expect(q.expr).not.toMatch(/_(markout|shortfall)_ratio_sum\b/);
    }
    for (const q of byRef.values()) {
      expect(q).toMatchObject({ instant: true, range: false, format: 'time_series' });
    }
  });

  it('add the label matchers to every metric that has the label (markouts have no strategy)', () => {
    const queries = suggestedQueries(parseSelector('venue=~"$venue", strategy!="test"'));
    const byRef = new Map(queries.map((q) => [q.refId, q.expr]));
    expect(byRef.get('submitted')).toBe(
      'sum by (venue, strategy, symbol) (increase(trading_orders_submitted_total{venue=~"$venue", strategy!="test"}[$__range]))',
    );
    expect(byRef.get('markout_count')).toBe(
      'sum by (venue, symbol, horizon) (increase(trading_fill_markout_ratio_count{venue=~"$venue"}[$__range]))',
    );
    expect(byRef.get('slippage_sum')).toContain(
      'trading_order_slippage_favorable_ratio_sum{venue=~"$venue", strategy!="test"}',
    );
  });

  it('are recognised by their metric under any refId, one role each', () => {
    for (const q of suggestedQueries(parseSelector('venue="a"'))) {
      expect(roleOfExpr(q.expr)).toBe(q.refId);
    }
    expect(
      roleOfExpr('histogram_quantile(0.9, rate(http_request_duration_seconds_bucket[5m]))'),
    ).toBeUndefined();
    expect(roleOfExpr(undefined)).toBeUndefined();
    // A metric name inside a longer one is not a match.
    expect(roleOfExpr('trading_orders_submitted_total_old')).toBeUndefined();
  });

  it('name every metric the exporter contract defines', () => {
    // One role per metric, but for those told apart by the shape of their expression (completed_samples).
    const byMetric = Object.values(ROLE_SPECS).filter((s) => !s.pattern);
    expect(new Set(byMetric.map((s) => s.metric)).size).toBe(byMetric.length);
  });
});

describe('parseSelector', () => {
  it('reads matchers with or without braces, escaped quotes included', () => {
    expect(parseSelector('{venue=~"bin.*", reason!="a\\"b"}')).toEqual([
      { label: 'venue', op: '=~', value: 'bin.*' },
      { label: 'reason', op: '!=', value: 'a\\"b' },
    ]);
    expect(parseSelector('  ')).toEqual([]);
  });

  it('names what it cannot read', () => {
    expect(() => parseSelector('venue=binance')).toThrow('at "venue=binance"');
    expect(() => parseSelector('venue="a" strategy="b"')).toThrow('expected a comma at "strategy="b""');
  });
});
