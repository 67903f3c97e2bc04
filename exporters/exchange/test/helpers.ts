// A real exchange exporter on 127.0.0.1:0 built in-process (logs captured), and the ccxt flags every replay
// test passes.
import { buildExporter, type Exporter, type RunExporterOptions } from '@vigil/exporter-kit';
import { TextSink } from '@vigil/test-support';
import { exchangeExporterOptions } from '../src/exchange-exporter.js';

export { parseSamples, sample, scrape, waitForSamples } from '@vigil/test-support';

export interface Running {
  exporter: Exporter;
  url: string;
  logs: TextSink;
  stop: () => Promise<void>;
}

export async function startExporter(argv: string[] = [], env: NodeJS.ProcessEnv = {}, overrides: Partial<RunExporterOptions> = {}): Promise<Running> {
  const logs = new TextSink();
  const { exporter } = await buildExporter(exchangeExporterOptions(overrides), ['--web.listen-address=127.0.0.1:0', ...argv], env, logs);
  const { url } = await exporter.start();
  return { exporter, url, logs, stop: () => exporter.shutdown('test') };
}
