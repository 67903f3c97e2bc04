// The scope node_exporter gives an interface address in node_network_address_info (Go's net.IP predicates):
// loopback and link-local (unicast or multicast) → "link-local", interface-local multicast → "interface-local",
// global unicast → "global", anything else (other multicast, unspecified, broadcast) → "".
import { BlockList } from 'node:net';

function list(v4: Array<[string, number]>, v6: Array<[string, number]>): BlockList {
  const b = new BlockList();
  for (const [net, prefix] of v4) b.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of v6) b.addSubnet(net, prefix, 'ipv6');
  return b;
}

/** ff?N::/16 for every flag nibble: multicast scope N whatever the flags. */
const multicastScope = (scope: number): Array<[string, number]> =>
  Array.from({ length: 16 }, (_, flags) => [`ff${flags.toString(16)}${scope.toString(16)}::`, 16]);

const LINK_LOCAL = list(
  [
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['224.0.0.0', 24],
  ],
  [['::1', 128], ['fe80::', 10], ...multicastScope(2)],
);
const INTERFACE_LOCAL = list([], multicastScope(1));
const NOT_GLOBAL = list(
  [
    ['224.0.0.0', 4],
    ['0.0.0.0', 32],
    ['255.255.255.255', 32],
  ],
  [
    ['ff00::', 8],
    ['::', 128],
  ],
);

export function addressScope(address: string, family: 'IPv4' | 'IPv6'): string {
  const type = family === 'IPv4' ? 'ipv4' : 'ipv6';
  if (LINK_LOCAL.check(address, type)) return 'link-local';
  if (INTERFACE_LOCAL.check(address, type)) return 'interface-local';
  if (NOT_GLOBAL.check(address, type)) return '';
  return 'global';
}
