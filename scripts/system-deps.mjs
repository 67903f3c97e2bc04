#!/usr/bin/env node
// The system binaries `npm start` and `npm test` need, found on PATH (or through PROMETHEUS_BIN-style overrides),
// and the Debian packages that provide them. Missing ones are installed with apt-get when this process may
// (root, or password-less `sudo -n`); otherwise it stops at once with the one command to run. On a machine
// without apt-get it says which binaries are missing and where each can be had.
// CLI: node scripts/system-deps.mjs --for=start|test [--check]   (--check: report only, never install)
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROMETHEUS_DOWNLOADS = 'https://prometheus.io/download/';
// Why the optional C++ toolchain is worth having.
const TOOLCHAIN =
  'optional: they build the trading exporter\'s native ingest scanner, and native npm modules that have no prebuilt binary for this machine';

/**
 * What each command needs. `names` are looked up on PATH in order; `env` overrides the lookup (the tests honour
 * the same variables); `pkg` is the Debian package; `optional` ones never stop a command.
 */
export const REQUIREMENTS = [
  { key: 'prometheus', names: ['prometheus'], env: 'PROMETHEUS_BIN', pkg: 'prometheus', for: ['start', 'test'],
    where: `${PROMETHEUS_DOWNLOADS}#prometheus` },
  { key: 'promtool', names: ['promtool'], env: 'PROMTOOL_BIN', pkg: 'prometheus', for: ['test'],
    where: `${PROMETHEUS_DOWNLOADS}#prometheus (in the prometheus tarball)` },
  { key: 'alertmanager', names: ['prometheus-alertmanager', 'alertmanager'], env: 'ALERTMANAGER_BIN',
    pkg: 'prometheus-alertmanager', for: ['start', 'test'], where: `${PROMETHEUS_DOWNLOADS}#alertmanager` },
  { key: 'amtool', names: ['amtool'], env: 'AMTOOL_BIN', pkg: 'prometheus-alertmanager', for: ['test'],
    where: `${PROMETHEUS_DOWNLOADS}#alertmanager (in the alertmanager tarball)` },
  { key: 'node_exporter', names: ['prometheus-node-exporter', 'node_exporter'], env: 'NODE_EXPORTER_BIN',
    pkg: 'prometheus-node-exporter', for: ['test'], where: `${PROMETHEUS_DOWNLOADS}#node_exporter` },
  { key: 'chromium', names: ['chromium', 'chromium-browser'], env: 'CHROMIUM_BIN', pkg: 'chromium', for: ['test'],
    where: 'https://www.chromium.org/getting-involved/download-chromium/ (or your system\'s package manager)' },
  { key: 'openssl', names: ['openssl'], pkg: 'openssl', for: ['test'],
    where: 'your system\'s package manager (https://openssl-library.org/source/)' },
  // The instrument package's database and cache helpers are tested against real servers. Debian keeps
  // PostgreSQL's server binaries off PATH, in /usr/lib/postgresql/<major>/bin (`dirs`).
  { key: 'postgres', names: ['postgres'], env: 'POSTGRES_BIN', pkg: 'postgresql', for: ['test'],
    dirs: ['usr/lib/postgresql/*/bin'], where: 'https://www.postgresql.org/download/' },
  { key: 'initdb', names: ['initdb'], env: 'INITDB_BIN', pkg: 'postgresql', for: ['test'],
    dirs: ['usr/lib/postgresql/*/bin'], where: 'https://www.postgresql.org/download/ (with the server)' },
  { key: 'redis-server', names: ['redis-server'], env: 'REDIS_SERVER_BIN', pkg: 'redis-server', for: ['test'],
    where: 'https://redis.io/downloads/' },
  { key: 'g++', names: ['g++'], pkg: 'g++', for: ['start', 'test'], optional: true,
    where: 'your system\'s C++ compiler package' },
  { key: 'make', names: ['make'], pkg: 'make', for: ['start', 'test'], optional: true,
    where: 'your system\'s make package' },
  { key: 'python3', names: ['python3'], pkg: 'python3', for: ['start', 'test'], optional: true,
    where: 'https://www.python.org/downloads/' },
];

/** Ubuntu ships Chromium as `chromium-browser` (a snap wrapper); Debian as `chromium`. */
export function packageName(req, distro) {
  return req.key === 'chromium' && distro === 'ubuntu' ? 'chromium-browser' : req.pkg;
}

/** The first of `names` that is an executable file in one of PATH's folders. */
export function which(names, pathVar = '') {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const full = join(dir, name);
      if (isExecutable(full)) return full;
    }
  }
  return undefined;
}

/**
 * `dirs` patterns (relative to `root`, one `*` segment for a version folder) expanded to the folders that exist,
 * highest version first.
 */
