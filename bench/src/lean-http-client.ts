// A lean HTTP/1.1 keep-alive load client, as wrk and autocannon are: each connection is a plain socket that
// writes a request built once (head and body) and reads the answer with a minimal parser (status line,
// Content-Length, body). On a 2-core machine the client shares the CPUs with the server it measures, so the
// cost of node:http's client (a request object, header validation, a parser and several streams per post)
// comes out of the server's throughput; this client costs a fraction of it. It speaks only what the benches
// need: answers with Content-Length (no chunked encoding), one request in flight per connection.
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

export interface Answer {
  status: number;
  body: string;
}

/** One keep-alive connection; send() resolves the answer to one request at a time. */
export class LeanConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
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
    const end = this.buffered.indexOf(HEAD_END);
    if (end < 0) return;
    const head = this.buffered.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!m) return void this.socket.destroy(new Error(`answer without Content-Length: ${head.split('\r\n')[0]}`));
    const total = end + HEAD_END.length + Number(m[1]);
    if (this.buffered.length < total) return;
    const body = this.buffered.toString('utf8', end + HEAD_END.length, total);
    this.buffered = this.buffered.subarray(total);
    const w = this.waiting;
    this.waiting = undefined;
    w?.resolve({ status, body });
  }
}

/** Opens `n` connections to the port. */
export function openConnections(port: number, n: number): Promise<LeanConnection[]> {
  return Promise.all(Array.from({ length: n }, () => LeanConnection.open(port)));
}
