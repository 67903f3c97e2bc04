#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliDefaults } from '../cli.js';

/** slo/specs and slo/rules of the current folder when it has them, else those shipped in this package. */
function defaults(): CliDefaults {
  if (existsSync('slo/specs')) return { specs: 'slo/specs', rules: 'slo/rules' };
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== '@vigil/provisioning') {
    if (dirname(dir) === dir) return { specs: 'slo/specs', rules: 'slo/rules' };
    dir = dirname(dir);
  }
  const at = (p: string) => relative(process.cwd(), join(dir, p)) || '.';
  return { specs: at('slo/specs'), rules: at('slo/rules') };
}

process.exitCode = runCli(
  process.argv.slice(2),
  {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
  },
  defaults(),
);
