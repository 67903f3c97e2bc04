// Read-only API keys, only ever from files (never flags or the venues file itself), never logged or exported.
// A file holds one venue's key ({apiKey, secret, password?, uid?}) or, for --exchange.credentials-file, keys
// keyed by venue id. JSON or YAML.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { VenueConfigError } from './venue-config.js';

export interface ExchangeCredentials {
  apiKey?: string;
  secret?: string;
  password?: string;
  uid?: string;
}

const KEYS = ['apiKey', 'secret', 'password', 'uid'] as const;

export function loadCredentials(file: string, venue: string): ExchangeCredentials {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    // The parser's message may quote the file's content: only its first words, never the text.
    throw new VenueConfigError(`venue ${venue}: field credentials_file: cannot read ${file} as JSON or YAML (${(err as Error).name})`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new VenueConfigError(`venue ${venue}: field credentials_file: ${file} holds no mapping`);
  let o = doc as Record<string, unknown>;
  if (o.apiKey === undefined && o[venue] && typeof o[venue] === 'object') o = o[venue] as Record<string, unknown>;
  else if (o.apiKey === undefined) return {};
  const out: ExchangeCredentials = {};
  for (const k of KEYS) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'string') throw new VenueConfigError(`venue ${venue}: field credentials_file: ${k} in ${file} must be a string`);
    out[k] = o[k] as string;
  }
  if (!out.apiKey || !out.secret) throw new VenueConfigError(`venue ${venue}: field credentials_file: ${file} needs apiKey and secret`);
  return out;
}
