// SNTP (RFC 4330) client: one 48-byte request, one reply, and the classic offset/round-trip arithmetic.
// Timestamps are NTP era-0 (seconds since 1900) with 32-bit fractions; the wall clock is read with
// performance.timeOrigin + performance.now() for sub-millisecond resolution.
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP, isIPv6 } from 'node:net';

const NTP_EPOCH_OFFSET = 2_208_988_800;
const TWO_32 = 2 ** 32;

export interface SntpReply {
  leap: number;
  version: number;
  mode: number;
  stratum: number;
  /** Seconds since the Unix epoch. */
  originate: number;
  receive: number;
  transmit: number;
}

export interface SntpResult {
  /** Server clock minus local clock, in seconds. */
  offsetSeconds: number;
  roundTripSeconds: number;
  stratum: number;
}

export function nowSeconds(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

export function writeTimestamp(buf: Buffer, at: number, unixSeconds: number): void {
  const ntp = unixSeconds + NTP_EPOCH_OFFSET;
  const secs = Math.floor(ntp);
  buf.writeUInt32BE(secs >>> 0, at);
  buf.writeUInt32BE(Math.min(TWO_32 - 1, Math.round((ntp - secs) * TWO_32)) >>> 0, at + 4);
}

export function readTimestamp(buf: Buffer, at: number): number {
  const secs = buf.readUInt32BE(at);
  const frac = buf.readUInt32BE(at + 4);
  if (secs === 0 && frac === 0) return 0;
  return secs - NTP_EPOCH_OFFSET + frac / TWO_32;
}

/** A client request (LI 0, version 4, mode 3) carrying our transmit time, which the server echoes back. */
export function encodeRequest(transmitUnixSeconds: number): Buffer {
  const buf = Buffer.alloc(48);
  buf[0] = (0 << 6) | (4 << 3) | 3;
  writeTimestamp(buf, 40, transmitUnixSeconds);
  return buf;
}

export function decodeReply(buf: Buffer): SntpReply {
  if (buf.length < 48) throw new Error(`SNTP reply too short: ${buf.length} bytes, expected at least 48`);
  return {
    leap: buf[0] >> 6,
    version: (buf[0] >> 3) & 7,
    mode: buf[0] & 7,
    stratum: buf[1],
    originate: readTimestamp(buf, 24),
    receive: readTimestamp(buf, 32),
    transmit: readTimestamp(buf, 40),
  };
}

/** A server reply (mode 4) to a request (mode 3): echo its transmit time back as originate. */
export function encodeReply(request: Buffer, receive: number, transmit: number, stratum = 2): Buffer {
  const buf = Buffer.alloc(48);
  buf[0] = (0 << 6) | (4 << 3) | 4;
  buf[1] = stratum;
  request.copy(buf, 24, 40, 48);
  writeTimestamp(buf, 32, receive);
  writeTimestamp(buf, 40, transmit);
  return buf;
}

/**
 * Checks a reply against RFC 4330 section 5 and computes offset and round trip.
 * t1 = our send time, t4 = our receive time; the reply carries t2 (server receive) and t3 (server transmit).
 */
export function evaluateReply(
  reply: SntpReply,
  sentAt: number,
  sentStamp: number,
  receivedAt: number,
): SntpResult {
  if (reply.mode !== 4 && reply.mode !== 5)
    throw new Error(`SNTP reply has mode ${reply.mode}, expected 4 (server)`);
  if (reply.stratum === 0) throw new Error('SNTP kiss-of-death (stratum 0): the server refuses to serve us');
  if (reply.leap === 3) throw new Error('SNTP server is unsynchronised (leap indicator 3)');
  if (reply.transmit === 0) throw new Error('SNTP reply has no transmit timestamp');
  // The originate field must echo our request, or the reply is not an answer to it (stale or spoofed).
  if (Math.abs(reply.originate - sentStamp) > 1e-6)
    throw new Error('SNTP reply does not answer our request (originate timestamp mismatch)');
  const t1 = sentAt;
  const t2 = reply.receive;
  const t3 = reply.transmit;
  const t4 = receivedAt;
  return {
    offsetSeconds: (t2 - t1 + (t3 - t4)) / 2,
    roundTripSeconds: Math.max(0, t4 - t1 - (t3 - t2)),
    stratum: reply.stratum,
  };
}

/** One SNTP exchange over UDP; the signal aborts it (the caller's timeout). Host names may resolve to IPv6. */
export async function sntpQuery(host: string, port: number, signal: AbortSignal): Promise<SntpResult> {
  const address = isIP(host) ? host : (await lookup(host)).address;
  signal.throwIfAborted();
  return exchange(address, port, signal);
}

function exchange(host: string, port: number, signal: AbortSignal): Promise<SntpResult> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    let sentAt = 0;
    let sentStamp = 0;
    let finished = false;
    const done = (err: Error | undefined, result?: SntpResult) => {
      if (finished) return;
      finished = true;
      signal.removeEventListener('abort', onAbort);
      socket.close();
      if (err) reject(err);
      else resolve(result!);
    };
    const onAbort = () => done(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (err) => done(err));
    socket.on('message', (msg) => {
      const receivedAt = nowSeconds();
      try {
        done(undefined, evaluateReply(decodeReply(msg), sentAt, sentStamp, receivedAt));
      } catch (err) {
        done(err as Error);
      }
    });
    sentAt = nowSeconds();
    const request = encodeRequest(sentAt);
    sentStamp = readTimestamp(request, 40);
    socket.send(request, port, host, (err) => {
      if (err) done(err);
    });
  });
}
