// The quote history markouts read: the last mid at or before a time, within an age; bounded by count and age.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuoteBook } from '../src/markouts/quote-book.js';

/** An arrival clock past every quote's stamp: retention counts back from the newest quote. */
const LATER = Number.MAX_SAFE_INTEGER;

describe('quote book', () => {
  it('answers the last mid at or before a time, if recent enough', () => {
    const b = new QuoteBook(100, 60_000);
    b.add(1000, 10, LATER);
    b.add(2000, 20, LATER);
    b.add(3000, 30, LATER);
    assert.equal(b.midAt(999, 5000), NaN, 'nothing before the first quote');
    assert.equal(b.midAt(1000, 0), 10, 'a quote exactly at the time');
    assert.equal(b.midAt(2999, 5000), 20);
    assert.equal(b.midAt(5000, 2000), 30);
    assert.equal(b.midAt(5001, 2000), NaN, 'the last quote is older than the age allowed');
  });

  it('puts a late quote in its place, and orders quotes of one time by mid whatever their arrival', () => {
    const a = new QuoteBook(100, 60_000);
    const b = new QuoteBook(100, 60_000);
    const quotes: Array<[number, number]> = [[1000, 10], [3000, 30], [2000, 20], [2000, 21]];
    for (const [t, m] of quotes) a.add(t, m, LATER);
    for (const [t, m] of [...quotes].reverse()) b.add(t, m, LATER);
    for (const book of [a, b]) {
      assert.equal(book.midAt(2500, 5000), 21);
      assert.equal(book.midAt(1500, 5000), 10);
      assert.equal(book.size, 4);
    }
  });

  it('keeps at most its capacity, the newest, and counts what it pushed out', () => {
    const b = new QuoteBook(3, 60_000);
    let dropped = 0;
    for (let i = 1; i <= 200; i++) dropped += b.add(i * 10, i, LATER);
    assert.equal(b.size, 3);
    assert.equal(dropped, 197);
    assert.equal(b.midAt(1985, 10), 198);
    assert.equal(b.midAt(1985, 1), NaN);
    assert.equal(b.midAt(1975, 1000), NaN, 'the quote at 1970 was pushed out');
    assert.equal(b.add(5, 0, LATER), 1, 'a quote older than a full book is the one dropped');
    assert.equal(b.midAt(2000, 0), 200);
  });

  it('forgets quotes older than its retention behind the newest', () => {
    const b = new QuoteBook(1000, 5000);
    for (let t = 0; t <= 20_000; t += 1000) b.add(t, t, LATER);
    assert.equal(b.size, 6);
    assert.equal(b.midAt(14_999, 60_000), NaN);
    assert.equal(b.midAt(15_500, 60_000), 15_000);
  });

  it('grows from its first room to its capacity and keeps every quote across moves', () => {
    const b = new QuoteBook(500, 1e9);
    for (let i = 0; i < 500; i++) b.add(i, i * 2, LATER);
    assert.equal(b.size, 500);
    for (let i = 0; i < 500; i += 37) assert.equal(b.midAt(i, 0), i * 2);
  });

  it('finds the same quote as a scan of every quote when quotes come in bursts, gaps and ties', () => {
    // The lookup interpolates its first probe from the steady pace of quotes; uneven times take its fallback.
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const b = new QuoteBook(4096, 1e9);
    const kept: Array<[number, number]> = [];
    let t = 0;
    for (let i = 0; i < 600; i++) {
      const r = next();
      t += r < 0.2 ? 0 : r < 0.5 ? 1 : r < 0.9 ? 250 : 20_000;
      const mid = Math.round(next() * 100);
      b.add(t, mid, LATER);
      kept.push([t, mid]);
    }
    // Same order as the book: by time, then by mid among quotes of one time.
    kept.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const scan = (at: number, maxAge: number) => {
      let found = -1;
      for (let i = 0; i < kept.length && kept[i][0] <= at; i++) found = i;
      return found >= 0 && at - kept[found][0] <= maxAge ? kept[found][1] : NaN;
    };
    for (let k = 0; k < 3000; k++) {
      const at = Math.round(next() * (t + 2000)) - 1000;
      assert.equal(b.midAt(at, 30_000), scan(at, 30_000), `at ${at}`);
    }
    for (const [at] of kept) assert.equal(b.midAt(at, 0), scan(at, 0), `exactly at ${at}`);
  });

  it('one quote stamped far ahead of its arrival does not push the real quotes out', () => {
    const b = new QuoteBook(1000, 5000);
    for (let t = 0; t <= 10_000; t += 500) b.add(t, t, t);
    b.add(300_000, 1, 10_100); // stamped 290 s ahead, as validation allows
    for (let t = 10_500; t <= 20_000; t += 500) b.add(t, t, t);
    assert.equal(b.midAt(19_900, 1000), 19_500, 'quotes arriving after it are kept');
    assert.equal(b.midAt(15_200, 1000), 15_000);
    assert.equal(b.midAt(14_900, 60_000), NaN, 'older than the retention behind the arrival clock');
    assert.equal(b.midAt(300_000, 0), 1, 'the future quote is kept in its place');
  });
});

