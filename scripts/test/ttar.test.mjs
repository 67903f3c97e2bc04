// The ttar reader against archive text written by hand in ttar's encoding (the same reader agrees with ttar's
// own extractor on every entry of node_exporter v1.5.0's sys.ttar; that was checked once by hand, see the README).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTtar } from '../reference/ttar.mjs';
import { withParents, writeTtar } from './ttar-writer.mjs';

const ARCHIVE = `# Archive created by ttar -c -f x.ttar x
Directory: x
Mode: 755
# ttar - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
Path: x/no-newline
Lines: 2
first
secondEOF
Mode: 644
# ttar - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
Path: x/escaped
Lines: 2
a \\EOF marker and \\NULLBYTE text
NULLBYTEzero after a zero byteEOF
Mode: 644
# ttar - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
Path: x/empty
Lines: 0
Mode: 644
# ttar - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
Path: x/content-that-looks-like-headers
Lines: 2
Path: not a header
Directory: nor this
Mode: 444
# ttar - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
Path: x/link
SymlinkTo: ../devices/y
# ttar - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
`;

test('reads ttar encoding: EOF, escaped EOF and NULLBYTE, zero bytes, empty files, header-like content, symlinks', () => {
  const t = parseTtar(ARCHIVE);
  assert.deepEqual([...t.keys()], ['x', 'x/no-newline', 'x/escaped', 'x/empty', 'x/content-that-looks-like-headers', 'x/link']);
  assert.equal(t.get('x').type, 'dir');
  assert.equal(t.get('x/no-newline').data.toString(), 'first\nsecond');
  assert.equal(t.get('x/escaped').data.toString('latin1'), 'a EOF marker and NULLBYTE text\n\0zero after a zero byte');
  assert.equal(t.get('x/empty').data.length, 0);
  assert.equal(t.get('x/content-that-looks-like-headers').data.toString(), 'Path: not a header\nDirectory: nor this\n');
  assert.equal(t.get('x/content-that-looks-like-headers').mode, '444');
  assert.deepEqual(t.get('x/link'), { type: 'symlink', target: '../devices/y' });
});

test('an unknown keyword fails naming its line', () => {
  assert.throws(() => parseTtar('Directory: x\nMode: 755\nSize: 3\n'), /ttar line 3: unknown keyword: "Size: 3"/);
});

test('a line count past the end of the archive fails naming the file', () => {
  assert.throws(() => parseTtar('Path: x/a\nLines: 3\none\n'), /bad line count "3" for x\/a/);
});

test('round trip through a writer with ttar -c semantics', () => {
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const entries = withParents([
    { path: 'sys/a/bytes', type: 'file', data: Buffer.concat([all, Buffer.from('EOF NULLBYTE \\EOF\n'), all]) },
    { path: 'sys/a/one-line', type: 'file', data: Buffer.from('1\n') },
    { path: 'sys/b/link', type: 'symlink', target: '../a' },
  ]);
  const back = parseTtar(writeTtar(entries));
  assert.deepEqual(back.get('sys/a/bytes').data, entries.find((e) => e.path === 'sys/a/bytes').data);
  assert.equal(back.get('sys/a/one-line').data.toString(), '1\n');
  assert.equal(back.get('sys/b').type, 'dir');
});
