// The filesystem collector against real statfs(2): a fixture mounts file lists real directories under a
// temporary --path.rootfs, so sizes can be checked against the kernel, and a missing one gets device_error.
import assert from 'node:assert/strict';
import { mkdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { tempDir } from '@vigil/test-support';
import { parseExposition, seriesMap, startHost, writeTemp, type RunningHost } from './helpers.js';

describe('filesystem collector', () => {
  let host: RunningHost | undefined;
  after(() => host?.stop());

  it('reports statfs figures for mounts under --path.rootfs, device_error for an unreachable one, and applies the exclusions', async () => {
    const root = tempDir('vigil-rootfs-');
    mkdirSync(join(root, 'data'));
    mkdirSync(join(root, 'archive'));
    const proc = tempDir('vigil-proc-');
    mkdirSync(join(proc, '1'));
    writeTemp(
      join(proc, '1'),
      'mounts',
      [
        `/dev/sda1 ${root}/data ext4 rw,relatime 0 0`,
        `/dev/sdb1 ${root}/archive xfs ro,relatime 0 0`,
        `/dev/sdc1 ${root}/gone ext4 rw 0 0`,
        `proc ${root}/proc proc rw 0 0`,
        `tmpfs ${root}/run tmpfs rw 0 0`,
        `overlay ${root}/merged overlay rw 0 0`,
      ].join('\n') + '\n',
    );
    host = await startHost([
      `--path.procfs=${proc}`,
      `--path.rootfs=${root}`,
      '--collector.disable-defaults',
      '--collector.filesystem',
    ]);
    const fams = parseExposition(await host.scrape());
    const key = (family: string, device: string, fstype: string, mountpoint: string) =>
      `${family}{device="${device}",fstype="${fstype}",mountpoint="${mountpoint}"}`;
    const errors = seriesMap(fams.get('node_filesystem_device_error'));
    assert.deepEqual(
      [...errors.entries()].sort(),
      [
        [key('node_filesystem_device_error', '/dev/sda1', 'ext4', '/data'), 0],
        [key('node_filesystem_device_error', '/dev/sdb1', 'xfs', '/archive'), 0],
        [key('node_filesystem_device_error', '/dev/sdc1', 'ext4', '/gone'), 1],
      ].sort(),
    );
    const expected = statfsSync(join(root, 'data'));
    const size = seriesMap(fams.get('node_filesystem_size_bytes'));
    assert.equal(
      size.get(key('node_filesystem_size_bytes', '/dev/sda1', 'ext4', '/data')),
      expected.blocks * expected.bsize,
    );
    assert.equal(
      size.has(key('node_filesystem_size_bytes', '/dev/sdc1', 'ext4', '/gone')),
      false,
      'no figures for a failed statfs',
    );
    assert.equal(
      seriesMap(fams.get('node_filesystem_files')).get(
        key('node_filesystem_files', '/dev/sda1', 'ext4', '/data'),
      ),
      expected.files,
    );
    const ro = seriesMap(fams.get('node_filesystem_readonly'));
    assert.equal(ro.get(key('node_filesystem_readonly', '/dev/sdb1', 'xfs', '/archive')), 1);
    assert.equal(ro.get(key('node_filesystem_readonly', '/dev/sda1', 'ext4', '/data')), 0);
  });
});

describe('stuck mounts', () => {
  it('a statfs that hangs is reported stale at its timeout, skipped while it hangs, and asked again once it answers', async () => {
    const { staleAwareStatfs } = await import('../src/collectors/filesystem.js');
    let release: (() => void) | undefined;
    let calls = 0;
    const answer = { type: 0, bsize: 4096, blocks: 10, bfree: 5, bavail: 4, files: 100, ffree: 50 };
    const fn = (path: string) => {
      calls++;
      if (path === '/nfs' && calls === 1)
        return new Promise<typeof answer>((resolve) => (release = () => resolve(answer)));
      return Promise.resolve(answer);
    };
    const stale: string[] = [];
    const stat = staleAwareStatfs(fn, 50, (p) => stale.push(p));
    const started = performance.now();
    assert.equal(await stat('/nfs'), 'stale');
    assert.ok(performance.now() - started < 1000);
    assert.deepEqual(stale, ['/nfs']);
    assert.equal(await stat('/nfs'), 'stale', 'still hanging: not asked again');
    assert.equal(calls, 1);
    assert.deepEqual(await stat('/data'), answer, 'other mounts are unaffected');
    release!();
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(await stat('/nfs'), answer, 'answered: asked again');
  });
});
