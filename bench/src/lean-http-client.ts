// A lean HTTP/1.1 keep-alive load client, as wrk and autocannon are: each connection is a plain socket that
// writes a request built once (head and body) and reads the answer with a minimal parser (status line,
// Content-Length, body). On a 2-core machine the client shares the CPUs with the server it measures, so the
// cost of node:http's client (a request object, header validation, a parser and several streams per post)
// comes out of the server's throughput; this client costs a fraction of it. It speaks only what the benches
// need: answers with Content-Length (no chunked encoding), one request in flight per connection. A scraper's GET
// reads the answer as bytes (as Prometheus does), decoded only if asked for.
import net from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');

/** A POST built once: the head and the body, written together on every send. */
export interface PreparedRequest {
  head: Buffer;
  body: Buffer;
}

export function preparePost(path: string, body: Buffer, headers: Record<string, string>): PreparedRequest {
  const lines = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Length: ${body.length}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return { head: Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body };
}

/** A GET built once (a scrape): the head, with an empty body. */
export function prepareGet(path: string, headers: Record<string, string>): PreparedRequest {
  const lines = [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return { head: Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body: Buffer.alloc(0) };
}

/** An answer: its status, head (status line and headers as sent) and body bytes; `body` decodes them as UTF-8. */
export class Answer {
  constructor(
    readonly status: number,
    readonly head: string,
    readonly bytes: Buffer,
  ) {}

  get body(): string {
    return this.bytes.toString('utf8');
  }
}

/** One keep-alive connection; send() resolves the answer to one request at a time. */
export class LeanConnection {
  // Chunks received and not yet answered: joined once an answer is whole (an 800 KB body comes in ~13 chunks;
  // joining on every chunk would copy it over and over).
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  /** Head end and answer length of the answer being received, once its head is in. */
  private pending: { status: number; head: string; bodyStart: number; total: number } | undefined;
  private waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.bufferedBytes += chunk.length;
      this.tryAnswer();
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      this.waiting?.reject(err);
      this.waiting = undefined;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the server')));
  }

  static open(port: number): Promise<LeanConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(new LeanConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(req: PreparedRequest): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting) return Promise.reject(new Error('one request at a time per connection'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.cork();
      this.socket.write(req.head);
      this.socket.write(req.body);
      this.socket.uncork();
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private tryAnswer(): void {
    if (!this.pending) {
      const buffered = this.joined();
      const end = buffered.indexOf(HEAD_END);
      if (end < 0) return;
      const head = buffered.toString('latin1', 0, end);
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!m) return void this.socket.destroy(new Error(`answer without Content-Length: ${head.split('\r\n')[0]}`));
      const bodyStart = end + HEAD_END.length;
      this.pending = { status: Number(head.slice(9, 12)), head, bodyStart, total: bodyStart + Number(m[1]) };
    }
    const p = this.pending;
    if (this.bufferedBytes < p.total) return;
    const buffered = this.joined();
    const answer = new Answer(p.status, p.head, buffered.subarray(p.bodyStart, p.total));
    const rest = buffered.subarray(p.total);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.bufferedBytes = rest.length;
    this.pending = undefined;
    const w = this.waiting;
    this.waiting = undefined;
    w?.resolve(answer);
  }

  /** The chunks received so far as one buffer (kept as the only chunk). */
  private joined(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.bufferedBytes)];
    return this.chunks[0];
  }
}

/** Opens `n` connections to the port. */
export function openConnections(port: number, n: number): Promise<LeanConnection[]> {
  return Promise.all(Array.from({ length: n }, () => LeanConnection.open(port)));
}
