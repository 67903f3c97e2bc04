// The exact refusal of every field of every event type given each of a dozen wrong values (or that it is accepted):
// the 400's reason, field and message must not change when validation is regenerated from the schema.
// The expected lines are test/fixtures/validation-messages.txt; VIGIL_UPDATE_GOLDEN=1 rewrites it (review the
// diff: a changed message is a changed API).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { IngestError } from '../src/ingest/ingest-error.js';
import { validateEvent } from '../src/ingest/validate.js';
import { HAND_WRITTEN_FULL } from './event-fixtures.js';
import { T0 } from './helpers.js';

const GOLDEN = new URL('./fixtures/validation-messages.txt', import.meta.url);
const OPTS = { now: T0 + 60_000, maxFutureMs: 300_000 };
const ABSENT = Symbol('absent');
const WRONG: Array<[string, unknown]> = [
  ['absent', ABSENT],
  ['null', null],
  ['""', ''],
  ['control', 'a\u0001b'],
  ['17 chars', 'x'.repeat(17)],
  ['129 chars', 'x'.repeat(129)],
  ['513 chars', 'x'.repeat(513)],
  ['-1', -1],
  ['0', 0],
  ['1.5', 1.5],
  ['3600', 3600],
  ['Infinity', Infinity],
  ['true', true],
];

function outcome(event: Record<string, unknown>): string {
  try {
    validateEvent(event, 0, OPTS);
    return 'accepted';
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
    // The "events[0].field: " prefix is the same for every line: checked here, left out of the file.
    const prefix = `events[0]${err.field ? `.${err.field}` : ''}: `;
    assert.ok(err.message.startsWith(prefix), err.message);
    return `${err.status} ${err.reason} ${err.field} ${err.message.slice(prefix.length)}`;
  }
}

/** One line per field and distinct answer (values that get the same message bar the "got ..." part share a line). */
function lines(): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const failedBacktest: Record<string, unknown> = { ...HAND_WRITTEN_FULL.find((e) => e.type === 'backtest.completed')!, outcome: 'failed' };
  for (const template of [...HAND_WRITTEN_FULL, failedBacktest]) {
    for (const field of Object.keys(template)) {
      // type and ts are checked by hand-written code, not from the schema.
      if (field === 'type' || field === 'ts') continue;
      for (const [name, value] of WRONG) {
        const event: Record<string, unknown> = { ...template };
        if (value === ABSENT) delete event[field];
        else event[field] = value;
        const head = `${String(template.type)}${template === failedBacktest ? ' (failed)' : ''} ${field}`;
        const answer = outcome(event);
        const key = `${head} ${answer.replace(/, got .*$/, '')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(`${head}=${name}: ${answer}`);
      }
    }
  }
  return out;
}

describe('validation messages', () => {
  it('refuse each wrong value of each field exactly as recorded', () => {
    const actual = lines();
    if (process.env.VIGIL_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${actual.join('\n')}\n`);
    const expected = readFileSync(GOLDEN, 'utf8').trimEnd().split('\n');
    const changed = actual.flatMap((line, i) => (line === expected[i] ? [] : [`- ${expected[i]}\n+ ${line}`]));
    assert.equal(actual.length, expected.length, 'the number of cases changed');
    assert.deepEqual(changed, [], `${changed.length} refusals changed:\n${changed.slice(0, 10).join('\n')}`);
  });
});
