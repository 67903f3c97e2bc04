#!/usr/bin/env node
// Runs every benchmark under src/ (or those whose file name contains one of the arguments), one after the
// other, each in its own process so one's heap does not disturb the next. Each prints name=value lines.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const filters = process.argv.slice(2);
const files = readdirSync(new URL('./src/', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`# ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `src/${f}`], {
    stdio: 'inherit',
    cwd: new URL('.', import.meta.url),
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
