#!/usr/bin/env node
// vigil-host-exporter: node_exporter-compatible host metrics plus trading-host collectors.
import { runExporter } from '@vigil/exporter-kit';
import { hostExporterOptions } from '../host-exporter.js';

const argv = process.argv.slice(2);
await runExporter(hostExporterOptions(argv, process.env), { argv, env: process.env });
