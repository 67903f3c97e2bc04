// Slow clients (slowloris: headers or a body sent a byte at a time) must not hold connections open for ever.
// node:http closes a connection whose request headers took longer than headersTimeout, or whose whole request
// took longer than requestTimeout, checking every connectionsCheckingInterval; this answers it 408 as node
// would, counts it and logs it (at most one line per LOG_EVERY_MS, with the count, so a flood of slow
// connections cannot flood the log).
import type { Duplex } from 'node:stream';
import type { Server } from 'node:http';
import { Server as TlsServer } from 'node:tls';
import { Counter, type Registry } from 'prom-client';
import type { Logger } from 'pino';

export interface ReadTimeouts {
  /** Time for a request's headers (node's headersTimeout). */
  headerMs: number;
  /** Time for the whole request, body included (node's requestTimeout); at least headerMs. */
  requestMs: number;
}

const LOG_EVERY_MS = 10_000;

const RESPONSES: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
};

/** node:http server options for these timeouts; the check interval is short enough to notice them on time. */
export function serverTimeoutOptions(t: ReadTimeouts) {
  return {
    headersTimeout: t.headerMs,
    requestTimeout: Math.max(t.requestMs, t.headerMs),
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(t.headerMs / 4))),
    keepAliveTimeout: 65_000,
  };
}

/** Counts and answers client errors of `servers` (node's own answers, plus the count and a throttled log line). */
export function watchSlowClients(servers: Server[], registry: Registry, namespace: string, logger: Logger, t: ReadTimeouts): void {
  const timeouts = new Counter({
    name: `${namespace}_web_request_timeouts_total`,
    help: 'Connections closed with 408 because a client sent its request headers slower than --web.read-header-timeout or its whole request slower than --web.read-timeout.',
    registers: [registry],
  });
  const malformed = new Counter({
    name: `${namespace}_web_malformed_requests_total`,
    help: 'Connections closed with 400 or 431 because a client sent bytes node could not parse as an HTTP request (bad syntax, or headers over the size limit).',
    registers: [registry],
  });
  const counted = new WeakSet<Duplex>();
  let unlogged = 0;
  let loggedAt = 0;
  const onClientError = (err: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      timeouts.inc();
      unlogged++;
      const now = Date.now();
      if (now - loggedAt >= LOG_EVERY_MS) {
        logger.warn({ connections: unlogged, readHeaderTimeoutMs: t.headerMs, readTimeoutMs: Math.max(t.requestMs, t.headerMs) }, 'slow client: request not received in time, connection closed (408)');
        unlogged = 0;
        loggedAt = now;
      }
    } else if (err.code?.startsWith('HPE_') && !counted.has(socket)) {
      // Once per connection: bytes already buffered behind the bad ones can raise the parser's error again.
      counted.add(socket);
      malformed.inc();
    }
    // As node does without a listener: an answer only if no response has started on this connection.
    if (socket.writable && !socket._httpMessage?.headersSent) {
      socket.write(`HTTP/1.1 ${RESPONSES[err.code ?? ''] ?? '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
    }
    socket.destroy();
  };
  for (const s of servers) s.on('clientError', onClientError);
  const tlsServers = servers.filter((s) => s instanceof TlsServer);
  if (tlsServers.length === 0) return;
  const handshakes = new Counter({
    name: `${namespace}_web_tls_handshake_errors_total`,
    help: 'TLS connections closed before a request because the handshake failed: not TLS after its first byte, no shared version or cipher, a client certificate refused, or not finished within --web.read-header-timeout.',
    registers: [registry],
  });
  for (const s of tlsServers) s.on('tlsClientError', () => handshakes.inc());
}
