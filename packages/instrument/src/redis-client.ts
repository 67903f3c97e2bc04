// ioredis client metrics: every command's duration and errors (by command name and Redis error prefix or
// connection error), the connection's state as Prometheus can alert on it (ready or not, reconnects), and the
// commands waiting for the connection. Works on the client object itself (its sendCommand, through which
// ioredis sends every command, pipelines and transactions included); ioredis is the service's own dependency.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { BoundedLabel } from './bounded-labels.js';
import { errorType } from './error-type.js';

/** ioredis' client states (Redis#status). */
export const REDIS_STATES = ['wait', 'connecting', 'connect', 'ready', 'reconnecting', 'close', 'end'] as const;

/** The parts of an ioredis client (ioredis 5) used here. */
export interface IoRedisLike {
  readonly status: string;
  sendCommand(command: any, stream?: any): unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  on(event: 'reconnecting', listener: (...args: any[]) => void): unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly commandQueue: { length: number };
}

const OBSERVED = Symbol('vigil.instrument.redis');

interface CommandLike {
  [OBSERVED]?: true;
  name: string;
  resolve: (value: unknown) => unknown;
  reject: (err: Error) => unknown;
}

export interface RedisMetricsOptions {
  registry: Registry;
  service: string;
  buckets?: number[];
  /** Distinct command names kept before folding into "other" (default 60). */
  maxCommands?: number;
}

export const DEFAULT_REDIS_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

export interface RedisMetrics {
  /** Instruments `client` under the `client` label `name` (e.g. "cache", "sessions"). Once per client. */
  instrument(client: IoRedisLike, name: string): void;
}

export function redisMetrics(opts: RedisMetricsOptions): RedisMetrics {
  const { registry, service } = opts;
  const clients = new Map<string, IoRedisLike>();
  const r = [registry];
  const duration = new Histogram({
    name: 'redis_client_command_duration_seconds',
    help: 'Time from issuing a Redis command to its reply or error (time queued while disconnected included), by command and outcome.',
    labelNames: ['service', 'client', 'command', 'outcome'],
    buckets: opts.buckets ?? DEFAULT_REDIS_BUCKETS,
    registers: r,
  });
  const errors = new Counter({
    name: 'redis_client_command_errors_total',
    help: 'Failed Redis commands by command and error type (Redis error prefix such as WRONGTYPE, timeout, or connection error).',
    labelNames: ['service', 'client', 'command', 'error_type'],
    registers: r,
  });
  const reconnects = new Counter({
    name: 'redis_client_reconnects_total',
    help: 'Times the client lost its connection and started reconnecting.',
    labelNames: ['service', 'client'],
    registers: r,
  });
  new Gauge({
    name: 'redis_client_ready',
    help: '1 while the client is connected and ready for commands, else 0.',
    labelNames: ['service', 'client'],
    registers: r,
    collect() {
      this.reset();
      for (const [client, c] of clients) this.set({ service, client }, c.status === 'ready' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'redis_client_state',
    help: "The client's connection state: 1 for the current one of wait, connecting, connect, ready, reconnecting, close, end.",
    labelNames: ['service', 'client', 'state'],
    registers: r,
    collect() {
      this.reset();
      for (const [client, c] of clients) for (const state of REDIS_STATES) this.set({ service, client, state }, c.status === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'redis_client_pending_commands',
    help: 'Commands sent and awaiting a reply, plus commands queued while the client is not connected.',
    labelNames: ['service', 'client'],
    registers: r,
    collect() {
      this.reset();
      for (const [client, c] of clients) {
        const offline = (c as unknown as { offlineQueue?: { length: number } }).offlineQueue?.length ?? 0;
        this.set({ service, client }, c.commandQueue.length + offline);
      }
    },
  });
  const commands = new BoundedLabel(registry, service, 'command', opts.maxCommands ?? 60);

  return {
    instrument(client, name) {
      if (clients.has(name)) throw new Error(`redisMetrics: a client named ${JSON.stringify(name)} is already instrumented`);
      clients.set(name, client);
      client.on('reconnecting', () => reconnects.inc({ service, client: name }));
      const send = client.sendCommand;
      client.sendCommand = function (this: IoRedisLike, command: CommandLike, ...rest: unknown[]) {
        // ioredis sends a queued command again after a reconnect: it is observed once, from its first issue.
        if (command[OBSERVED]) return send.call(this, command, ...rest);
        command[OBSERVED] = true;
        const t0 = process.hrtime.bigint();
        const cmd = commands.value(command.name.toLowerCase());
        let done = false;
        const finish = (err?: Error) => {
          if (done) return;
          done = true;
          duration.observe({ service, client: name, command: cmd, outcome: err ? 'error' : 'success' }, Number(process.hrtime.bigint() - t0) / 1e9);
          if (err) errors.inc({ service, client: name, command: cmd, error_type: errorType(err) });
        };
        // The command settles through its own resolve/reject (also on timeouts and flushed queues); wrapping them
        // observes it without adding a handler to the promise the caller holds.
        const { resolve, reject } = command;
        command.resolve = (value) => (finish(), resolve.call(command, value));
        command.reject = (err) => (finish(err), reject.call(command, err));
        return send.call(this, command, ...rest);
      };
    },
  };
}
