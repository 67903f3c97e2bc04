// docker-compose.yml must start on Docker Desktop (macOS, Windows): host namespaces and host paths exist only on
// a Linux engine, so they live in docker-compose.linux.yml, which only adds to services of the base file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { linuxComposeFile, loadCompose, mountsOf, type Service } from '../grafana/src/testing/compose.js';
import { readYaml } from '../grafana/src/testing/repo.js';

const base = loadCompose('base');
const linux = loadCompose('linux');
const override = readYaml<{ services: Record<string, Service> }>(linuxComposeFile);

/** What only a Linux engine gives: host paths mounted, the host's PID or network namespace. */
function linuxOnly(s: Service): string[] {
  return [
    ...mountsOf(s).filter((m) => m.source.startsWith('/')).map((m) => `mounts ${m.source}`),
    ...(s.pid === 'host' ? ['pid: host'] : []),
    ...(s.network_mode === 'host' ? ['network_mode: host'] : []),
  ];
}

describe('compose portability', () => {
  it('docker-compose.yml alone mounts no host path and joins no host namespace', () => {
    for (const [name, s] of Object.entries(base.services)) {
      assert.deepEqual(linuxOnly(s), [], `${name} needs a Linux engine; move that to docker-compose.linux.yml`);
    }
  });

  it('the Linux override only adds to services of the base file, and gives the host exporter the host', () => {
    for (const name of Object.keys(override.services)) assert.ok(name in base.services, `${name} is not in docker-compose.yml`);
    const host = linux.services['host-exporter'];
    assert.deepEqual(linuxOnly(host).sort(), ['mounts /', 'mounts /proc', 'mounts /sys', 'network_mode: host', 'pid: host']);
    const cmd = (host.command as string[]).join(' ');
    for (const flag of ['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--path.rootfs=/host/root']) assert.ok(cmd.includes(flag), flag);
    assert.ok(mountsOf(linux.services['otel-collector']).some((m) => m.source === '/var/lib/docker/containers'));
  });

  it("the base file's host exporter reads its own container's /proc (no --path flags pointing at absent mounts)", () => {
    const cmd = (base.services['host-exporter'].command as string[]).join(' ');
    assert.doesNotMatch(cmd, /--path\.(procfs|sysfs|rootfs)=\/host/);
  });
});
