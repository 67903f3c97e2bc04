// No console.log left in the plugin (the validator's console-log code rule, which reads the source code outside
// tests): checked in src/ when the source is at hand and in the built JavaScript of the archive.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { text, type Finding, type Rule } from './types.js';

const CONSOLE_LOG = /\bconsole\.log\s*\(/;
const TEST_FILE = /\.(test|spec)\.[jt]sx?$|(^|\/)(__mocks__|__tests__|test|tests)\//;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...sourceFiles(abs));
    else if (/\.[jt]sx?$/.test(name)) out.push(abs);
  }
  return out;
}

export const consoleLog: Rule = (archive) => {
  const findings: Finding[] = [];
  for (const path of archive.files.keys()) {
    if (path.endsWith('.js') && CONSOLE_LOG.test(text(archive, path) ?? '')) {
      findings.push({ rule: 'console-log', severity: 'error', message: `${path} calls console.log` });
    }
  }
  if (archive.sourceDir) {
    const src = join(archive.sourceDir, 'src');
    for (const file of sourceFiles(src)) {
      const rel = relative(archive.sourceDir, file);
      if (TEST_FILE.test(rel)) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (CONSOLE_LOG.test(line)) {
          findings.push({ rule: 'console-log', severity: 'error', message: `${rel}:${i + 1} calls console.log` });
        }
      });
    }
  }
  return findings;
};
