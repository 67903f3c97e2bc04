#!/usr/bin/env node
// vigil-stack: `npm start` runs this. Starts the local stack and keeps it up until Ctrl-C.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stack, StackError } from './stack.js';
import type { PortMode } from './ports.js';

const HELP = `usage: vigil-stack [--ports=default|free] [--data-dir=DIR] [--scrape-interval=DURATION]

Starts real Prometheus and Alertmanager plus every Vigil component on 127.0.0.1 and stops them on Ctrl-C.
  --ports=default|free      documented default ports (9090, 9093, 9300, ...) or free ones (default: default)
  --data-dir=DIR            where data, generated configs and logs go (default: <repo>/.vigil)
  --scrape-interval=DUR     override the scrape and evaluation interval of provisioning's prometheus.yml
  --root=DIR                the monorepo whose workspaces declare components (default: this checkout)
`;

interface Args {
  ports: PortMode;
  dataDir?: string;
  scrapeInterval?: string;
  root?: string;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { ports: 'default' };
  for (const arg of argv) {
    const [k, v] = arg.split('=', 2);
    if (k === '--help' || k === '-h') {
      process.stdout.write(HELP);
      process.exit(0);
    } else if (k === '--ports' && (v === 'default' || v === 'free')) out.ports = v;
    else if (k === '--data-dir' && v) out.dataDir = resolve(v);
    else if (k === '--root' && v) out.root = resolve(v);
    else if (k === '--scrape-interval' && v && /^\d+(ms|s|m)$/.test(v)) out.scrapeInterval = v;
    else {
      process.stderr.write(`vigil-stack: error: bad argument ${JSON.stringify(arg)}\n${HELP}`);
      process.exit(2);
    }
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const root = args.root ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = args.dataDir ?? join(root, '.vigil');
const stack = new Stack({
  root,
  dataDir,
  ports: args.ports,
  scrapeInterval: args.scrapeInterval ?? process.env.VIGIL_SCRAPE_INTERVAL,
  evaluationInterval: args.scrapeInterval ?? process.env.VIGIL_SCRAPE_INTERVAL,
});

let stopping: Promise<void> | undefined;
function shutdown(signal: string): Promise<void> {
  stopping ??= stopAndExit(signal);
  return stopping;
}
async function stopAndExit(signal: string): Promise<void> {
  // After a SIGHUP the terminal may be gone: a failed write must not end the process before its components.
  for (const out of [process.stdout, process.stderr]) out.on('error', () => {});
  console.log(`\n${signal}: stopping the local stack...`);
  await stack.stop();
  console.log('stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// A closed terminal sends SIGHUP: without a handler node exits at once and the components, each in its own
// process group, would be left running.
process.on('SIGHUP', () => void shutdown('SIGHUP'));

try {
  console.log(`Starting the Vigil local stack (data in ${dataDir})...`);
  await stack.start();
} catch (err) {
  // Ctrl-C during start-up: shutdown() stops what did start and exits; start-up's own failure is not the news.
  if (stopping) await stopping;
  console.error(err instanceof StackError ? `vigil-stack: ${err.message}` : err);
  process.exit(1);
}
if (stopping) await stopping;
const width = Math.max(...stack.services.map((s) => s.name.length));
console.log('\nThe Vigil local stack is up:');
for (const s of stack.services) console.log(`  ${s.name.padEnd(width)}  ${s.url ?? '(no port)'}   log: ${s.logFile}`);
const pages = stack.services.flatMap((s) => s.pages ?? []);
if (pages.length) {
  const w = Math.max(...pages.map((pg) => pg.what.length));
  console.log('\nOpen in a browser:');
  for (const pg of pages) console.log(`  ${pg.what.padEnd(w)}  ${pg.url}`);
}
console.log('\nPress Ctrl-C to stop.');
