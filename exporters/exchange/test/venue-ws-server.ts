// A local stand-in for two venues' public websocket ticker streams, speaking each venue's documented
// protocol, on the same port as an HTTP handler (the exporter's --exchange.api-base sends REST and websocket
// traffic to one base, keeping the original host as the first path segment):
// - binance spot (wss://stream.binance.com:9443/ws/...): {"method":"SUBSCRIBE","params":["btcusdt@ticker"],"id":N}
//   answered {"result":null,"id":N}, then "24hrTicker" events (Individual Symbol Ticker Stream); protocol-level
//   pings, which the ws package answers by itself.
// - okx v5 (wss://ws.okx.com:8443/ws/v5/public): {"op":"subscribe","args":[{"channel":"tickers","instId":"BTC-USDT"}]}
//   answered {"event":"subscribe","arg":{...},"connId":...}, then {"arg":{...},"data":[ticker]}; the client
//   sends the text "ping" and expects "pong".
// Field names and shapes follow the venues' API docs and what ccxt 4.5's pro/binance.js and pro/okx.js read.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type Venue = 'binance' | 'okx';

export interface Quote {
  bid: number;
  bidQty: number;
  ask: number;
  askQty: number;
}

const HOSTS: Record<string, Venue> = { 'stream.binance.com:9443': 'binance', 'ws.okx.com:8443': 'okx' };

interface VenueState {
  quote: Quote;
  /** Open sockets with an accepted subscription, and the binance stream each asked for (ticker, miniTicker). */
  subscribed: Map<WebSocket, string>;
  /** Answer the websocket upgrade with 503 (the venue refusing connections). */
  refuse: boolean;
  /** Keep connections open but send no tickers (a stale stream). */
  silent: boolean;
  /** Send binance tickers without the best bid and ask (b, B, a, A). */
  bookless: boolean;
  /** Answer the next subscription with the venue's error event holding this text (okx only). */
  rejectWith?: string;
  /** Every subscription frame received, parsed. */
  subscriptions: unknown[];
  connections: number;
  pings: number;
}

export class VenueWsServer {
  readonly venues: Record<Venue, VenueState>;
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private timer?: NodeJS.Timeout;

  constructor(rest: RequestListener, quotes: Record<Venue, Quote>) {
    const state = (quote: Quote): VenueState => ({
      quote,
      subscribed: new Map(),
      refuse: false,
      silent: false,
      bookless: false,
      subscriptions: [],
      connections: 0,
      pings: 0,
    });
    this.venues = { binance: state(quotes.binance), okx: state(quotes.okx) };
    this.http = createServer(rest);
    this.http.on('upgrade', (req, socket, head) => {
      const venue = HOSTS[(req.url ?? '/').split('/')[1]];
      if (!venue) return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      if (this.venues[venue].refuse)
        return void socket.end(
          'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
        );
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(venue, ws));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.http.listen(0, '127.0.0.1', r));
    // Tickers every 100 ms (the venues push every 100 ms to 2 s).
    this.timer = setInterval(() => {
      for (const venue of ['binance', 'okx'] as const) {
        if (this.venues[venue].silent) continue;
        for (const [ws, stream] of this.venues[venue].subscribed)
          ws.send(JSON.stringify(this.ticker(venue, stream)));
      }
    }, 100);
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const ws of this.wss.clients) ws.terminate();
    this.http.closeAllConnections();
    await new Promise((r) => this.http.close(r));
  }

  /** Drops every connection of the venue without a close frame, as a network failure would. */
  terminate(venue: Venue): number {
    const open = [...this.venues[venue].subscribed.keys()];
    for (const ws of open) ws.terminate();
    return open.length;
  }

  private accept(venue: Venue, ws: WebSocket): void {
    const v = this.venues[venue];
    v.connections++;
    ws.on('close', () => v.subscribed.delete(ws));
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      if (venue === 'okx' && text === 'ping') {
        v.pings++;
        return void ws.send('pong');
      }
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return;
      }
      v.subscriptions.push(msg);
      if (venue === 'binance' && msg.method === 'SUBSCRIBE') {
        ws.send(JSON.stringify({ result: null, id: msg.id }));
        v.subscribed.set(ws, String((msg.params as string[])[0]).split('@')[1]);
      } else if (venue === 'okx' && msg.op === 'subscribe') {
        if (v.rejectWith !== undefined) {
          // okx's error event for a bad request (code 60012 "Illegal request").
          ws.send(
            JSON.stringify({
              event: 'error',
              code: '60012',
              msg: `Illegal request: ${v.rejectWith}`,
              connId: 'a4d3ae55',
            }),
          );
          v.rejectWith = undefined;
          return;
        }
        for (const arg of msg.args as unknown[])
          ws.send(JSON.stringify({ event: 'subscribe', arg, connId: 'a4d3ae55' }));
        v.subscribed.set(ws, 'tickers');
      }
      const stream = v.subscribed.get(ws);
      if (!v.silent && stream) ws.send(JSON.stringify(this.ticker(venue, stream)));
    });
  }

  /** One ticker push in the venue's format for its current quote. */
  ticker(venue: Venue, stream: string): unknown {
    const q = this.venues[venue].quote;
    const now = Date.now();
    const last = (q.bid + q.ask) / 2;
    if (venue === 'binance' && stream === 'miniTicker') {
      // Individual Symbol Mini Ticker Stream: no best bid or ask.
      return {
        e: '24hrMiniTicker',
        E: now,
        s: 'BTCUSDT',
        c: String(last),
        o: String(last - 120.5),
        h: String(last + 500),
        l: String(last - 800),
        v: '18234.11900000',
        q: '1232440703.99400000',
      };
    }
    if (venue === 'binance') {
      return {
        e: '24hrTicker',
        E: now,
        s: 'BTCUSDT',
        p: '120.50000000',
        P: '0.180',
        w: String(last - 10),
        x: String(last - 120),
        c: String(last),
        Q: '0.01200000',
        ...(this.venues.binance.bookless ? {} : { b: String(q.bid), B: String(q.bidQty), a: String(q.ask), A: String(q.askQty) }),
        o: String(last - 120.5),
        h: String(last + 500),
        l: String(last - 800),
        v: '18234.11900000',
        q: '1232440703.99400000',
        O: now - 86_400_000,
        C: now,
        F: 3_581_290_111,
        L: 3_582_451_870,
        n: 1_161_760,
      };
    }
    return {
      arg: { channel: 'tickers', instId: 'BTC-USDT' },
      data: [
        {
          instType: 'SPOT',
          instId: 'BTC-USDT',
          last: String(last),
          lastSz: '0.00001754',
          askPx: String(q.ask),
          askSz: String(q.askQty),
          bidPx: String(q.bid),
          bidSz: String(q.bidQty),
          open24h: String(last - 200),
          high24h: String(last + 600),
          low24h: String(last - 900),
          sodUtc0: String(last - 150),
          sodUtc8: String(last - 90),
          volCcy24h: '503403597.38138519',
          vol24h: '15937.10781721',
          ts: String(now),
        },
      ],
    };
  }
}
