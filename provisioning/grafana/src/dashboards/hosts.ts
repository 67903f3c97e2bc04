// Hosts: node-mixin style CPU/memory/disk/network/load from the host exporter, plus its trading extras
// (clock offset, process groups, venue reachability).
import { stat, timeseries, vigilDashboard } from '../builders.js';

const I = 'instance=~"$instance"';
const RI = '[$__rate_interval]';
const FS = `${I}, fstype!~"tmpfs|ramfs|squashfs|overlay|nsfs|fuse.*"`;

export const hosts = () =>
  vigilDashboard({
    uid: 'vigil-hosts',
    title: 'Vigil / Hosts',
    description:
      'Host resources from the Vigil host exporter (node_exporter-compatible) and its trading-host extras.',
    tags: ['hosts'],
    variables: [{ name: 'instance', label: 'Instance', metric: 'node_cpu_seconds_total' }],
    top: [
      stat('CPU utilisation', [`avg(instance:node_cpu_utilisation:rate5m{${I}})`], { unit: 'percentunit' }),
      stat('Memory utilisation', [`avg(instance:node_memory_utilisation:ratio{${I}})`], {
        unit: 'percentunit',
      }),
      stat('Fullest filesystem', [`max(instance_mountpoint:node_filesystem_usage:ratio{${I}})`], {
        unit: 'percentunit',
      }),
      stat('Clock synced', [`min(vigil_host_clock_synced{${I}})`], {
        description: '1 if the nearest reachable SNTP server is within --clock.max-offset.',
      }),
    ],
    rows: [
      [
        'CPU and load',
        [
          timeseries(
            'CPU by mode',
            [
              [
                `sum by (instance, mode) (rate(node_cpu_seconds_total{${I}, mode!="idle"}${RI})) / on (instance) group_left count by (instance) (node_cpu_seconds_total{${I}, mode="idle"})`,
                '{{instance}} {{mode}}',
              ],
            ],
            { unit: 'percentunit', stack: true },
          ),
          timeseries('Load average per CPU', [
            [
              `node_load1{${I}} / on (instance) count by (instance) (node_cpu_seconds_total{${I}, mode="idle"})`,
              '1m {{instance}}',
            ],
            [
              `node_load5{${I}} / on (instance) count by (instance) (node_cpu_seconds_total{${I}, mode="idle"})`,
              '5m {{instance}}',
            ],
            [
              `node_load15{${I}} / on (instance) count by (instance) (node_cpu_seconds_total{${I}, mode="idle"})`,
              '15m {{instance}}',
            ],
          ]),
          timeseries(
            'Context switches and interrupts',
            [
              [`rate(node_context_switches_total{${I}}${RI})`, 'context switches {{instance}}'],
              [`rate(node_intr_total{${I}}${RI})`, 'interrupts {{instance}}'],
            ],
            { unit: 'ops' },
          ),
          timeseries('Runnable and blocked processes', [
            [`node_procs_running{${I}}`, 'running {{instance}}'],
            [`node_procs_blocked{${I}}`, 'blocked {{instance}}'],
          ]),
        ],
      ],
      [
        'Memory',
        [
          timeseries(
            'Memory utilisation by instance',
            [[`instance:node_memory_utilisation:ratio{${I}}`, '{{instance}}']],
            {
              unit: 'percentunit',
              min: 0,
              max: 1,
            },
          ),
          timeseries(
            'Memory',
            [
              [`node_memory_MemTotal_bytes{${I}}`, 'total {{instance}}'],
              [`node_memory_MemAvailable_bytes{${I}}`, 'available {{instance}}'],
              [`node_memory_Cached_bytes{${I}}`, 'cached {{instance}}'],
              [`node_memory_Buffers_bytes{${I}}`, 'buffers {{instance}}'],
            ],
            { unit: 'bytes' },
          ),
        ],
      ],
      [
        'Disk',
        [
          timeseries(
            'Filesystem usage',
            [[`instance_mountpoint:node_filesystem_usage:ratio{${I}}`, '{{instance}} {{mountpoint}}']],
            { unit: 'percentunit', min: 0, max: 1 },
          ),
          timeseries(
            'Filesystem space available',
            [[`node_filesystem_avail_bytes{${FS}}`, '{{instance}} {{mountpoint}}']],
            { unit: 'bytes' },
          ),
          timeseries(
            'Disk throughput',
            [
              [`rate(node_disk_read_bytes_total{${I}}${RI})`, 'read {{instance}} {{device}}'],
              [`rate(node_disk_written_bytes_total{${I}}${RI})`, 'written {{instance}} {{device}}'],
            ],
            { unit: 'Bps' },
          ),
          timeseries(
            'Disk I/O time (saturation)',
            [[`rate(node_disk_io_time_seconds_total{${I}}${RI})`, '{{instance}} {{device}}']],
            { unit: 'percentunit' },
          ),
        ],
      ],
      [
        'Network',
        [
          timeseries(
            'Network throughput',
            [
              [
                `rate(node_network_receive_bytes_total{${I}, device!="lo"}${RI})`,
                'rx {{instance}} {{device}}',
              ],
              [
                `rate(node_network_transmit_bytes_total{${I}, device!="lo"}${RI})`,
                'tx {{instance}} {{device}}',
              ],
            ],
            { unit: 'Bps' },
          ),
          timeseries(
            'Network errors and drops',
            [
              [
                `rate(node_network_receive_errs_total{${I}, device!="lo"}${RI})`,
                'rx errors {{instance}} {{device}}',
              ],
              [
                `rate(node_network_transmit_errs_total{${I}, device!="lo"}${RI})`,
                'tx errors {{instance}} {{device}}',
              ],
              [
                `rate(node_network_receive_drop_total{${I}, device!="lo"}${RI})`,
                'rx drops {{instance}} {{device}}',
              ],
              [
                `rate(node_network_transmit_drop_total{${I}, device!="lo"}${RI})`,
                'tx drops {{instance}} {{device}}',
              ],
            ],
            { unit: 'pps' },
          ),
        ],
      ],
      [
        'Clock',
        [
          timeseries(
            'Clock offset by SNTP server',
            [
              [`vigil_host_clock_offset_seconds{${I}}`, '{{instance}} {{server}}'],
              [`max(vigil_host_clock_max_offset_seconds{${I}})`, 'allowed'],
              [`-max(vigil_host_clock_max_offset_seconds{${I}})`, 'allowed (negative)'],
            ],
            { unit: 's' },
          ),
          timeseries(
            'SNTP round trip and failed probes',
            [
              [`vigil_host_clock_round_trip_seconds{${I}}`, 'round trip {{instance}} {{server}}'],
              [
                `sum by (instance, server) (rate(vigil_host_clock_probes_total{${I}, outcome!="success"}${RI}))`,
                'failed /s {{instance}} {{server}}',
              ],
            ],
            { unit: 's' },
          ),
        ],
      ],
      [
        'Process groups',
        [
          timeseries(
            'Processes by group',
            [[`vigil_host_process_group_processes{${I}}`, '{{instance}} {{group}}']],
            { w: 8 },
          ),
          timeseries(
            'CPU by group',
            [
              [
                `sum by (instance, group) (rate(vigil_host_process_cpu_seconds_total{${I}}${RI}))`,
                '{{instance}} {{group}}',
              ],
            ],
            { unit: 'short', w: 8, description: 'CPU seconds per second (1 = one core).' },
          ),
          timeseries(
            'Resident memory by group',
            [[`vigil_host_process_resident_memory_bytes{${I}}`, '{{instance}} {{group}}']],
            { unit: 'bytes', w: 8 },
          ),
          timeseries(
            'Open files vs limit (worst process)',
            [[`vigil_host_process_fd_usage_ratio{${I}}`, '{{instance}} {{group}}']],
            { unit: 'percentunit', min: 0, max: 1 },
          ),
          timeseries(
            'Process restarts (oldest start time)',
            [[`time() - vigil_host_process_oldest_start_time_seconds{${I}}`, '{{instance}} {{group}}']],
            { unit: 's', description: 'Age of the oldest process in the group; a drop is a restart.' },
          ),
        ],
      ],
      [
        'Venue reachability',
        [
          timeseries('Venue TCP reachable', [[`vigil_host_venue_up{${I}}`, '{{instance}} {{venue}}']], {
            min: 0,
            max: 1,
            w: 8,
          }),
          timeseries(
            'Venue connect time',
            [[`vigil_host_venue_connect_duration_seconds{${I}}`, '{{instance}} {{venue}}']],
            { unit: 's', w: 8 },
          ),
          timeseries(
            'Failed venue probes',
            [
              [
                `sum by (instance, venue, outcome) (rate(vigil_host_venue_probes_total{${I}, outcome!="success"}${RI}))`,
                '{{instance}} {{venue}} {{outcome}}',
              ],
            ],
            { unit: 'ops', w: 8 },
          ),
        ],
      ],
    ],
  });
