// App plugin settings as Grafana keeps them: enabled, pinned, jsonData and secureJsonData per app, read from
// Grafana's provisioning files (provisioning/plugins/*.yaml: apiVersion 1, `apps: [{type, disabled, jsonData,
// secureJsonData}]`, with $VAR, ${VAR}, $__env{VAR} and $__file{path} expanded) and changed through
// POST /api/plugins/<id>/settings. secureJsonData is never sent back: GET answers only which keys are set
// (secureJsonFields). Kept in memory: a restart returns to the provisioned settings.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

import type { ServedPlugin } from './plugins.js';

export interface AppSettings {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
}

export class SettingsError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Grafana's provisioning expansion of one string value. */
export function expandProvisioned(text: string, where: string, env: NodeJS.ProcessEnv): string {
  const variable = (braced?: string, bare?: string, macro?: string) => env[(macro ?? braced ?? bare ?? '').trim()] ?? '';
  // One pass, so nothing read from a file or the environment is expanded again. The file's path may itself name a
  // variable ($__file{${KEY_FILE}}), which Grafana's provisioning does not expand; the local stack uses it to
  // point at the journal's generated key.
  return text.replace(
    /\$__file\{((?:\$\{\w+\}|[^}])*)\}|\$__env\{([^}]*)\}|\$\{(\w+)\}|\$(\w+)/g,
    (_all, file?: string, macro?: string, braced?: string, bare?: string) => {
      if (file === undefined) return variable(braced, bare, macro);
      const path = file.replace(/\$\{(\w+)\}/g, (_a, name: string) => variable(name)).trim();
      try {
        return readFileSync(path, 'utf8').trim();
      } catch (err) {
        throw new SettingsError(`${where}: $__file{${path}}: ${(err as Error).message}`, where);
      }
    },
  );
}

function expandAll(value: unknown, where: string, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') return expandProvisioned(value, where, env);
  if (Array.isArray(value)) return value.map((v, i) => expandAll(v, `${where}[${i}]`, env));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandAll(v, `${where}.${k}`, env)]));
  }
  return value;
}

function provisioningFiles(path: string): string[] {
  if (!existsSync(path)) throw new SettingsError(`--provisioning.plugins ${path}: no such file or directory`, 'provisioning.plugins');
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(path, f));
}

/** Reads Grafana plugin provisioning files; errors name the file and the entry at fault. */
export function readProvisionedApps(path: string, env: NodeJS.ProcessEnv = process.env): Map<string, AppSettings> {
  const out = new Map<string, AppSettings>();
  for (const file of provisioningFiles(path)) {
    const doc = parse(readFileSync(file, 'utf8')) as unknown;
    if (!isObject(doc) || !Array.isArray(doc.apps)) {
      throw new SettingsError(`${file}: expected "apiVersion: 1" and an "apps" list`, 'apps');
    }
    doc.apps.forEach((entry: unknown, i: number) => {
      const where = `${file}: apps[${i}]`;
      if (!isObject(entry) || typeof entry.type !== 'string') throw new SettingsError(`${where}.type: expected a plugin id`, 'type');
      if (entry.jsonData !== undefined && !isObject(entry.jsonData)) throw new SettingsError(`${where}.jsonData: expected a map`, 'jsonData');
      if (entry.secureJsonData !== undefined && !isObject(entry.secureJsonData)) {
        throw new SettingsError(`${where}.secureJsonData: expected a map`, 'secureJsonData');
      }
      const secure = expandAll(entry.secureJsonData ?? {}, `${where}.secureJsonData`, env) as Record<string, unknown>;
      out.set(entry.type, {
        enabled: entry.disabled !== true,
        pinned: entry.disabled !== true,
        jsonData: expandAll(entry.jsonData ?? {}, `${where}.jsonData`, env) as Record<string, unknown>,
        secureJsonData: Object.fromEntries(Object.entries(secure).map(([k, v]) => [k, String(v)])),
      });
    });
  }
  return out;
}

/** The settings of every served app plugin, with Grafana's GET/POST semantics. */
export class PluginSettingsStore {
  private readonly settings = new Map<string, AppSettings>();

  constructor(
    private readonly plugins: Map<string, ServedPlugin>,
    provisioned: Map<string, AppSettings>,
  ) {
    for (const [id, s] of provisioned) {
      if (!plugins.has(id)) throw new SettingsError(`provisioned app ${id} is not served; served: ${[...plugins.keys()].join(', ')}`, 'type');
      this.settings.set(id, s);
    }
  }

  get(id: string): AppSettings {
    const p = this.plugins.get(id);
    const auto = p?.json.autoEnabled === true || p?.type !== 'app';
    return this.settings.get(id) ?? { enabled: auto, pinned: auto, jsonData: {}, secureJsonData: {} };
  }

  /** What GET /api/plugins/<id>/settings answers (Grafana's PluginSetting DTO, the fields plugins read). */
  dto(id: string): Record<string, unknown> {
    const p = this.plugins.get(id) as ServedPlugin;
    const s = this.get(id);
    const json = p.json;
    return {
      id,
      type: p.type,
      name: p.name,
      enabled: s.enabled,
      pinned: s.pinned,
      autoEnabled: json.autoEnabled === true,
      module: `public/plugins/${id}/module.js`,
      baseUrl: `public/plugins/${id}`,
      info: json.info ?? {},
      includes: json.includes ?? [],
      dependencies: json.dependencies ?? {},
      jsonData: s.jsonData,
      secureJsonFields: Object.fromEntries(Object.keys(s.secureJsonData).filter((k) => s.secureJsonData[k] !== '').map((k) => [k, true])),
      defaultNavUrl: `/plugins/${id}/`,
      state: json.state ?? '',
      signature: 'unsigned',
      latestVersion: '',
      hasUpdate: false,
    };
  }

  /** POST semantics: given keys replace, secureJsonData keys not sent are kept (Grafana encrypts and merges them). */
  update(id: string, body: unknown): void {
    if (!isObject(body)) throw new SettingsError('body: expected a JSON object {enabled, pinned, jsonData, secureJsonData}', 'body');
    const cur = this.get(id);
    for (const key of ['enabled', 'pinned'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'boolean') throw new SettingsError(`${key}: expected true or false`, key);
    }
    if (body.jsonData !== undefined && body.jsonData !== null && !isObject(body.jsonData)) throw new SettingsError('jsonData: expected an object', 'jsonData');
    const secure = body.secureJsonData ?? {};
    if (!isObject(secure) || Object.values(secure).some((v) => typeof v !== 'string')) {
      throw new SettingsError('secureJsonData: expected an object of strings', 'secureJsonData');
    }
    this.settings.set(id, {
      enabled: (body.enabled as boolean | undefined) ?? cur.enabled,
      pinned: (body.pinned as boolean | undefined) ?? cur.pinned,
      jsonData: (body.jsonData as Record<string, unknown> | undefined) ?? cur.jsonData,
      secureJsonData: { ...cur.secureJsonData, ...(secure as Record<string, string>) },
    });
  }
}
