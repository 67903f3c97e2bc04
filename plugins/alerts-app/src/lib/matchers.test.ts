import { MatcherSyntaxError, formatMatchers, matcherMatches, matchesAll, parseMatchers } from './matchers';
import { applyCompletion, complete, labelIndex } from './completion';

describe('parseMatchers', () => {
  it('reads the four operators, quoted and bare values, braces and commas', () => {
    expect(parseMatchers('severity=critical venue=~"binance|okx"')).toEqual([
      { name: 'severity', value: 'critical', isRegex: false, isEqual: true },
      { name: 'venue', value: 'binance|okx', isRegex: true, isEqual: true },
    ]);
    expect(parseMatchers('{team!="risk", env!~"dev|test"}')).toEqual([
      { name: 'team', value: 'risk', isRegex: false, isEqual: false },
      { name: 'env', value: 'dev|test', isRegex: true, isEqual: false },
    ]);
    expect(parseMatchers('summary="say \\"hi\\" \\\\ now"')[0].value).toBe('say "hi" \\ now');
    expect(parseMatchers('empty=""')[0].value).toBe('');
    expect(parseMatchers('   ')).toEqual([]);
  });

  it('names the column of the first problem', () => {
    const err = (text: string) => {
      try {
        parseMatchers(text);
      } catch (e) {
        return e as MatcherSyntaxError;
      }
      throw new Error('parsed');
    };
    expect(err('severity').message).toMatch(/expected =, !=, =~ or !~ after "severity"/);
    expect(err('1abc=x').message).toMatch(/label name at column 1/);
    expect(err('a="open').message).toMatch(/unterminated/);
    expect(err('venue=~"(bin"').message).toMatch(/invalid regular expression for "venue"/);
    expect(err('{a=b').message).toMatch(/closing }/);
    expect(err('a="x"b=c').position).toBe(5);
  });

  it('formats back to text that parses to the same matchers', () => {
    const text = 'alertname=VenueDown venue=~"binance|okx" note!="a \\"b\\"" path=/x/y';
    const parsed = parseMatchers(text);
    expect(parseMatchers(formatMatchers(parsed))).toEqual(parsed);
  });
});

describe("matching follows Alertmanager's semantics", () => {
  const labels = { alertname: 'VenueDown', venue: 'binance' };
  it('anchors regexes and treats a missing label as ""', () => {
    expect(matcherMatches({ name: 'venue', value: 'bin', isRegex: true, isEqual: true }, labels)).toBe(false);
    expect(matcherMatches({ name: 'venue', value: 'bin.*', isRegex: true, isEqual: true }, labels)).toBe(true);
    expect(matcherMatches({ name: 'venue', value: 'okx', isRegex: true, isEqual: false }, labels)).toBe(true);
    expect(matcherMatches({ name: 'venue', value: 'binance', isRegex: false, isEqual: false }, labels)).toBe(false);
    expect(matcherMatches({ name: 'team', value: '', isRegex: false, isEqual: true }, labels)).toBe(true);
    expect(matcherMatches({ name: 'team', value: '.+', isRegex: true, isEqual: true }, labels)).toBe(false);
    expect(matchesAll(parseMatchers('alertname=VenueDown venue=~"binance|okx"'), labels)).toBe(true);
    expect(matchesAll(parseMatchers('alertname=VenueDown venue=okx'), labels)).toBe(false);
  });
});

describe('completion', () => {
  const index = labelIndex([
    { alertname: 'VenueDown', venue: 'binance', severity: 'critical' },
    { alertname: 'RejectsHigh', venue: 'okx', severity: 'warning' },
  ]);
  it('offers label names, then the values of the label being typed', () => {
    expect(complete('sev', 3, index).items.map((i) => i.label)).toEqual(['severity']);
    expect(complete('severity=critical v', 19, index).items.map((i) => i.label)).toEqual(['venue']);
    const values = complete('venue=~"b', 9, index);
    expect(values.items.map((i) => i.label)).toEqual(['binance']);
    expect(applyCompletion('venue=~"b', values, values.items[0])).toEqual({ text: 'venue=~"binance" ', cursor: 17 });
    expect(complete('venue=', 6, index).items.map((i) => i.label)).toEqual(['binance', 'okx']);
  });
});
