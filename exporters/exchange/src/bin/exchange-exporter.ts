#!/usr/bin/env node
// vigil-exchange-exporter: venue health, account state and execution metrics through ccxt.
import { runExporter } from '@vigil/exporter-kit';
import { exchangeExporterOptions } from '../exchange-exporter.js';

await runExporter(exchangeExporterOptions(), { argv: process.argv.slice(2), env: process.env });
