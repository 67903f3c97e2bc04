// The exporter's durable state (portfolio peaks and worst drawdowns), written atomically: a temporary file
// in the same directory, fsync, rename over the old one, fsync the directory. A crash leaves either the old
// or the new file, never a torn one. Writes are serialised and coalesced.
import { readFileSync, renameSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

export interface AccountPeak {
  peak: number;
  maxDrawdown: number;
}

export interface PersistedState {
  version: 1;
  accounts: Record<string, AccountPeak>;
}

export function emptyState(): PersistedState {
  return { version: 1, accounts: Object.create(null) as Record<string, AccountPeak> };
}

function parseState(text: string, path: string): PersistedState {
  const raw = JSON.parse(text) as unknown;
  if (!raw || typeof raw !== 'object' || (raw as { version?: unknown }).version !== 1) {
    throw new Error(`${path}: expected {"version":1,...}`);
  }
  const accounts = (raw as { accounts?: unknown }).accounts;
  const out = emptyState();
  if (accounts && typeof accounts === 'object') {
    for (const [name, v] of Object.entries(accounts as Record<string, unknown>)) {
      const p = v as Partial<AccountPeak> | null;
      if (p && Number.isFinite(p.peak) && Number.isFinite(p.maxDrawdown)) {
        out.accounts[name] = { peak: p.peak as number, maxDrawdown: p.maxDrawdown as number };
      }
    }
  }
  return out;
}

export type LoadResult = { state: PersistedState; problem?: string };

/** Loads the state; a missing file is a fresh start, an unreadable one is moved aside and reported. */
export function loadState(path: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyState() };
    throw new Error(`--state.file: cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return { state: parseState(text, path) };
  } catch (err) {
    const aside = `${path}.corrupt-${Date.now()}`;
    renameSync(path, aside);
    return { state: emptyState(), problem: `${path} was unreadable (${(err as Error).message}); moved to ${aside}, starting fresh` };
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const h = await open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

export class StateFile {
  private writing: Promise<void> = Promise.resolve();
  private queued?: Promise<void>;
  private latest?: string;

  constructor(readonly path: string) {}

  /** Schedules a write of `state`; resolves once a write containing it is on disk. */
  save(state: PersistedState): Promise<void> {
    this.latest = JSON.stringify(state);
    this.queued ??= this.writing
      .catch(() => undefined)
      .then(() => {
      this.queued = undefined;
      return this.write(this.latest as string);
    });
    this.writing = this.queued;
    return this.queued;
  }

  private async write(text: string): Promise<void> {
    const tmp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.tmp`);
    const h = await open(tmp, 'w', 0o600);
    try {
      await h.writeFile(text + '\n');
      await h.sync();
    } finally {
      await h.close();
    }
    await rename(tmp, this.path);
    await fsyncDir(dirname(this.path));
  }

  /** Waits for writes in flight. */
  flush(): Promise<void> {
    return this.writing;
  }
}
