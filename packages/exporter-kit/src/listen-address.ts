// node_exporter's --web.listen-address syntax: ":9100", "0.0.0.0:9100", "127.0.0.1:0", "[::1]:9100".
export interface ListenAddress {
  /** undefined means every interface. */
  host?: string;
  port: number;
}

export function parseListenAddress(text: string): ListenAddress | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text.trim());
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port > 65535) return undefined;
  const host = m[1] ?? m[2];
  return { host: host === '' ? undefined : host, port };
}

/** Whether a listen address only accepts connections from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackListen(text: string): boolean {
  const host = parseListenAddress(text)?.host?.toLowerCase();
  if (host === undefined) return false;
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
