// {port}, {dataDir}, {root}, {port:<name>}, {url:<name>}, {secret:<name>} in component commands and env.
export interface PlaceholderContext {
  self: string;
  root: string;
  dataDir: string;
  ports: Map<string, number>;
  /** The file of a shared secret, made on first use. */
  secret?: (name: string) => string;
}

export function substitute(text: string, ctx: PlaceholderContext): string {
  return text.replace(/\{(port|dataDir|root|url|secret)(?::([a-z0-9-]+))?\}/g, (whole, key: string, name: string | undefined) => {
    if (key === 'dataDir' && !name) return ctx.dataDir;
    if (key === 'root' && !name) return ctx.root;
    if (key === 'secret' && name && ctx.secret) return ctx.secret(name);
    if (key === 'port' || key === 'url') {
      const target = name || ctx.self;
      const port = ctx.ports.get(target);
      if (port === undefined) throw new Error(`${ctx.self}: ${whole} names ${target}, which has no port in this stack`);
      return key === 'port' ? String(port) : `http://127.0.0.1:${port}`;
    }
    throw new Error(`${ctx.self}: unknown placeholder ${whole}`);
  });
}