export function expandDirs(patterns, root = '/') {
  return patterns.flatMap((pattern) => {
    const [head, tail] = join(root, pattern).split('*');
    if (tail === undefined) return [head];
    let names;
    try {
      names = readdirSync(head);
    } catch {
      return [];
    }
    return names.sort((a, b) => b.localeCompare(a, 'en', { numeric: true })).map((n) => `${head}${n}${tail}`);
  });
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Looks every requirement of `mode` up, on PATH and then in its `dirs` under `root`. An override
 * (`PROMETHEUS_BIN=...`) that is a path must be executable; one that is a bare name is looked up on PATH, as
 * spawn() does. A broken override is reported, not replaced: the tests would use it.
 */
export function detect(mode, env = process.env, { root = '/' } = {}) {
  const found = {};
  const missing = [];
  const broken = [];
  for (const req of REQUIREMENTS.filter((r) => r.for.includes(mode))) {
    const override = req.env ? env[req.env] : undefined;
    if (override) {
      const hit = override.includes('/') ? (isExecutable(override) ? override : undefined) : which([override], env.PATH);
      if (hit) found[req.key] = hit;
      else broken.push({ key: req.key, env: req.env, value: override });
    } else {
      const hit = which(req.names, env.PATH) ?? (req.dirs ? which(req.names, expandDirs(req.dirs, root).join(delimiter)) : undefined);
      if (hit) found[req.key] = hit;
      else missing.push(req.key);
    }
  }
  return { found, missing, broken };
}

const unique = (xs) => [...new Set(xs)];

/**
 * Decides what to do about missing binaries; pure, so every branch is unit-tested.
 * @param {{mode: 'start'|'test', missing: string[], broken?: {key: string, env: string, value: string}[],
 *   apt: boolean, privilege: 'root'|'sudo'|'none', aptListsEmpty?: boolean, distro?: string}} input
 * @returns {{action: 'ok'|'install'|'stop'|'warn', required: string[], optional: string[], command?: string,
 *   steps?: {argv: string[], optional: boolean}[], lines: string[]}} required/optional: the Debian packages to
 *   install; steps: the commands to run for 'install'; command: the one line to print for 'stop' (and 'warn').
 */
export function plan(input) {
  const { mode, apt, privilege, distro } = input;
  const broken = input.broken ?? [];
  const missingReqs = REQUIREMENTS.filter((r) => input.missing.includes(r.key));
  const required = unique(missingReqs.filter((r) => !r.optional).map((r) => packageName(r, distro)));
  const optional = unique(missingReqs.filter((r) => r.optional).map((r) => packageName(r, distro)));
  const lines = [];
  const brokenLines = broken.map(
    (b) => `${b.env}=${b.value} is not an executable file (nor a command on PATH): fix it or unset it.`,
  );
  if (missingReqs.length === 0 && broken.length === 0) return { action: 'ok', required, optional, lines };

  if (!apt) {
    const must = missingReqs.filter((r) => !r.optional);
    if (must.length || broken.length) {
      lines.push(`npm ${mode} needs binaries that were not found, and this machine has no apt-get to install them:`);
      for (const r of must) lines.push(`  ${r.names.join(' or ')}: ${r.where}${r.env ? `; or set ${r.env}` : ''}`);
      lines.push(...brokenLines);
      const opt = missingReqs.filter((r) => r.optional);
      if (opt.length) lines.push(`Also missing: ${opt.map((r) => r.key).join(', ')} (${TOOLCHAIN}).`);
      lines.push(`Install them, put them on PATH, then run \`npm ${mode}\` again.`);
      return { action: 'stop', required, optional, lines };
    }
    lines.push(`Not found: ${optional.join(', ')} (${TOOLCHAIN}). Continuing without them.`);
    return { action: 'warn', required, optional, lines };
  }

  const command = required.length || optional.length ? aptCommand([...required, ...optional], input) : undefined;
  if (broken.length) {
    lines.push(...brokenLines);
    if (command) lines.push('Then install the missing packages with:', `  ${command}`);
    return { action: 'stop', required, optional, command, lines };
  }

  if (privilege !== 'none') {
    // The optional toolchain installs in a step of its own, so that its failure cannot stop the command.
    const sudo = privilege === 'sudo' ? ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'] : [];
    const install = (pkgs) => [...sudo, 'apt-get', 'install', '-y', '-q', '--no-install-recommends', ...pkgs];
    const steps = [{ argv: [...sudo, 'apt-get', 'update', '-q'], optional: required.length === 0 }];
    if (required.length) steps.push({ argv: install(required), optional: false });
    if (optional.length) steps.push({ argv: install(optional), optional: true });
    return { action: 'install', required, optional, steps, lines };
  }

  if (required.length) {
    const names = missingReqs.filter((r) => !r.optional).map((r) => r.key);
    lines.push(`npm ${mode} needs ${names.join(', ')}, which are not installed. Run this, then \`npm ${mode}\` again:`);
    lines.push(`  ${command}`);
    if (optional.length) lines.push(`(${optional.join(', ')} are ${TOOLCHAIN}.)`);
    return { action: 'stop', required, optional, command, lines };
  }
  lines.push(`Not installed: ${optional.join(', ')} (${TOOLCHAIN}). To add them: ${command}`);
  return { action: 'warn', required, optional, command, lines };
}

function aptCommand(pkgs, { aptListsEmpty }) {
  const install = `sudo apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  return aptListsEmpty ? `sudo apt-get update && ${install}` : install;
}

/** Facts about the machine that plan() needs; each part can be replaced in tests. */
export function machine(env = process.env, opts = {}) {
  const apt = Boolean(which(['apt-get'], env.PATH));
  const isRoot = opts.isRoot ?? process.getuid?.() === 0;
  let privilege = 'none';
  if (isRoot) privilege = 'root';
  else if (apt && which(['sudo'], env.PATH) && spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore' }).status === 0) privilege = 'sudo';
  return { apt, privilege, aptListsEmpty: apt && aptListsEmpty(opts.aptListsDir), distro: distro(opts.osRelease) };
}

function aptListsEmpty(dir = '/var/lib/apt/lists') {
  try {
    return !readdirSync(dir).some((n) => n.includes('_Packages'));
  } catch {
    return true;
  }
}

function distro(osRelease) {
  let text = osRelease;
  if (text === undefined) {
    try {
      text = readFileSync('/etc/os-release', 'utf8');
    } catch {
      return 'unknown';
    }
  }
  const field = (k) => new RegExp(`^${k}="?([^"\\n]*)"?`, 'm').exec(text)?.[1] ?? '';
  return [field('ID'), ...field('ID_LIKE').split(' ')].includes('ubuntu') ? 'ubuntu' : field('ID') || 'unknown';
}

