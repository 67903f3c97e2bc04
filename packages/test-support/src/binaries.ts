// The real binaries the tests run, found the same way everywhere: an environment variable naming the file, else
// the Debian command names on PATH. A missing one is reported in one line naming the binary, the Debian package
// and the variable, without spawning anything (so a test fails in milliseconds, not on a spawn error or a hang).
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface BinarySpec {
  /** Environment variable that names the file. */
  env: string;
  /** Command names looked up on PATH, in order. */
  commands: string[];
  /** The Debian package that installs it. */
  apt: string;
  /**
   * Folders searched after PATH, for packages that keep their binaries off it (Debian's PostgreSQL lives in
   * /usr/lib/postgresql/<major>/bin). One `*` segment matches any folder name, highest version first.
   */
  dirs?: readonly string[];
}

export const BINARIES = {
  prometheus: { env: 'PROMETHEUS_BIN', commands: ['prometheus'], apt: 'prometheus' },
  promtool: { env: 'PROMTOOL_BIN', commands: ['promtool'], apt: 'prometheus' },
  alertmanager: {
    env: 'ALERTMANAGER_BIN',
    commands: ['prometheus-alertmanager', 'alertmanager'],
    apt: 'prometheus-alertmanager',
  },
  amtool: { env: 'AMTOOL_BIN', commands: ['amtool'], apt: 'prometheus-alertmanager' },
  node_exporter: {
    env: 'NODE_EXPORTER_BIN',
    commands: ['prometheus-node-exporter', 'node_exporter'],
    apt: 'prometheus-node-exporter',
  },
  chromium: { env: 'CHROMIUM_BIN', commands: ['chromium', 'chromium-browser'], apt: 'chromium' },
  openssl: { env: 'OPENSSL_BIN', commands: ['openssl'], apt: 'openssl' },
  postgres: { env: 'POSTGRES_BIN', commands: ['postgres'], apt: 'postgresql', dirs: ['/usr/lib/postgresql/*/bin'] },
  initdb: { env: 'INITDB_BIN', commands: ['initdb'], apt: 'postgresql', dirs: ['/usr/lib/postgresql/*/bin'] },
  'redis-server': { env: 'REDIS_SERVER_BIN', commands: ['redis-server'], apt: 'redis-server' },
} as const satisfies Record<string, BinarySpec>;

export type BinaryName = keyof typeof BINARIES;

export class MissingBinaryError extends Error {
  declare readonly binary: BinaryName;

  constructor(binary: BinaryName, message: string) {
    super(message);
    this.name = 'MissingBinaryError';
    // One line when a test runner prints it: no stack (it would only repeat test-support's frames) and no
    // enumerable property for the inspector to append.
    this.stack = `${this.name}: ${message}`;
    Object.defineProperty(this, 'binary', { value: binary, enumerable: false });
  }
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `commands` found executable on `path`. */
export function which(commands: readonly string[], path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const name of commands) {
      const full = join(dir, name);
      if (executable(full)) return full;
    }
  }
  return undefined;
}

/** `dirs` with their `*` segment expanded to the folders that exist, highest version first. */
export function expandDirs(patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => {
    const [head, tail] = pattern.split('*');
    if (tail === undefined) return [pattern];
    let names: string[];
    try {
      names = readdirSync(head);
    } catch {
      return [];
    }
    return names.sort((a, b) => b.localeCompare(a, 'en', { numeric: true })).map((n) => `${head}${n}${tail}`);
  });
}

/** The binary's path, or a MissingBinaryError whose one-line message says how to get it. */
export function findBinary(
  name: BinaryName,
  env: NodeJS.ProcessEnv = process.env,
): string | MissingBinaryError {
  const spec: BinarySpec = BINARIES[name];
  const install = `install the Debian package ${spec.apt} (apt-get install -y --no-install-recommends ${spec.apt})`;
  const explicit = env[spec.env];
  if (explicit) {
    const file = isAbsolute(explicit) ? explicit : which([explicit], env.PATH);
    if (file && executable(file)) return file;
    return new MissingBinaryError(
      name,
      `${name} is missing: ${spec.env}=${explicit} is not an executable file; ${install} or point ${spec.env} at ${name}`,
    );
  }
  const where = spec.dirs ? `PATH or ${spec.dirs.join(', ')}` : 'PATH';
  return (
    which(spec.commands, env.PATH) ??
    (spec.dirs ? which(spec.commands, expandDirs(spec.dirs).join(delimiter)) : undefined) ??
    new MissingBinaryError(
      name,
      `${name} is missing: ${spec.commands.join(' or ')} not found on ${where}; ${install} or set ${spec.env} to its path`,
    )
  );
}

/** The binary's absolute path; throws a one-line MissingBinaryError naming it, its Debian package and variable. */
export function requireBinary(name: BinaryName, env: NodeJS.ProcessEnv = process.env): string {
  const found = findBinary(name, env);
  if (found instanceof MissingBinaryError) throw found;
  return found;
}
