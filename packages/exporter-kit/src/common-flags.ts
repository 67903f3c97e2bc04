// Flags every Vigil exporter has, named as node_exporter names them.
import type { FlagSpec } from './flags.js';
import { parseListenAddress } from './listen-address.js';

export function commonFlags(defaultListenAddress: string): FlagSpec[] {
  return [
    {
      name: 'web.listen-address',
      type: 'string',
      default: defaultListenAddress,
      placeholder: '[HOST]:PORT',
      help: 'Address on which to expose metrics and the web interface.',
      validate: (v) => (parseListenAddress(String(v)) ? undefined : `expected [host]:port such as :9100 or 127.0.0.1:9100, got ${JSON.stringify(v)}`),
    },
    {
      name: 'web.telemetry-path',
      type: 'string',
      default: '/metrics',
      placeholder: 'PATH',
      help: 'Path under which to expose metrics.',
      validate: (v) => (String(v).startsWith('/') ? undefined : `expected a path starting with /, got ${JSON.stringify(v)}`),
    },
    {
      name: 'web.config.file',
      type: 'string',
      default: '',
      placeholder: 'FILE',
      help: 'Path to a web configuration file (exporter-toolkit format) that enables TLS and/or basic authentication.',
    },
    { name: 'log.level', type: 'enum', choices: ['debug', 'info', 'warn', 'error'], default: 'info', help: 'Only log messages with the given severity or above.' },
    { name: 'log.format', type: 'enum', choices: ['json', 'logfmt'], default: 'json', help: 'Output format of log messages.' },
    {
      name: 'web.shutdown-timeout',
      type: 'duration',
      default: '10s',
      placeholder: 'DURATION',
      help: 'On SIGTERM/SIGINT, how long in-flight requests may take to finish before connections are closed.',
    },
    {
      name: 'web.read-header-timeout',
      type: 'duration',
      default: '10s',
      placeholder: 'DURATION',
      help: 'How long a client may take to send a request\'s headers; a slower one (e.g. a byte a second) gets 408 and is disconnected.',
      validate: (v) => (Number(v) > 0 ? undefined : 'expected a duration above 0'),
    },
    {
      name: 'web.read-timeout',
      type: 'duration',
      default: '60s',
      placeholder: 'DURATION',
      help: 'How long a client may take to send a whole request, body included (at least --web.read-header-timeout).',
      validate: (v) => (Number(v) > 0 ? undefined : 'expected a duration above 0'),
    },
    {
      name: 'scrape.collector-timeout',
      type: 'duration',
      default: '5s',
      placeholder: 'DURATION',
      help: 'Time budget of one collector during a scrape; a collector past it reports success 0.',
    },
  ];
}

/** NAME.sub-part → PREFIX_NAME_SUB_PART */
export function envNameFor(prefix: string, flag: string): string {
  return `${prefix}_${flag.replace(/[.-]/g, '_').toUpperCase()}`;
}