/**
 * Checks the binaries `mode` needs and installs what is missing when allowed. Returns 0 when the command can go
 * on, 1 when it must stop (the reason is printed).
 */
export function ensureSystemDeps(mode, { env = process.env, log = console.log, error = console.error, checkOnly = false, root = '/', ...opts } = {}) {
  const facts = machine(env, opts);
  const first = detect(mode, env, { root });
  const p = plan({ mode, ...first, ...facts, privilege: checkOnly ? 'none' : facts.privilege });
  if (p.action === 'ok') return 0;
  if (p.action === 'warn') {
    for (const l of p.lines) log(`system-deps: ${l}`);
    return 0;
  }
  if (p.action === 'stop') {
    for (const l of p.lines) error(l);
    return 1;
  }
  log(`system-deps: npm ${mode} needs ${first.missing.join(', ')}; installing ${[...p.required, ...p.optional].join(' ')} with apt-get`);
  for (const { argv, optional } of p.steps) {
    log(`> ${argv.join(' ')}`);
    const r = spawnSync(argv[0], argv.slice(1), { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status === 0) continue;
    const why = r.error?.message ?? `exit ${r.status}`;
    if (optional) {
      log(`system-deps: \`${argv.join(' ')}\` failed (${why}); continuing without ${p.optional.join(', ')} (${TOOLCHAIN}).`);
      break;
    }
    error(`system-deps: \`${argv.join(' ')}\` failed (${why}).`);
    error(`Install the packages yourself, then run \`npm ${mode}\` again:\n  ${aptCommand([...p.required, ...p.optional], facts)}`);
    return 1;
  }
  const after = detect(mode, env, { root });
  const still = after.missing.filter((k) => !REQUIREMENTS.find((r) => r.key === k).optional);
  if (still.length) {
    error(`system-deps: after apt-get, still not found on PATH: ${still.join(', ')}. PATH is ${env.PATH}`);
    return 1;
  }
  return 0;
}

/** The *_BIN variables the tests read, set to the binaries found, for those not set already. */
export function binaryEnv(mode, env = process.env, opts = {}) {
  const { found } = detect(mode, env, opts);
  const out = {};
  for (const req of REQUIREMENTS) if (req.env && !env[req.env] && found[req.key]) out[req.env] = found[req.key];
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = /^--for=(start|test)$/.exec(process.argv.find((a) => a.startsWith('--for=')) ?? '')?.[1];
  if (!mode) {
    console.error('usage: node scripts/system-deps.mjs --for=start|test [--check]');
    process.exit(2);
  }
  process.exit(ensureSystemDeps(mode, { checkOnly: process.argv.includes('--check') }));
}
