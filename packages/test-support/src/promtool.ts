// promtool and amtool, run the way every workspace's tests run them: found through requireBinary (one line when
// missing), with a time limit, stdout and stderr together.
import { AssertionError } from 'node:assert';
import { spawnSync } from 'node:child_process';

import { requireBinary, type BinaryName } from './binaries.js';

export interface ToolResult {
  status: number | null;
  output: string;
}

export interface ToolOptions {
  cwd?: string;
  /** Text on stdin. */
  input?: string;
  /** Default 120 s; past it the tool is killed and this throws. */
  timeoutMs?: number;
}

/** Runs a command-line tool to completion; throws if it cannot run or exceeds its time limit. */
export function runTool(name: BinaryName, args: readonly string[], opts: ToolOptions = {}): ToolResult {
  const bin = requireBinary(name);
  const r = spawnSync(bin, args, {
    cwd: opts.cwd,
    input: opts.input,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
  });
  if (r.error) throw new Error(`${name} ${args.slice(0, 2).join(' ')}: ${r.error.message}`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export function promtool(args: readonly string[], opts: ToolOptions = {}): ToolResult {
  return runTool('promtool', args, opts);
}

export function amtool(args: readonly string[], opts: ToolOptions = {}): ToolResult {
  return runTool('amtool', args, opts);
}

/** `promtool check metrics` of an exposition text: status 0 and no output when clean, lint findings otherwise. */
export function promtoolCheckMetrics(exposition: string): ToolResult {
  return promtool(['check', 'metrics'], { input: exposition, timeoutMs: 30_000 });
}

/** Fails with promtool's findings unless `promtool check metrics` accepts the exposition without a remark. */
export function assertMetricsClean(exposition: string, what = 'the exposition'): void {
  const r = promtoolCheckMetrics(exposition);
  if (r.status !== 0 || r.output.trim() !== '') {
    throw new AssertionError({
      message: `promtool check metrics on ${what} (exit ${r.status}):\n${r.output.trim()}`,
    });
  }
}

/**
 * Fails unless every family is declared once (one HELP, one TYPE) with all its sample lines right under it: an
 * exporter that renders a family in pieces (one block per venue) must not split it or declare it again.
 * promtool's parser does not notice a family whose samples come back after another family's.
 */
export function assertFamiliesGrouped(exposition: string, what = 'the exposition'): void {
  const declared = new Set<string>();
  let current = '';
  for (const line of exposition.split('\n')) {
    if (line === '' || line === '# EOF') continue;
    const decl = /^# (?:HELP|TYPE|UNIT) (\S+)/.exec(line);
    if (decl) {
      if (decl[1] === current) continue;
      if (declared.has(decl[1])) throw new AssertionError({ message: `${what}: family ${decl[1]} declared twice` });
      declared.add(decl[1]);
      current = decl[1];
      continue;
    }
    const name = /^[^{ ]+/.exec(line)![0];
    const family = [current, `${current}_total`, `${current}_bucket`, `${current}_sum`, `${current}_count`, `${current}_created`].includes(name);
    if (!family) throw new AssertionError({ message: `${what}: sample ${name} outside its family (under ${current || 'no family'})` });
  }
}
