// uname: node_uname_info with the uname(2) fields. Node's os module makes the same system call.
import os from 'node:os';
import { gauge } from '../families.js';
import { readOptional } from '../host-paths.js';
import type { HostCollectorDef } from './types.js';

export interface Utsname {
  sysname: string;
  nodename: string;
  release: string;
  version: string;
  machine: string;
  domainname: string;
}

export function currentUtsname(): Utsname {
  return {
    sysname: os.type(),
    nodename: os.hostname(),
    release: os.release(),
    version: os.version(),
    machine: os.machine(),
    // uname(2)'s domainname is not in Node's os module; the kernel shows the same value here.
    domainname: readOptional('/proc/sys/kernel/domainname')?.trim() ?? '(none)',
  };
}

export const unameCollector: HostCollectorDef = {
  name: 'uname',
  defaultEnabled: true,
  create: () => () => {
    const u = currentUtsname();
    return [
      gauge('node_uname_info', 'Labeled system information as provided by the uname system call.', [
        {
          labels: {
            domainname: u.domainname,
            machine: u.machine,
            nodename: u.nodename,
            release: u.release,
            sysname: u.sysname,
            version: u.version,
          },
          value: 1,
        },
      ]),
    ];
  },
};
