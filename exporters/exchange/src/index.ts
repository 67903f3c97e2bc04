export { exchangeExporterOptions } from './exchange-exporter.js';
