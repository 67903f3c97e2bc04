// Parsers for the trading collectors' repeatable flag values (name=value, host:port), and a flag validator
// built on them; errors name the flag and the entry at fault.

/** name=value flag entries (e.g. --venue binance=10.0.0.5:443), with errors naming the flag and the entry. */
export function parseNamed(flag: string, entry: string): { name: string; value: string } {
  const eq = entry.indexOf('=');
  const name = eq > 0 ? entry.slice(0, eq).trim() : '';
  const value = eq > 0 ? entry.slice(eq + 1).trim() : '';
  if (!/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/.test(name) || value === '') {
    throw new Error(
      `--${flag}: expected name=value with a name of letters, digits, _ . : - (at most 64), got ${JSON.stringify(entry)}`,
    );
  }
  return { name, value };
}

/** host:port, [v6]:port; the port must be 1..65535. */
export function parseHostPort(
  flag: string,
  text: string,
  defaultPort?: number,
): { host: string; port: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text);
  const port = m?.[2] !== undefined ? Number(m[2]) : defaultPort;
  if (!m || m[1] === '' || port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`--${flag}: expected host:port with a port from 1 to 65535, got ${JSON.stringify(text)}`);
  }
  return { host: m[1], port };
}

/** Flag validators built on the parsers above. */
export function validateEach(parse: (entry: string) => unknown) {
  return (value: unknown): string | undefined => {
    try {
      for (const entry of Array.isArray(value) ? value : [value])
        if (entry !== undefined) parse(String(entry));
      return undefined;
    } catch (err) {
      return (err as Error).message.replace(/^--[^:]+: /, '');
    }
  };
}
