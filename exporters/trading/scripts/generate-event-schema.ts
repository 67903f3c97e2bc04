#!/usr/bin/env node
// Writes every file generated from the event schema (schema/events.ts); `--check` only compares them with a
// fresh generation and exits 1 naming the stale ones.
// Run from exporters/trading: npm run schema:generate (or schema:check).
import { EVENT_SCHEMA } from '../schema/events.js';
import { stale, write } from '../schema/outputs.js';

if (process.argv.includes('--check')) {
  const problems = stale(EVENT_SCHEMA);
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error('run: npm run schema:generate -w @vigil/trading-exporter');
    process.exit(1);
  }
  console.log('event schema outputs up to date');
} else {
  const changed = write(EVENT_SCHEMA);
  console.log(changed.length ? `wrote ${changed.join(', ')}` : 'event schema outputs already up to date');
}
