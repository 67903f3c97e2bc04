// The JUnit files every workspace (and scripts/) writes to reports/ (node's junit reporter, jest-junit).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every workspace folder of the monorepo at `root`, and scripts/: where reports/ folders are. */
export function reportDirs(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const out = [];
  for (const pattern of pkg.workspaces) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const name of readdirSync(parent)) if (existsSync(join(parent, name, 'package.json'))) out.push(join(parent, name));
    } else if (existsSync(join(root, pattern, 'package.json'))) out.push(join(root, pattern));
  }
  return [...out, join(root, 'scripts')];
}

/** The .xml files under `dir`, at any depth. */
export function xmlFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? xmlFiles(p) : n.endsWith('.xml') ? [p] : [];
  });
}

const TESTCASE = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;

/** Counts <testcase> elements; a case with <failure> or <error> failed, one with <skipped> was skipped. */
export function countJUnit(xml) {
  let passed = 0, failed = 0, skipped = 0;
  for (const m of xml.matchAll(TESTCASE)) {
    const inner = m[3] ?? '';
    if (/<(failure|error)\b/.test(inner)) failed++;
    else if (/<skipped\b/.test(inner)) skipped++;
    else passed++;
  }
  return { passed, failed, skipped };
}

/**
 * The failed test cases: their name, the message of their first <failure> or <error>, and everything the report
 * says about the failure (entities decoded).
 */
export function junitFailures(xml) {
  const out = [];
  for (const m of xml.matchAll(TESTCASE)) {
    const inner = m[3] ?? '';
    const failure = /<(?:failure|error)\b([^>]*)>?/.exec(inner);
    if (!failure) continue;
    const attr = (attrs, key) => new RegExp(`\\b${key}="([^"]*)"`).exec(attrs)?.[1];
    out.push({
      name: decode(attr(m[1], 'name') ?? '(unnamed)'),
      message: decode(attr(failure[1], 'message') ?? ''),
      text: decode(`${m[1]}\n${inner}`),
    });
  }
  return out;
}

function decode(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
}
