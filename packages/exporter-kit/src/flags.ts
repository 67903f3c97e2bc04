// node_exporter-style command-line flags (kingpin conventions): `--name=value` or `--name value`,
// booleans as `--name` / `--no-name`, repeatable flags, each also settable by an environment variable.
import { parseDuration } from './duration.js';

export type FlagType = 'string' | 'bool' | 'int' | 'float' | 'duration' | 'enum' | 'strings';

export interface FlagSpec {
  /** Flag name without the leading dashes, e.g. `web.listen-address`. */
  name: string;
  type: FlagType;
  help: string;
  /** Environment variable that sets the flag when it is not on the command line. */
  env?: string;
  default?: string | number | boolean | string[];
  /** Allowed values for `enum`. */
  choices?: string[];
  /** Placeholder shown in --help. */
  placeholder?: string;
  /** Extra validation; return an error message naming what was expected. */
  validate?: (value: FlagValue) => string | undefined;
  /** Hide from --help (internal or deprecated flags). */
  hidden?: boolean;
}

export type FlagValue = string | number | boolean | string[] | undefined;
export type FlagValues = Record<string, FlagValue>;

export class FlagError extends Error {
  constructor(
    message: string,
    readonly flag?: string,
  ) {
    super(message);
    this.name = 'FlagError';
  }
}

export interface ParsedFlags {
  values: FlagValues;
  help: boolean;
  version: boolean;
  /** Flags that were given on the command line or through env, as opposed to defaults. */
  explicit: Set<string>;
}

function convert(spec: FlagSpec, raw: string, source: string): FlagValue {
  const where = source === 'env' ? `environment variable ${spec.env} (for --${spec.name})` : `--${spec.name}`;
  switch (spec.type) {
    case 'string':
    case 'strings':
      return raw;
    case 'bool': {
      const v = raw.toLowerCase();
      if (['true', '1', 'yes'].includes(v)) return true;
      if (['false', '0', 'no'].includes(v)) return false;
      throw new FlagError(`${where}: expected true or false, got ${JSON.stringify(raw)}`, spec.name);
    }
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) throw new FlagError(`${where}: expected an integer, got ${JSON.stringify(raw)}`, spec.name);
      return Number(raw);
    }
    case 'float': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw new FlagError(`${where}: expected a number, got ${JSON.stringify(raw)}`, spec.name);
      return n;
    }
    case 'duration': {
      const ms = parseDuration(raw);
      if (ms === undefined) throw new FlagError(`${where}: expected a duration such as 500ms, 10s or 1m, got ${JSON.stringify(raw)}`, spec.name);
      return ms;
    }
    case 'enum': {
      if (!spec.choices?.includes(raw)) {
        throw new FlagError(`${where}: expected one of ${spec.choices?.join(', ')}, got ${JSON.stringify(raw)}`, spec.name);
      }
      return raw;
    }
  }
}

function validated(spec: FlagSpec, value: FlagValue): FlagValue {
  const problem = spec.validate?.(value);
  if (problem) throw new FlagError(`--${spec.name}: ${problem}`, spec.name);
  return value;
}

function defaultValue(spec: FlagSpec): FlagValue {
  const d = spec.default;
  if (d === undefined) return spec.type === 'strings' ? [] : spec.type === 'bool' ? false : undefined;
  // Durations and numbers may be given as text ("10s") for readability.
  if (typeof d === 'string' && ['duration', 'int', 'float', 'bool'].includes(spec.type)) return convert(spec, d, 'default');
  return Array.isArray(d) ? [...d] : d;
}

/** Parses argv and env against the specs. Throws FlagError naming the flag on any problem. */
export function parseFlags(specs: FlagSpec[], argv: string[], env: NodeJS.ProcessEnv = {}): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values: FlagValues = {};
  const explicit = new Set<string>();
  let help = false;
  let version = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--version') {
      version = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new FlagError(`unexpected argument ${JSON.stringify(arg)}: flags start with --`);
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    let name = eq >= 0 ? body.slice(0, eq) : body;
    let raw: string | undefined = eq >= 0 ? body.slice(eq + 1) : undefined;
    let spec = byName.get(name);
    if (!spec && name.startsWith('no-') && raw === undefined) {
      const positive = byName.get(name.slice(3));
      if (positive?.type === 'bool') {
        spec = positive;
        name = positive.name;
        raw = 'false';
      }
    }
    if (!spec) throw new FlagError(`unknown flag --${name}; run with --help to list the flags`, name);
    if (raw === undefined) {
      if (spec.type === 'bool') raw = 'true';
      else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) {
          throw new FlagError(`--${name}: expected a value (${spec.placeholder ?? spec.type})`, name);
        }
        raw = next;
        i++;
      }
    }
    const value = validated(spec, convert(spec, raw, 'argv'));
    if (spec.type === 'strings') {
      const list = explicit.has(name) ? (values[name] as string[]) : [];
      values[name] = [...list, value as string];
    } else values[name] = value;
    explicit.add(name);
  }

  for (const spec of specs) {
    if (explicit.has(spec.name)) continue;
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (fromEnv !== undefined && fromEnv !== '') {
      values[spec.name] =
        spec.type === 'strings'
          ? fromEnv.split(',').map((s) => validated(spec, s.trim()) as string).filter((s) => s !== '')
          : validated(spec, convert(spec, fromEnv, 'env'));
      explicit.add(spec.name);
      continue;
    }
    values[spec.name] = defaultValue(spec);
  }
  return { values, help, version, explicit };
}

/** The --help text: one line per flag with its default and environment variable. */
export function formatHelp(programName: string, description: string, specs: FlagSpec[]): string {
  const lines = [`usage: ${programName} [<flags>]`, '', description, '', 'Flags:', '  -h, --help  Show this help.', '      --version  Show the version.'];
  for (const s of specs) {
    if (s.hidden) continue;
    const head = s.type === 'bool' ? `--[no-]${s.name}` : `--${s.name}=${s.placeholder ?? (s.type === 'enum' ? s.choices?.join('|') : s.type.toUpperCase())}`;
    const extras: string[] = [];
    if (s.default !== undefined && s.default !== '' && !(Array.isArray(s.default) && s.default.length === 0)) {
      extras.push(`default: ${Array.isArray(s.default) ? s.default.join(',') : String(s.default)}`);
    }
    if (s.env) extras.push(`env: ${s.env}`);
    if (s.type === 'strings') extras.push('repeatable');
    lines.push(`      ${head}`, `          ${s.help}${extras.length ? ` (${extras.join('; ')})` : ''}`);
  }
  return lines.join('\n') + '\n';
}
