// The relay routing file: which alerts go to SMS, Telegram or a signed webhook, chosen by labels.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseDuration } from '@vigil/exporter-kit';

export const CHANNELS = ['sms', 'telegram', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface RelayRoute {
  name: string;
  channel: Channel;
  /** Every label here must equal the alert's label (an empty object matches every alert). */
  match: Record<string, string>;
  /** Phone number (sms), chat id (telegram) or URL (webhook). */
  to: string;
  cooldownMs: number;
  sendResolved: boolean;
}

export class RoutingError extends Error {}

export function parseRoutes(text: string, source = 'routing file'): RelayRoute[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new RoutingError(`${source}: not valid YAML: ${(err as Error).message}`);
  }
  const routes = (doc as { routes?: unknown } | null)?.routes;
  if (!Array.isArray(routes)) throw new RoutingError(`${source}: expected a top-level "routes:" list`);
  const names = new Set<string>();
  return routes.map((r: Record<string, unknown>, i) => {
    const at = `${source}: routes[${i}]`;
    if (typeof r !== 'object' || r === null) throw new RoutingError(`${at}: expected a mapping`);
    for (const k of Object.keys(r)) {
      if (!['name', 'channel', 'match', 'to', 'cooldown', 'send_resolved'].includes(k)) throw new RoutingError(`${at}.${k}: unknown field`);
    }
    if (typeof r.name !== 'string' || !/^[\w.-]{1,64}$/.test(r.name)) throw new RoutingError(`${at}.name: expected a short name of letters, digits, _ . -`);
    if (names.has(r.name)) throw new RoutingError(`${at}.name: duplicate route name ${r.name}`);
    names.add(r.name);
    if (!CHANNELS.includes(r.channel as Channel)) throw new RoutingError(`${at}.channel: expected one of ${CHANNELS.join(', ')}`);
    const match = r.match ?? {};
    if (typeof match !== 'object' || Array.isArray(match) || Object.values(match as object).some((v) => typeof v !== 'string')) {
      throw new RoutingError(`${at}.match: expected a mapping of label name to string value`);
    }
    // YAML reads an unquoted Telegram chat id such as -1001234 as a number.
    if (r.channel === 'telegram' && typeof r.to === 'number' && Number.isInteger(r.to)) r.to = String(r.to);
    if (typeof r.to !== 'string' || r.to === '') throw new RoutingError(`${at}.to: expected the phone number, chat id or URL`);
    if (r.channel === 'sms' && !/^\+[1-9]\d{6,14}$/.test(r.to)) throw new RoutingError(`${at}.to: expected an E.164 phone number such as +15551234567`);
    if (r.channel === 'webhook' && !/^https?:\/\//.test(r.to)) throw new RoutingError(`${at}.to: expected an http(s) URL`);
    const cooldownMs = r.cooldown === undefined ? 5 * 60_000 : parseDuration(String(r.cooldown));
    if (cooldownMs === undefined) throw new RoutingError(`${at}.cooldown: expected a duration such as 5m`);
    if (r.send_resolved !== undefined && typeof r.send_resolved !== 'boolean') throw new RoutingError(`${at}.send_resolved: expected true or false`);
    return { name: r.name, channel: r.channel as Channel, match: match as Record<string, string>, to: r.to, cooldownMs, sendResolved: Boolean(r.send_resolved) };
  });
}

export function loadRoutes(path: string): RelayRoute[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RoutingError(`--relay.routes-file: cannot read ${path}: ${(err as Error).message}`);
  }
  return parseRoutes(text, path);
}

export function routeMatches(route: RelayRoute, labels: Record<string, string>): boolean {
  return Object.entries(route.match).every(([k, v]) => labels[k] === v);
}
