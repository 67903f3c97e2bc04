#!/usr/bin/env node
import { runExporter } from '@vigil/exporter-kit';
import { tradingExporterOptions } from '../trading-exporter.js';

await runExporter(tradingExporterOptions());
