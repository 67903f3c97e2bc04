// Temporary folders and an in-memory text sink for logs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

export function tempDir(prefix = 'vigil-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A writable that keeps everything written to it as text (for log assertions). */
export class TextSink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}
