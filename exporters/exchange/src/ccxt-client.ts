// Loading ccxt and building a configured client, shared by the REST poller and the websocket streams: the
// same --exchange.api-base redirection and the same preloaded markets for both.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rewriteUrls } from './api-base.js';

export type CcxtModule = Record<string, unknown> & {
  exchanges: string[];
  pro: Record<string, unknown> & { exchanges: string[] };
};

/** What every client needs to be pointed somewhere else and given markets. */
export interface CcxtClient {
  urls: { api: unknown };
  setMarkets(markets: unknown): unknown;
  has: Record<string, unknown>;
}

export interface ClientPlacement {
  /** Rewrites every REST and websocket URL to BASE/<original host>/<path>. */
  apiBase?: string;
  /** Folder of <id>.json ccxt market dicts to preload instead of calling loadMarkets(). */
  marketsDir?: string;
}

/** ccxt is large: loaded only when venues are configured. */
export async function loadCcxt(): Promise<CcxtModule> {
  const mod = (await import('ccxt')) as unknown as { default: CcxtModule };
  return mod.default;
}

export function createClient<T extends CcxtClient>(
  Ctor: new (config: object) => T,
  id: string,
  config: object,
  placement: ClientPlacement,
): T {
  const ex = new Ctor(config);
  if (placement.apiBase) ex.urls.api = rewriteUrls(ex.urls.api, placement.apiBase);
  const marketsFile = placement.marketsDir ? join(placement.marketsDir, `${id}.json`) : undefined;
  if (marketsFile && existsSync(marketsFile)) ex.setMarkets(JSON.parse(readFileSync(marketsFile, 'utf8')));
  return ex;
}
