// A TLS listener that answers plain HTTP on the same port with Go's 400 ("Client sent an HTTP request to an
// HTTPS server."), as exporters built on the exporter-toolkit do, and enforces its client_auth_type modes.
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { RequestListener, ServerOptions } from 'node:http';
import type { TlsSettings } from './web-config.js';

const TLS_HANDSHAKE = 0x16;

export interface TlsListener {
  net: NetServer;
  https: HttpsServer;
}

export function createTlsListener(tls: TlsSettings, handler: RequestListener, serverOptions: ServerOptions = {}): TlsListener {
  const wantsCert = tls.clientAuthType !== 'NoClientCert';
  const https = createHttpsServer(
    {
      ...serverOptions,
      cert: tls.cert,
      key: tls.key,
      ca: tls.ca,
      minVersion: tls.minVersion,
      maxVersion: tls.maxVersion,
      requestCert: wantsCert,
      // A client that starts a handshake and stalls is cut at the header timeout too (node's default is 120 s).
      handshakeTimeout: serverOptions.headersTimeout ?? 60_000,
      rejectUnauthorized: tls.clientAuthType === 'RequireAndVerifyClientCert',
    },
    handler,
  );
  https.on('secureConnection', (socket: TLSSocket) => {
    const cert = socket.getPeerCertificate();
    const given = cert && Object.keys(cert).length > 0;
    const refused =
      (tls.clientAuthType === 'RequireAnyClientCert' && !given) ||
      (tls.clientAuthType === 'VerifyClientCertIfGiven' && given && !socket.authorized);
    if (!refused) return;
    // Refused after a finished handshake, so OpenSSL raised no tlsClientError: raise it, for the handshake-errors
    // counter, as RequireAndVerifyClientCert's refusal during the handshake does.
    https.emit('tlsClientError', new Error(given ? 'client certificate refused' : 'no client certificate'), socket);
    socket.destroy();
  });
  // A connection that sends nothing is closed after the header timeout, as node:http closes one that never
  // completes its headers (the https server only sees a connection once its first byte has arrived).
  const firstByteMs = serverOptions.headersTimeout ?? 60_000;
  const net = createNetServer((socket: Socket) => {
    socket.setTimeout(firstByteMs, () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      if (chunk[0] === TLS_HANDSHAKE) {
        // The TLS layer takes the socket itself (so requests see the client's address, which the per-client auth
        // limits key on) and first reads what the socket holds: the sniffed bytes, pushed back.
        socket.unshift(chunk);
        https.emit('connection', socket);
        return;
      }
      socket.end('HTTP/1.0 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nClient sent an HTTP request to an HTTPS server.\n');
    });
    socket.on('error', () => socket.destroy());
  });
  // node:http starts enforcing headersTimeout/requestTimeout (its connection checks) when its server emits
  // 'listening'; this https server never listens itself, its connections come from `net`.
  net.on('listening', () => https.emit('listening'));
  net.on('close', () => https.close());
  return { net, https };
}
