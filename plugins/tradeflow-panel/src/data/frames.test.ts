import { createDataFrame, dataFrameFromJSON, DataTopic, FieldType, type DataFrameJSON } from '@grafana/data';

import { instantFrame, NOW, rangeFrame, tableFrame } from '../testdata/frames';
import { readFrames } from './frames';

describe('readFrames', () => {
  it('reads instant time-series frames: one sample per series, labels from the value field, __name__ dropped', () => {
    const read = readFrames([
      instantFrame(
        'transitions',
        { venue: 'binance', from_state: 'submitted', to_state: 'acknowledged' },
        12,
      ),
      instantFrame('transitions', { venue: 'kraken', from_state: 'submitted', to_state: 'rejected' }, 3),
      instantFrame('submitted', { __name__: 'x', venue: 'binance' }, 15),
    ]);
    expect(read.samples.get('transitions')).toEqual([
      { labels: { venue: 'binance', from_state: 'submitted', to_state: 'acknowledged' }, value: 12 },
      { labels: { venue: 'kraken', from_state: 'submitted', to_state: 'rejected' }, value: 3 },
    ]);
    expect(read.samples.get('submitted')).toEqual([{ labels: { venue: 'binance' }, value: 15 }]);
    expect([...read.answered].sort()).toEqual(['submitted', 'transitions']);
    expect(read.unknown).toEqual([]);
  });

  it('reads range frames by their last non-null point, whatever the row order', () => {
    const read = readFrames([
      rangeFrame('submitted', { venue: 'lmax' }, [
        [NOW, null],
        [NOW - 120_000, 5],
        [NOW - 60_000, 7],
      ]),
    ]);
    expect(read.samples.get('submitted')).toEqual([{ labels: { venue: 'lmax' }, value: 7 }]);
  });

  it('reads table frames ("Value #refId" and plain "Value"), labels from the string columns', () => {
    const read = readFrames([
      tableFrame('rejects', [
        { labels: { venue: 'binance', reason: 'insufficient_balance' }, value: 5 },
        { labels: { venue: 'kraken', reason: 'price_out_of_band' }, value: 15 },
      ]),
      tableFrame('submitted', [{ labels: { venue: 'binance', symbol: '' }, value: 60 }], 'Value'),
    ]);
    expect(read.samples.get('rejects')).toEqual([
      { labels: { reason: 'insufficient_balance', venue: 'binance' }, value: 5 },
      { labels: { reason: 'price_out_of_band', venue: 'kraken' }, value: 15 },
    ]);
    // An empty label cell is a label the series does not have.
    expect(read.samples.get('submitted')).toEqual([{ labels: { venue: 'binance' }, value: 60 }]);
  });

  it('keeps the latest row of each label set in a range table', () => {
    const frame = createDataFrame({
      refId: 'submitted',
      fields: [
        { name: 'Time', type: FieldType.time, values: [NOW, NOW - 60_000, NOW - 60_000, NOW] },
        { name: 'venue', type: FieldType.string, values: ['a', 'a', 'b', 'b'] },
        { name: 'Value', type: FieldType.number, values: [9, 4, 1, 2] },
      ],
    });
    expect(readFrames([frame]).samples.get('submitted')).toEqual([
      { labels: { venue: 'a' }, value: 9 },
      { labels: { venue: 'b' }, value: 2 },
    ]);
  });

  it('places a query under another refId by the metric its expression reads, or else names it', () => {
    const read = readFrames(
      [
        instantFrame('A', { venue: 'x', from_state: 'submitted', to_state: 'filled' }, 1),
        instantFrame('B', { venue: 'x' }, 2),
        instantFrame('C', { venue: 'x' }, 3),
      ],
      [
        {
          refId: 'A',
          expr: 'sum by (venue, from_state, to_state) (increase(trading_order_transitions_total[$__range]))',
        },
        { refId: 'B', expr: 'up' },
      ] as never,
    );
    expect(read.samples.get('transitions')).toEqual([
      { labels: { venue: 'x', from_state: 'submitted', to_state: 'filled' }, value: 1 },
    ]);
    expect(read.unknown).toEqual(['B', 'C']);
  });

  it('falls back to the executed query string when the request is not at hand', () => {
    const frame = instantFrame('Q1', { venue: 'x', le: '+Inf' }, 4);
    frame.meta = {
      ...frame.meta,
      executedQueryString:
        'Expr: sum by (venue, le) (increase(trading_order_ack_duration_seconds_bucket[1h]))\nStep: 15s',
    };
    expect(readFrames([frame]).samples.get('ack')).toEqual([
      { labels: { venue: 'x', le: '+Inf' }, value: 4 },
    ]);
  });

  it('skips exemplar frames, which carry string fields but are not series', () => {
    const exemplars = createDataFrame({
      refId: 'ack',
      meta: { dataTopic: DataTopic.Annotations, custom: { resultType: 'exemplar' } },
      fields: [
        { name: 'Time', type: FieldType.time, values: [NOW] },
        { name: 'Value', type: FieldType.number, values: [0.2] },
        { name: 'traceID', type: FieldType.string, values: ['abc'] },
      ],
    });
    const read = readFrames([exemplars, instantFrame('ack', { venue: 'x', le: '+Inf' }, 4)]);
    expect(read.samples.get('ack')).toEqual([{ labels: { venue: 'x', le: '+Inf' }, value: 4 }]);
  });

  it('counts a query that returned an empty frame as answered, with no samples', () => {
    const read = readFrames([createDataFrame({ refId: 'markout_sum', fields: [] })]);
    expect(read.answered.has('markout_sum')).toBe(true);
    expect(read.samples.has('markout_sum')).toBe(false);
  });

  it('reads NaN and ±Inf as Grafana sends them over the wire (null values with entities)', () => {
    // The backend's JSON for an instant vector (pkg/promlib/converter golden files): NaN and Inf travel as
    // null plus an entities entry, which dataFrameFromJSON turns back into numbers.
    const wire = (value: 'NaN' | 'Inf', le: string): DataFrameJSON => ({
      schema: {
        refId: 'ack',
        meta: { type: 'numeric-multi' as never, typeVersion: [0, 1], custom: { resultType: 'vector' } },
        fields: [
          { name: 'Time', type: FieldType.time },
          { name: 'Value', type: FieldType.number, labels: { venue: 'x', le } },
        ],
      },
      data: { values: [[NOW], [null]], entities: [null, { [value]: [0] }] },
    });
    const read = readFrames([dataFrameFromJSON(wire('NaN', '0.1')), dataFrameFromJSON(wire('Inf', '+Inf'))]);
    const values = read.samples.get('ack')!.map((s) => s.value);
    expect(values[0]).toBeNaN();
    expect(values[1]).toBe(Infinity);
  });
});
