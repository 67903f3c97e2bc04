// The venues to watch: from a YAML file (--venues.file, reloaded on SIGHUP) and/or the one-off --exchange flags.
// Parsing is pure; every error names the venue and the field at fault.
import { parseDuration } from '@vigil/exporter-kit';
import { parse } from 'yaml';

export interface VenueConfig {
  /** The venue label (lower-case letters, digits, - and _), by default also the ccxt exchange id. */
  id: string;
  /** The ccxt exchange id (binance, okx, bybit, kraken, coinbase, ...): several venues (accounts) may share one. */
  exchange: string;
  /** Unified ccxt symbols whose ticker and book are polled (and streamed with stream: true). */
  symbols: string[];
  pollIntervalMs: number;
  /** File holding this venue's read-only key ({apiKey, secret, password?, uid?} as JSON or YAML). */
  credentialsFile?: string;
  /** ccxt's setSandboxMode(true): the venue's testnet. */
  sandbox: boolean;
  /** Keep a websocket ticker stream per symbol. */
  stream: boolean;
  /** Least time between two requests, overriding ccxt's documented figure for the venue (an account with a
   * higher tier, or a replay server). */
  requestIntervalMs?: number;
}

export class VenueConfigError extends Error {}

const ID = /^[a-z0-9]+$/;
const LABEL = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const FIELDS = new Set(['id', 'exchange', 'symbols', 'poll_interval', 'credentials_file', 'sandbox', 'stream', 'request_interval']);
/** Most symbols per venue: each is two requests per poll and a handful of series. */
export const MAX_SYMBOLS = 50;

export interface VenueDefaults {
  pollIntervalMs: number;
  stream: boolean;
}

/** Validates one venue entry; `where` names it in errors ("venues.yml: venue okx"). */
export function parseVenue(raw: unknown, where: string, defaults: VenueDefaults): VenueConfig {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new VenueConfigError(`${where}: expected a mapping with at least id`);
  const o = raw as Record<string, unknown>;
  const id = o.id;
  if (typeof id !== 'string' || !LABEL.test(id) || (o.exchange === undefined && !ID.test(id))) {
    throw new VenueConfigError(`${where}: field id: expected a ccxt exchange id such as okx (lower-case letters and digits), or a name such as okx-main with field exchange, got ${JSON.stringify(id)}`);
  }
  const at = `${where.replace(/ #\d+$/, '')} ${id}`;
  const bad = (field: string, expected: string, got: unknown) => new VenueConfigError(`${at}: field ${field}: expected ${expected}, got ${JSON.stringify(got)}`);
  for (const k of Object.keys(o)) if (!FIELDS.has(k)) throw new VenueConfigError(`${at}: unknown field ${k} (known: ${[...FIELDS].join(', ')})`);
  const symbols = o.symbols ?? [];
  if (!Array.isArray(symbols) || symbols.some((s) => typeof s !== 'string' || !/^[A-Za-z0-9._-]+\/[A-Za-z0-9._:-]+$/.test(s))) {
    throw bad('symbols', 'a list of unified symbols such as BTC/USDT or BTC/USDT:USDT', symbols);
  }
  if (symbols.length > MAX_SYMBOLS) throw bad('symbols', `at most ${MAX_SYMBOLS} symbols`, `${symbols.length} symbols`);
  if (new Set(symbols).size !== symbols.length) throw bad('symbols', 'each symbol once', symbols);
  if (o.exchange !== undefined && (typeof o.exchange !== 'string' || !ID.test(o.exchange))) throw bad('exchange', 'a ccxt exchange id such as okx', o.exchange);
  let pollIntervalMs = defaults.pollIntervalMs;
  if (o.poll_interval !== undefined) {
    const ms = typeof o.poll_interval === 'string' ? parseDuration(o.poll_interval) : undefined;
    if (ms === undefined || ms < 100) throw bad('poll_interval', 'a duration of at least 100ms such as 15s', o.poll_interval);
    pollIntervalMs = ms;
  }
  let requestIntervalMs: number | undefined;
  if (o.request_interval !== undefined) {
    requestIntervalMs = typeof o.request_interval === 'string' ? parseDuration(o.request_interval) : undefined;
    if (requestIntervalMs === undefined) throw bad('request_interval', 'a duration such as 200ms', o.request_interval);
  }
  const cred = o.credentials_file;
  if (cred !== undefined && (typeof cred !== 'string' || cred === '')) throw bad('credentials_file', 'a file path', cred);
  for (const flag of ['sandbox', 'stream'] as const) {
    if (o[flag] !== undefined && typeof o[flag] !== 'boolean') throw bad(flag, 'true or false', o[flag]);
  }
  return {
    id,
    exchange: (o.exchange as string | undefined) ?? id,
    symbols: symbols as string[],
    pollIntervalMs,
    credentialsFile: cred as string | undefined,
    sandbox: o.sandbox === true,
    stream: (o.stream as boolean | undefined) ?? defaults.stream,
    ...(requestIntervalMs !== undefined ? { requestIntervalMs } : {}),
  };
}

/** A venues file: `venues: [{id, symbols, poll_interval, credentials_file, sandbox, stream}, ...]`. */
export function parseVenuesFile(text: string, file: string, defaults: VenueDefaults): VenueConfig[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new VenueConfigError(`${file}: not YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const list = (doc as { venues?: unknown } | null)?.venues;
  if (!Array.isArray(list)) throw new VenueConfigError(`${file}: expected a top-level field venues holding a list of venues`);
  const out = list.map((v, i) => parseVenue(v, `${file}: venue #${i + 1}`, defaults));
  const seen = new Set<string>();
  for (const v of out) {
    if (seen.has(v.id)) throw new VenueConfigError(`${file}: venue ${v.id}: field id: listed twice`);
    seen.add(v.id);
  }
  return out;
}

/** `--exchange=ID[:SYMBOL]` flags merged into venues (one venue per id, its symbols gathered). */
export function venuesFromFlags(specs: readonly string[], defaults: VenueDefaults, credentialsFile?: string): VenueConfig[] {
  const byId = new Map<string, VenueConfig>();
  for (const spec of specs) {
    const m = /^([a-z0-9]+)(?::(.+))?$/.exec(spec.trim());
    if (!m) throw new VenueConfigError(`--exchange: expected ID[:SYMBOL] such as okx:BTC/USDT, got ${JSON.stringify(spec)}`);
    let v = byId.get(m[1]);
    if (!v) byId.set(m[1], (v = { id: m[1], exchange: m[1], symbols: [], pollIntervalMs: defaults.pollIntervalMs, sandbox: false, stream: defaults.stream, credentialsFile }));
    if (m[2] && !v.symbols.includes(m[2])) v.symbols.push(m[2]);
  }
  return [...byId.values()];
}

/** Same venue, same settings: its poller and figures are kept across a reload. */
export function sameVenue(a: VenueConfig, b: VenueConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
