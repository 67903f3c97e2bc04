// Reads a ttar archive (the plain-text tree format of github.com/ideaship/ttar that node_exporter keeps its /sys
// fixtures in) with the semantics of ttar's own extractor: "Path:"/"Lines: N" then N content lines, "Mode:",
// "Directory:", "SymlinkTo:", "#" comments. A content line with an unescaped "EOF" has no trailing newline;
// "NULLBYTE" stands for a zero byte; "\EOF" and "\NULLBYTE" are the escaped literals.

/** @returns {Map<string, {type: 'file', data: Buffer, mode?: string} | {type: 'dir', mode?: string} | {type: 'symlink', target: string}>} */
export function parseTtar(archive) {
  // latin1 keeps every byte as one char, so binary content survives the line handling.
  const lines = (Buffer.isBuffer(archive) ? archive.toString('latin1') : archive).split('\n');
  if (lines.at(-1) === '') lines.pop();
  const entries = new Map();
  let path;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const header = /^(Path|Lines|Mode|Directory|SymlinkTo): (.*)$/.exec(line);
    if (!header) {
      if (line.startsWith('#')) continue;
      throw new Error(`ttar line ${i + 1}: unknown keyword: ${JSON.stringify(line.slice(0, 80))}`);
    }
    const [, key, value] = header;
    if (key === 'Path') path = value;
    else if (key === 'Directory') {
      path = value;
      entries.set(path, { type: 'dir' });
    } else if (key === 'SymlinkTo') entries.set(need(path, i), { type: 'symlink', target: value });
    else if (key === 'Mode') {
      const e = entries.get(need(path, i));
      if (e) e.mode = value;
    } else {
      const count = Number(value);
      if (!Number.isInteger(count) || count < 0 || i + count >= lines.length + 1) {
        throw new Error(`ttar line ${i + 1}: bad line count ${JSON.stringify(value)} for ${path}`);
      }
      const body = lines.slice(i + 1, i + 1 + count).map(decodeLine).join('');
      entries.set(need(path, i), { type: 'file', data: Buffer.from(body, 'latin1') });
      i += count;
    }
  }
  return entries;
}

function need(path, i) {
  if (path === undefined) throw new Error(`ttar line ${i + 1}: an entry before any Path: or Directory:`);
  return path;
}

function decodeLine(line) {
  const noNewline = /[^\\]EOF/.test(line);
  const text = line
    .replace(/(?<!\\)NULLBYTE/g, '\0')
    .replace(/\\NULLBYTE/g, 'NULLBYTE')
    .replace(/([^\\])EOF/g, '$1')
    .replace(/\\EOF/g, 'EOF');
  return noNewline ? text : `${text}\n`;
}
