// A slow client (slowloris) for fault tests: it opens a connection to a server on loopback and sends a request
// one byte per `byteEveryMs`, its headers or, with `headersFirst`, its body; it resolves when the server closes
// the connection, with what the server answered and how long the connection stayed open. A server that never
// closes it fails the test at `giveUpMs` instead of hanging it.
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';

export interface SlowClientOptions {
  method?: string;
  path?: string;
  /** Extra header lines, e.g. { authorization: 'Bearer x' }. */
  headers?: Record<string, string>;
  /** Send the headers at once (with Content-Length of `body`) and trickle only the body. */
  headersFirst?: boolean;
  body?: string;
  /** Default 1000 (a byte a second). */
  byteEveryMs?: number;
  /** Default 30 s. */
  giveUpMs?: number;
  /** For an https:// URL: the CA to trust (without it, any certificate: the test's own server). */
  ca?: Buffer;
}

export interface SlowClientResult {
  /** What the server wrote before closing (e.g. "HTTP/1.1 408 Request Timeout..."), '' if nothing. */
  answer: string;
  /** Time from connecting to the server closing the connection. */
  openMs: number;
  /** Bytes of the request sent before the server closed it. */
  sent: number;
}

export function slowClient(url: string, opts: SlowClientOptions = {}): Promise<SlowClientResult> {
  const { hostname, port, protocol } = new URL(url);
  const body = opts.body ?? '';
  const headerLines = Object.entries({ host: `${hostname}:${port}`, ...opts.headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const head = `${opts.method ?? 'GET'} ${opts.path ?? '/'} HTTP/1.1\r\n${headerLines}\r\n`;
  const trickled = opts.headersFirst ? body : head + body;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    // Over TLS the trickle starts once the handshake is done.
    const tls = protocol === 'https:';
    const socket = tls
      ? connectTls({ host: hostname, port: Number(port), ca: opts.ca, rejectUnauthorized: Boolean(opts.ca) })
      : connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server at ${url} kept a client sending a byte every ${opts.byteEveryMs ?? 1000} ms connected for ${opts.giveUpMs ?? 30_000} ms (${sent} bytes sent)`));
    }, opts.giveUpMs ?? 30_000);
    socket.on(tls ? 'secureConnect' : 'connect', () => {
      if (opts.headersFirst) socket.write(head);
      const drip = () => {
        if (sent >= trickled.length || socket.destroyed) return;
        socket.write(trickled[sent++]);
        timer = setTimeout(drip, opts.byteEveryMs ?? 1000);
      };
      drip();
    });
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    // A reset (the server destroying the socket while bytes are in flight) ends it as a close does.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      clearTimeout(giveUp);
      resolve({ answer, openMs: Date.now() - started, sent });
    });
  });
}

export interface SlowlorisCheck {
  /** The server's base URL (http://127.0.0.1:port). */
  url: string;
  /** Path the slow clients and the normal client ask for (a GET answering 200). */
  path: string;
  /** The server's counter of connections cut off, e.g. node_web_request_timeouts_total. */
  counter: string;
  /** The --web.read-header-timeout the server was started with. */
  readHeaderTimeoutMs: number;
  clients?: number;
}

/**
 * The slow-client fault against one server: `clients` connections send their headers a byte a second while a
 * normal client is served; each slow one must be answered 408 after about the header timeout, having sent only
 * a few bytes, and counted. Throws (naming what differs) otherwise.
 */
export async function checkSlowClientsCutOff(c: SlowlorisCheck): Promise<void> {
  const n = c.clients ?? 3;
  const requestLine = `GET ${c.path} HTTP/1.1\r\n`;
  const before = await counterValue(c.url, c.counter);
  const slow = Array.from({ length: n }, () => slowClient(c.url, { path: c.path, byteEveryMs: 1000, giveUpMs: c.readHeaderTimeoutMs + 15_000 }));
  for (let i = 0; i < 3; i++) {
    const res = await fetch(c.url + c.path);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${c.path} answered ${res.status} while slow clients were connected`);
  }
  for (const r of await Promise.all(slow)) {
    if (!/^HTTP\/1\.1 408 Request Timeout\r\n/.test(r.answer)) throw new Error(`a slow client got ${JSON.stringify(r.answer.slice(0, 80))}, not 408`);
    if (r.openMs < c.readHeaderTimeoutMs) throw new Error(`a slow client was cut off after ${r.openMs} ms, before the ${c.readHeaderTimeoutMs} ms header timeout`);
    // Cut off while still sending: a server that waited for the whole request before answering 408 fails here.
    if (r.sent >= requestLine.length) throw new Error(`a slow client had sent ${r.sent} bytes (its whole request line) when it was cut off`);
  }
  const after = await counterValue(c.url, c.counter);
  if (after - before !== n) throw new Error(`${c.counter} went from ${before} to ${after}, not up by ${n}`);
}

async function counterValue(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!m) throw new Error(`${url}/metrics has no ${name}`);
  return Number(m[1]);
}
