// vigil-trading-sim: flags, the tick loop, the poster and the control endpoint; stops cleanly on
// SIGTERM/SIGINT after sending what is queued.
import { randomInt } from 'node:crypto';
import {
  FlagError,
  createLogger,
  envNameFor,
  formatHelp,
  parseFlags,
  parseListenAddress,
  readSecretFile,
  type FlagSpec,
  type LogFormat,
  type LogLevel,
} from '@vigil/exporter-kit';
import { startControlServer } from './control-server.js';
import { INCIDENT_DOCS, IncidentSpecError, parseIncidentSpec } from './incidents.js';
import { Poster } from './poster.js';
import { Simulator } from './simulator.js';

const NAME = 'vigil-trading-sim';
const DESCRIPTION = `Market simulator: posts realistic order, position, model and strategy events to a Vigil trading exporter's POST /v1/events, forever or for --sim.duration, with injectable incidents.

Incidents (--incident NAME[=VENUE|STRATEGY]@START[:DURATION], default duration 15m; or POST /incidents on the control endpoint):
${Object.entries(INCIDENT_DOCS)
  .map(([name, d]) => `  ${name}: ${d.change}. Trips ${d.alert}.`)
  .join('\n')}`;

const SPECS: FlagSpec[] = ([
  { name: 'target.url', type: 'string', default: 'http://127.0.0.1:9300', placeholder: 'URL', help: 'Base URL of the trading exporter.' },
  { name: 'target.token-file', type: 'string', default: '', placeholder: 'FILE', help: 'File holding the bearer token of the exporter\'s ingest API.' },
  { name: 'sim.seed', type: 'int', default: 0, placeholder: 'N', help: 'Random seed (0 picks one); the same seed replays the same market.' },
  { name: 'sim.orders-per-second', type: 'float', default: 25, placeholder: 'RATE', help: 'New orders per second across all venues.', validate: (v) => (Number(v) > 0 && Number(v) <= 5000 ? undefined : 'expected a rate between 0 and 5000') },
  { name: 'sim.tick', type: 'duration', default: '250ms', placeholder: 'DURATION', help: 'How often events are generated and posted.', validate: (v) => (Number(v) >= 10 ? undefined : 'expected at least 10ms') },
  { name: 'sim.duration', type: 'duration', default: '0', placeholder: 'DURATION', help: 'Stop after this long; 0 runs until stopped.' },
  { name: 'incident', type: 'strings', placeholder: 'SPEC', help: 'Schedule an incident, e.g. slippage-spike@60s, venue-outage=okx@2m:10m, toxic-venue=kraken@1m, reject-storm=okx@30s or strategy-slowdown=stat-arb@1m.' },
  { name: 'control.listen-address', type: 'string', default: '', placeholder: '[HOST]:PORT', help: 'Address of the control endpoint (empty: none). Port 0 picks a free one and logs it.' },
  { name: 'log.level', type: 'enum', choices: ['debug', 'info', 'warn', 'error'], default: 'info', help: 'Only log messages with the given severity or above.' },
  { name: 'log.format', type: 'enum', choices: ['json', 'logfmt'], default: 'json', help: 'Output format of log messages.' },
] as FlagSpec[]).map((s) => ({ ...s, env: envNameFor('VIGIL_TRADING_SIM', s.name) }));

export async function runSimulator(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(formatHelp(NAME, DESCRIPTION, SPECS));
    return 0;
  }
  let flags;
  const startedAt = Date.now();
  let incidents;
  let token: string | undefined;
  try {
    flags = parseFlags(SPECS, argv, env).values;
    incidents = (flags.incident as string[]).map((s) => parseIncidentSpec(s, startedAt));
    const tokenFile = String(flags['target.token-file']);
    if (tokenFile) token = readSecretFile('target.token-file', tokenFile);
    const control = String(flags['control.listen-address']);
    if (control && !parseListenAddress(control)) throw new FlagError(`--control.listen-address: expected [host]:port, got ${JSON.stringify(control)}`);
    new URL(String(flags['target.url']));
  } catch (err) {
    if (err instanceof FlagError || err instanceof IncidentSpecError || err instanceof TypeError) {
      process.stderr.write(`${NAME}: error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const logger = createLogger({ level: flags['log.level'] as LogLevel, format: flags['log.format'] as LogFormat, name: NAME });
  const seed = Number(flags['sim.seed']) || randomInt(1, 2 ** 31);
  const sim = new Simulator({ seed, ordersPerSecond: Number(flags['sim.orders-per-second']), runId: `sim-${startedAt.toString(36)}` });
  for (const i of incidents) sim.incidents.add(i);
  const target = String(flags['target.url']).replace(/\/+$/, '');
  const poster = new Poster({ url: target, token, maxBacklog: 200_000, maxBatch: 5_000, logger });

  let control: Awaited<ReturnType<typeof startControlServer>> | undefined;
  const controlAddress = String(flags['control.listen-address']);
  if (controlAddress) {
    const a = parseListenAddress(controlAddress)!;
    control = await startControlServer(a.host || '127.0.0.1', a.port, sim.incidents, () => poster.stats);
  }
  logger.info({ target, seed, control: control?.url, incidents: sim.incidents.list(Date.now()) }, 'simulating');

  const tickMs = Number(flags['sim.tick']);
  const timer = setInterval(() => poster.enqueue(sim.tick(Date.now())), tickMs);
  const report = setInterval(() => logger.info({ ...poster.stats, active: sim.incidents.list(Date.now()).filter((i) => i.active).map((i) => i.name) }, 'progress'), 60_000);
  report.unref();

  const durationMs = Number(flags['sim.duration']);
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (why: string) => {
      if (stopping) return;
      stopping = true;
      clearInterval(timer);
      clearInterval(report);
      logger.info({ why }, 'stopping');
      await poster.flush(5_000);
      control?.server.close();
      logger.info(poster.stats, 'stopped');
      resolve(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
    if (durationMs > 0) setTimeout(() => void stop('--sim.duration elapsed'), durationMs);
  });
}
