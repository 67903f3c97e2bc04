// Test helper: writes a ttar archive the way ttar's own `-c` does, so tests can build node_exporter-shaped
// sys.ttar files from plain trees.
const DIV = '# ttar - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -';

/** @param {Array<{path: string, type: 'dir'} | {path: string, type: 'symlink', target: string} | {path: string, type: 'file', data: Buffer}>} entries */
export function writeTtar(entries, name = 'sys') {
  const out = [`# Archive created by ttar -c -f ${name}.ttar ${name}`];
  for (const e of entries) {
    if (e.type === 'dir') out.push(`Directory: ${e.path}`, 'Mode: 755', DIV);
    else if (e.type === 'symlink') out.push(`Path: ${e.path}`, `SymlinkTo: ${e.target}`, DIV);
    else {
      const text = e.data.toString('latin1');
      const noNewline = text.length > 0 && !text.endsWith('\n');
      const lines = text.split('\n');
      if (!noNewline) lines.pop();
      const escaped = lines.map((l) => l.replace(/EOF/g, '\\EOF').replace(/NULLBYTE/g, '\\NULLBYTE').replace(/\0/g, 'NULLBYTE'));
      if (noNewline) escaped[escaped.length - 1] += 'EOF';
      out.push(`Path: ${e.path}`, `Lines: ${escaped.length}`, ...escaped, 'Mode: 644', DIV);
    }
  }
  return Buffer.from(`${out.join('\n')}\n`, 'latin1');
}

/** The directories above each path, parents first, as ttar lists them. */
export function withParents(entries) {
  const dirs = new Set();
  for (const e of entries) {
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return [...[...dirs].sort().map((path) => ({ path, type: 'dir' })), ...entries];
}
