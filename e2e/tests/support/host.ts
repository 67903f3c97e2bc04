import { buildExporter } from '@vigil/exporter-kit';

import { hostOptions } from '@vigil/plugin-host';

/** The plugin host server in-process on a free port, serving the repository's built plugins. */
export async function startHost(prometheusUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const { exporter } = await buildExporter(
    hostOptions,
    ['--web.listen-address=127.0.0.1:0', `--prometheus.url=${prometheusUrl}`, '--log.level=warn'],
    {},
  );
  const { url } = await exporter.start();
  return { url, stop: () => exporter.shutdown('test done') };
}
