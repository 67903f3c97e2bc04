// Loaded into an exporter process by a benchmark (`node --import <this file> <bin>`) to split a scrape's time as
// the server sees it. Every HTTP answer carries, as headers (wall-clock ms with sub-ms digits,
// performance.timeOrigin + performance.now(), comparable across processes on one machine):
// - x-bench-request-at: when node:http emitted 'request' (the request's bytes read and parsed: any wait for the
//   event loop before that is between the client's send and this);
// - x-bench-head-at: when the answer's first byte was written (the body rendered);
// - x-bench-elu: the event loop's utilisation since the process started, "activeMs,idleMs" at 'request'.
// At exit, when VIGIL_BENCH_TIMING_FILE is set, writes each answer's finish time (its last byte handed to the
// kernel) as JSON {requestAt: finishAt}. The exporter's own code is not touched.
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const wall = () => (performance.timeOrigin + performance.now()).toFixed(3);
const finished = {};
const arrived = new WeakMap();

subscribe('http.server.request.start', ({ response }) => {
  const at = wall();
  const elu = performance.eventLoopUtilization();
  arrived.set(response, at);
  response.setHeader('x-bench-request-at', at);
  response.setHeader('x-bench-elu', `${elu.active.toFixed(3)},${elu.idle.toFixed(3)}`);
  for (const name of ['write', 'end']) {
    const original = response[name];
    response[name] = function (...args) {
      if (!this.headersSent) this.setHeader('x-bench-head-at', wall());
      return original.apply(this, args);
    };
  }
});
subscribe('http.server.response.finish', ({ response }) => {
  const at = arrived.get(response);
  if (at !== undefined) finished[at] = wall();
});

const file = process.env.VIGIL_BENCH_TIMING_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(finished)));
