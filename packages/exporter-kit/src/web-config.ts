// The exporter-toolkit web configuration file (web-config.yml) used by Prometheus' official exporters:
// https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { SecureVersion } from 'node:tls';
import { parse as parseYaml } from 'yaml';

export type ClientAuthType =
  | 'NoClientCert'
  | 'RequestClientCert'
  | 'RequireAnyClientCert'
  | 'VerifyClientCertIfGiven'
  | 'RequireAndVerifyClientCert';

export interface TlsSettings {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
  clientAuthType: ClientAuthType;
  minVersion: SecureVersion;
  maxVersion?: SecureVersion;
}

export interface WebConfig {
  tls?: TlsSettings;
  /** username → bcrypt hash */
  basicAuthUsers: Map<string, string>;
  /** Extra response headers (http_server_config.headers). */
  headers: Record<string, string>;
}

export class WebConfigError extends Error {
  constructor(file: string, message: string) {
    super(`web config ${file}: ${message}`);
    this.name = 'WebConfigError';
  }
}

const CLIENT_AUTH_TYPES: ClientAuthType[] = [
  'NoClientCert',
  'RequestClientCert',
  'RequireAnyClientCert',
  'VerifyClientCertIfGiven',
  'RequireAndVerifyClientCert',
];
const TLS_VERSIONS: Record<string, SecureVersion> = {
  TLS10: 'TLSv1',
  TLS11: 'TLSv1.1',
  TLS12: 'TLSv1.2',
  TLS13: 'TLSv1.3',
};
const TOP_KEYS = new Set(['tls_server_config', 'basic_auth_users', 'http_server_config']);
const TLS_KEYS = new Set([
  'cert_file',
  'key_file',
  'client_ca_file',
  'client_auth_type',
  'min_version',
  'max_version',
  'cipher_suites',
  'curve_preferences',
  'prefer_server_cipher_suites',
  'client_allowed_sans',
  'cert',
  'key',
]);
const BCRYPT = /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads and validates a web-config.yml. Throws WebConfigError naming the field at fault. */
export function loadWebConfig(file: string): WebConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new WebConfigError(file, `cannot read: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text) ?? {};
  } catch (err) {
    throw new WebConfigError(file, `invalid YAML: ${(err as Error).message}`);
  }
  return parseWebConfig(doc, file);
}

export function parseWebConfig(doc: unknown, file: string): WebConfig {
  if (!isRecord(doc)) throw new WebConfigError(file, 'expected a mapping at the top level');
  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.has(key)) throw new WebConfigError(file, `unknown field ${JSON.stringify(key)}`);
  }
  const base = dirname(resolve(file));
  const readRelative = (field: string, p: unknown): Buffer => {
    if (typeof p !== 'string' || p === '') throw new WebConfigError(file, `${field}: expected a file path`);
    const full = isAbsolute(p) ? p : resolve(base, p);
    try {
      return readFileSync(full);
    } catch (err) {
      throw new WebConfigError(file, `${field}: cannot read ${full}: ${(err as Error).message}`);
    }
  };

  const config: WebConfig = { basicAuthUsers: new Map(), headers: {} };

  const tlsRaw = doc.tls_server_config;
  if (tlsRaw !== undefined && tlsRaw !== null) {
    if (!isRecord(tlsRaw)) throw new WebConfigError(file, 'tls_server_config: expected a mapping');
    for (const key of Object.keys(tlsRaw)) {
      if (!TLS_KEYS.has(key)) throw new WebConfigError(file, `tls_server_config: unknown field ${JSON.stringify(key)}`);
    }
    const hasCert = tlsRaw.cert_file !== undefined || tlsRaw.cert !== undefined;
    const hasKey = tlsRaw.key_file !== undefined || tlsRaw.key !== undefined;
    if (!hasCert) throw new WebConfigError(file, 'tls_server_config.cert_file: missing (a certificate is required for TLS)');
    if (!hasKey) throw new WebConfigError(file, 'tls_server_config.key_file: missing (a private key is required for TLS)');
    const cert = typeof tlsRaw.cert === 'string' ? Buffer.from(tlsRaw.cert) : readRelative('tls_server_config.cert_file', tlsRaw.cert_file);
    const key = typeof tlsRaw.key === 'string' ? Buffer.from(tlsRaw.key) : readRelative('tls_server_config.key_file', tlsRaw.key_file);
    const clientAuthType = (tlsRaw.client_auth_type ?? (tlsRaw.client_ca_file ? 'RequireAndVerifyClientCert' : 'NoClientCert')) as ClientAuthType;
    if (!CLIENT_AUTH_TYPES.includes(clientAuthType)) {
      throw new WebConfigError(file, `tls_server_config.client_auth_type: expected one of ${CLIENT_AUTH_TYPES.join(', ')}, got ${JSON.stringify(tlsRaw.client_auth_type)}`);
    }
    const ca = tlsRaw.client_ca_file !== undefined ? readRelative('tls_server_config.client_ca_file', tlsRaw.client_ca_file) : undefined;
    if ((clientAuthType === 'VerifyClientCertIfGiven' || clientAuthType === 'RequireAndVerifyClientCert') && !ca) {
      throw new WebConfigError(file, `tls_server_config.client_ca_file: required when client_auth_type is ${clientAuthType}`);
    }
    const version = (field: string, v: unknown): SecureVersion | undefined => {
      if (v === undefined) return undefined;
      const mapped = typeof v === 'string' ? TLS_VERSIONS[v] : undefined;
      if (!mapped) throw new WebConfigError(file, `tls_server_config.${field}: expected one of ${Object.keys(TLS_VERSIONS).join(', ')}, got ${JSON.stringify(v)}`);
      return mapped;
    };
    config.tls = {
      cert,
      key,
      ca,
      clientAuthType,
      minVersion: version('min_version', tlsRaw.min_version) ?? 'TLSv1.2',
      maxVersion: version('max_version', tlsRaw.max_version),
    };
  }

  const users = doc.basic_auth_users;
  if (users !== undefined && users !== null) {
    if (!isRecord(users)) throw new WebConfigError(file, 'basic_auth_users: expected a mapping of username to bcrypt hash');
    for (const [user, hash] of Object.entries(users)) {
      if (user.includes(':')) throw new WebConfigError(file, `basic_auth_users.${user}: a username cannot contain ":"`);
      if (typeof hash !== 'string' || !BCRYPT.test(hash)) {
        throw new WebConfigError(file, `basic_auth_users.${user}: expected a bcrypt hash ($2y$10$...)`);
      }
      config.basicAuthUsers.set(user, hash);
    }
  }

  const http = doc.http_server_config;
  if (http !== undefined && http !== null) {
    if (!isRecord(http)) throw new WebConfigError(file, 'http_server_config: expected a mapping');
    for (const [key, value] of Object.entries(http)) {
      if (key === 'headers') {
        if (!isRecord(value)) throw new WebConfigError(file, 'http_server_config.headers: expected a mapping');
        for (const [h, v] of Object.entries(value)) {
          if (typeof v !== 'string') throw new WebConfigError(file, `http_server_config.headers.${h}: expected a string`);
          config.headers[h] = v;
        }
      } else if (key !== 'http2') throw new WebConfigError(file, `http_server_config: unknown field ${JSON.stringify(key)}`);
    }
  }
  return config;
}
