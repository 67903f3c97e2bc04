// The local stack: real Prometheus and Alertmanager plus every component the workspaces declare, on loopback,
// started in dependency order, each waited on until healthy, and stopped in reverse order.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBinaries, INSTALL_HINT, type Binaries } from './binaries.js';
import { localAlertmanagerConfig, localPrometheusConfig } from './configs.js';
import { discoverComponents, type Component } from './manifest.js';
import { substitute } from './placeholders.js';
import { JOURNAL_WEBHOOK_SECRET, stackSecret } from './secrets.js';
import { expandRuleFiles, retentionDaysFor } from '@vigil/provisioning';
import { assignPorts, PortInUse, type PortMode } from './ports.js';
import { DataDirInUse, lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { startProcess, stopProcess, type ManagedProcess } from './process.js';

export class StackError extends Error {}

export interface StackOptions {
  root: string;
  dataDir: string;
  ports: PortMode;
  scrapeInterval?: string;
  evaluationInterval?: string;
  healthTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface RunningService {
  name: string;
  url?: string;
  /** The component's browser pages (manifest `pages`), as full URLs. */
  pages?: Array<{ what: string; url: string }>;
  logFile: string;
  pid?: number;
}

const BUILTIN_PORTS = { prometheus: 9090, alertmanager: 9093 };

export class Stack {
  private readonly procs: ManagedProcess[] = [];
  readonly services: RunningService[] = [];
  ports = new Map<string, number>();
  components: Component[] = [];
  private stopping = false;
  private dataDirLock?: DataDirLock;
  /** Local retention: the longest window any loaded rule reads, plus a day (rule-windows.ts). */
  private retentionDays = 15;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: StackOptions) {
    this.log = opts.log ?? ((line) => console.log(line));
  }

  async start(): Promise<void> {
    const env = this.opts.env ?? process.env;
    const { found, missing } = findBinaries(env);
    if (!found) throw new StackError(`cannot start the local stack: ${missing.join('; ')}.\n${INSTALL_HINT}`);
    this.components = discoverComponents(this.opts.root);
    const defaults = new Map<string, number>(Object.entries(BUILTIN_PORTS));
    for (const c of this.components) if (c.port !== undefined) defaults.set(c.name, c.port);

    const dirs = { config: join(this.opts.dataDir, 'config'), logs: join(this.opts.dataDir, 'logs') };
    for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
    try {
      this.dataDirLock = await lockDataDir(this.opts.dataDir, { log: this.log });
      this.ports = await assignPorts(defaults, this.opts.ports);
    } catch (err) {
      this.releaseDataDir();
      throw err instanceof DataDirInUse || err instanceof PortInUse ? new StackError(err.message) : err;
    }
    try {
      this.writeConfigs(dirs.config);
      await this.startBuiltins(found, dirs);
      for (const c of this.components) await this.startComponent(c, dirs.logs, env);
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  private writeConfigs(configDir: string): void {
    const jobs = new Map<string, number>([
      ['prometheus', this.ports.get('prometheus')!],
      ['alertmanager', this.ports.get('alertmanager')!],
    ]);
    for (const c of this.components) if (c.scrapeJob && c.port !== undefined) jobs.set(c.scrapeJob, this.ports.get(c.name)!);
    const prom = localPrometheusConfig(join(this.opts.root, 'provisioning/prometheus/prometheus.yml'), {
      jobs,
      alertmanagerPort: this.ports.get('alertmanager')!,
      scrapeInterval: this.opts.scrapeInterval,
      evaluationInterval: this.opts.evaluationInterval,
    });
    writeFileSync(join(configDir, 'prometheus.yml'), prom.yaml);
    this.retentionDays = retentionDaysFor(expandRuleFiles(prom.ruleFiles));
    if (prom.dropped.length) this.log(`prometheus: jobs without a local component left out: ${prom.dropped.join(', ')}`);

    const portMap = new Map<number, number>();
    for (const [name, port] of this.ports) {
      const def = name in BUILTIN_PORTS ? BUILTIN_PORTS[name as keyof typeof BUILTIN_PORTS] : this.components.find((c) => c.name === name)?.port;
      if (def !== undefined) portMap.set(def, port);
    }
    const journal = this.components.find((c) => c.name === 'alert-journal');
    const fallback = journal ? `http://127.0.0.1:${this.ports.get('alert-journal')}/v1/alertmanager` : undefined;
    // Alertmanager sends the journal the token the journal's manifest reads ({secret:journal-webhook-token}).
    const token = stackSecret(this.opts.dataDir, JOURNAL_WEBHOOK_SECRET);
    writeFileSync(join(configDir, 'alertmanager.yml'), localAlertmanagerConfig(join(this.opts.root, 'provisioning/alertmanager/alertmanager.yml'), portMap, fallback, token));
  }

  private async startBuiltins(bins: Binaries, dirs: { config: string; logs: string }): Promise<void> {
    const data = (name: string) => {
      const d = join(this.opts.dataDir, name);
      mkdirSync(d, { recursive: true });
      return d;
    };
    const am = this.ports.get('alertmanager')!;
    await this.launch(
      'alertmanager',
      [bins.alertmanager, `--config.file=${join(dirs.config, 'alertmanager.yml')}`, `--storage.path=${data('alertmanager')}`,
        `--web.listen-address=127.0.0.1:${am}`, '--cluster.listen-address=', `--web.external-url=http://127.0.0.1:${am}`],
      { cwd: this.opts.root, port: am, health: '/-/ready', logs: dirs.logs },
    );
    const prom = this.ports.get('prometheus')!;
    await this.launch(
      'prometheus',
      [bins.prometheus, `--config.file=${join(dirs.config, 'prometheus.yml')}`, `--storage.tsdb.path=${data('prometheus')}`,
        `--web.listen-address=127.0.0.1:${prom}`, '--web.enable-lifecycle', `--storage.tsdb.retention.time=${this.retentionDays}d`,
        // Exemplars (trace ids on latency and slippage buckets) are kept, as in the compose stack.
        '--enable-feature=exemplar-storage',
        `--web.external-url=http://127.0.0.1:${prom}`],
      { cwd: this.opts.root, port: prom, health: '/-/ready', logs: dirs.logs },
    );
  }

  private async startComponent(c: Component, logs: string, env: NodeJS.ProcessEnv): Promise<void> {
    const dataDir = join(this.opts.dataDir, c.name);
    mkdirSync(dataDir, { recursive: true });
    const ctx = { self: c.name, root: this.opts.root, dataDir, ports: this.ports, secret: (name: string) => stackSecret(this.opts.dataDir, name) };
    const command = c.command.map((part) => substitute(part, ctx));
    const extraEnv = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, substitute(v, ctx)]));
    await this.launch(c.name, command, {
      cwd: c.cwd,
      port: c.port !== undefined ? this.ports.get(c.name) : undefined,
      health: c.health,
      pages: c.pages,
      logs,
      env: { ...env, ...extraEnv },
    });
  }

  private async launch(
    name: string,
    command: string[],
    o: { cwd: string; port?: number; health?: string; pages?: Array<{ path: string; what: string }>; logs: string; env?: NodeJS.ProcessEnv },
  ): Promise<void> {
    // Stopping (Ctrl-C during start-up): a component started now would be missed by stop() and left running.
    if (this.stopping) throw new StackError(`${name} not started: the stack is stopping`);
    const logFile = join(o.logs, `${name}.log`);
    const p = startProcess(name, command, { cwd: o.cwd, env: o.env ?? this.opts.env ?? process.env, logFile });
    this.procs.push(p);
    // Named in the data folder's lock: if this stack is killed, the next one stops what it left running.
    if (p.child.pid !== undefined) this.dataDirLock?.addChild(p.child.pid, name);
    const url = o.port !== undefined ? `http://127.0.0.1:${o.port}` : undefined;
    await this.waitHealthy(p, url && o.health ? `${url}${o.health}` : undefined);
    const pages = url ? o.pages?.map((pg) => ({ what: pg.what, url: `${url}${pg.path}` })) : undefined;
    this.services.push({ name, url, pages, logFile, pid: p.child.pid });
    p.exited.then((code) => {
      if (!this.stopping) this.log(`!! ${name} exited unexpectedly (code ${code}); see ${logFile}`);
    });
  }

  private async waitHealthy(p: ManagedProcess, healthUrl: string | undefined): Promise<void> {
    const deadline = Date.now() + (this.opts.healthTimeoutMs ?? 60_000);
    const settle = healthUrl ? 0 : 1500;
    const settleUntil = Date.now() + settle;
    while (Date.now() < deadline) {
      if (p.exitCode !== undefined) throw new StackError(`${p.name} exited with code ${p.exitCode} during start-up:\n${tail(p.logFile)}`);
      if (healthUrl) {
        try {
          const res = await fetch(healthUrl, { signal: AbortSignal.timeout(2000) });
          if (res.status === 200) return;
        } catch {
          // not listening yet
        }
      } else if (Date.now() >= settleUntil) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new StackError(`${p.name} did not become healthy within ${(this.opts.healthTimeoutMs ?? 60_000) / 1000}s (${healthUrl}):\n${tail(p.logFile)}`);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const p of [...this.procs].reverse()) await stopProcess(p, 10_000);
    this.releaseDataDir();
  }

  private releaseDataDir(): void {
    this.dataDirLock?.release();
    this.dataDirLock = undefined;
  }
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
  } catch {
    return '    (no output)';
  }
}
