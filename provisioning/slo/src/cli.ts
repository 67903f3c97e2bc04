// `vigil-slo generate|validate`: argument parsing and exit codes (0 ok, 1 bad spec or stale files, 2 usage).
import { generateRules } from './generate.js';
import { loadSpecs } from './load.js';
import { SpecError } from './types.js';

export const USAGE = `Usage:
  vigil-slo generate [--out DIR] [--check] [SPEC_PATH...]   write rules/slo-<service>.yml from the specs
  vigil-slo validate [SPEC_PATH...]                         check specs, print one line per problem

SPEC_PATH is a spec file or a folder of *.yml specs (default: slo/specs, from the current folder when it has one,
else Vigil's own SLOs in the @vigil/provisioning package). --out defaults to the rules/ folder beside those specs.
--check writes nothing and exits 1 if a committed file differs from a fresh generation.
Specs: Vigil's vigil/v1 format or sloth's prometheus/v1 format (see provisioning/README.md).`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** Where specs are read and rules written when the command line names none. */
export interface CliDefaults {
  specs: string;
  rules: string;
}

export function runCli(argv: readonly string[], io: Io, defaults: CliDefaults = { specs: 'slo/specs', rules: 'slo/rules' }): number {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command !== 'generate' && command !== 'validate') {
    io.err(command ? `vigil-slo: unknown command "${command}"` : 'vigil-slo: missing command');
    io.err(USAGE);
    return 2;
  }
  let outDir = defaults.rules;
  let check = false;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (command === 'generate' && (a === '--out' || a === '-o')) {
      const v = rest[++i];
      if (!v) {
        io.err(`vigil-slo: ${a} needs a folder`);
        return 2;
      }
      outDir = v;
    } else if (command === 'generate' && a.startsWith('--out=')) outDir = a.slice('--out='.length);
    else if (command === 'generate' && a === '--check') check = true;
    else if (a.startsWith('-')) {
      io.err(`vigil-slo: unknown flag "${a}"`);
      io.err(USAGE);
      return 2;
    } else paths.push(a);
  }
  if (paths.length === 0) paths.push(defaults.specs);
  try {
    if (command === 'validate') {
      const models = loadSpecs(paths);
      io.out(`${models.length} SLOs valid`);
      return 0;
    }
    const res = generateRules(paths, outDir, { check });
    if (check) {
      if (res.stale.length === 0) {
        io.out(`${res.files.length} rule files up to date in ${outDir}`);
        return 0;
      }
      for (const f of res.stale) io.err(`stale: ${outDir}/${f} differs from a fresh generation`);
      io.err('run `npm run slo:generate -w @vigil/provisioning` and commit the result');
      return 1;
    }
    io.out(`wrote ${res.stale.length} of ${res.files.length} rule files in ${outDir}`);
    return 0;
  } catch (e) {
    if (e instanceof SpecError) {
      io.err(`invalid spec: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
