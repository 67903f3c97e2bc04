// A slow client (slowloris) for fault tests: it opens a connection to a server on loopback and sends a request
// one byte per `byteEveryMs`, its headers or, with `headersFirst`, its body; it resolves when the server closes
// the connection, with what the server answered and how long the connection stayed open. A server that never
// closes it fails the test at `giveUpMs` instead of hanging it.
import { connect } from 'node:net';

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
  const { hostname, port } = new URL(url);
  const body = opts.body ?? '';
  const headerLines = Object.entries({ host: `${hostname}:${port}`, ...opts.headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const head = `${opts.method ?? 'GET'} ${opts.path ?? '/'} HTTP/1.1\r\n${headerLines}\r\n`;
  const trickled = opts.headersFirst ? body : head + body;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server at ${url} kept a client sending a byte every ${opts.byteEveryMs ?? 1000} ms connected for ${opts.giveUpMs ?? 30_000} ms (${sent} bytes sent)`));
    }, opts.giveUpMs ?? 30_000);
    socket.on('connect', () => {
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
