#!/usr/bin/env node
// vigil-demo-gateway: the demo trading gateway of the local stack (see gateway-app.ts).
import { readFileSync } from 'node:fs';
import { runExporter } from '@vigil/exporter-kit';
import { httpMetrics } from '@vigil/instrument';
import { addGatewayRoutes, startLoad, type GatewayBehaviour } from './gateway-app.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
let stopLoad: (() => void) | undefined;
let rate = 0;

await runExporter({
  name: 'vigil-demo-gateway',
  description: 'A demo trading gateway instrumented with @vigil/instrument, with its own load, for the local stack.',
  version,
  namespace: 'vigil_demo_gateway',
  defaultListenAddress: ':9310',
  envPrefix: 'VIGIL_DEMO_GATEWAY',
  flags: [
    { name: 'demo.rate', type: 'float', default: 20, help: 'Requests per second the built-in load sends (0 for none).', validate: (v) => (Number(v) >= 0 && Number(v) <= 1000 ? undefined : 'expected 0..1000') },
    { name: 'demo.median-latency', type: 'duration', default: '40ms', help: 'Median handling time (lognormal).' },
    { name: 'demo.error-ratio', type: 'float', default: 0.001, help: 'Share of requests answered 503.', validate: (v) => (Number(v) >= 0 && Number(v) <= 1 ? undefined : 'expected a ratio between 0 and 1') },
  ],
  setup(exporter, flags) {
    rate = Number(flags['demo.rate']);
    const behaviour: GatewayBehaviour = {
      medianSeconds: Number(flags['demo.median-latency']) / 1000,
      sigma: 0.7,
      errorRatio: Number(flags['demo.error-ratio']),
    };
    exporter.app.use(httpMetrics({ registry: exporter.registry, service: 'trading-gateway', excludePaths: [exporter.telemetryPath, '/health', '/ready', '/live', '/'] }).middleware);
    addGatewayRoutes(exporter.app, () => behaviour);
    exporter.onClose(() => stopLoad?.());
  },
  onListening(exporter, url) {
    if (rate > 0) stopLoad = startLoad(url.replace('localhost', '127.0.0.1'), rate);
    exporter.logger.info({ rate }, 'demo load started');
  },
});
