// A promise rejected with no handler is a bug in a background path (a loop without a catch). Node's default
// ends the process, which would take every metric and the ingest API down for one background failure; an
// exporter logs it at error level with the stack, counts it, and keeps serving. The counter is there from
// start-up (0) so an alert can fire on its first increase.
import { Counter } from 'prom-client';
import type { Exporter } from './exporter.js';

export function watchUnhandledRejections(exporter: Exporter, namespace: string): void {
  const counter = new Counter({
    name: `${namespace}_unhandled_rejections_total`,
    help: 'Promise rejections no code handled (a bug, logged with its stack); the process keeps serving.',
    registers: [exporter.registry],
  });
  process.on('unhandledRejection', (reason) => {
    counter.inc();
    const err = reason instanceof Error ? { err: reason.message, stack: reason.stack } : { err: String(reason) };
    exporter.logger.error(err, 'unhandled promise rejection; the process keeps serving');
  });
}
