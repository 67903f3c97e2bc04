// The Exporter: one HTTP server for /, the telemetry path, /health, /ready and /live, with request ids, basic
// auth and TLS from the web config, collectors run at scrape time, and graceful shutdown. Routes are express 5
// routes, except the telemetry path and an exporter's own hot routes: raw routes (raw-routes.ts), served by
// node:http ahead of express with the same request ids, logs, headers, auth and drain.
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { Registry, collectDefaultMetrics, Counter, Gauge, type OpenMetricsContentType } from 'prom-client';
import type { Logger } from 'pino';
import { BasicAuthenticator } from './basic-auth.js';
import { acceptsGzip, gzipFast } from './content-encoding.js';
import { CollectorRegistry, type Collector } from './collector.js';
import {
  OPENMETRICS_CONTENT_TYPE,
  TEXT_CONTENT_TYPE,
  hasBlocks,
  renderBody,
  renderOpenMetrics,
  renderText,
  type MetricFamily,
} from './exposition.js';
import { HealthChecks, context, failSpan, loggerInContext, startServerSpan, type CheckFn, type CheckOptions, type Context } from '@vigil/core';
import { healthFamilies } from './health-metrics.js';
import { answerUnrouted, checkMediaType } from './http-contract.js';
import { landingPage, type LandingLink } from './landing.js';
import { parseListenAddress } from './listen-address.js';
import { promClientToFamilies } from './prom-json.js';
import { RawRoutes, type RawHandler, type RawRequest } from './raw-routes.js';
import { allowedMethods, routeTemplate, routesForPath, takesMethod } from './route-match.js';
import { ScrapeFilterError, scrapeFilter } from './scrape-filter.js';
import { serverTimeoutOptions, watchSlowClients, type ReadTimeouts } from './slow-clients.js';
import { createTlsListener, type TlsListener } from './tls-server.js';
import type { WebConfig } from './web-config.js';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
    /** The request's context (its server span): the parent to hand on where tracing is `context: 'explicit'`. */
    traceContext: Context;
  }
}

export interface ExporterOptions {
  /** Program name, e.g. `vigil-host-exporter`. */
  name: string;
  description: string;
  version: string;
  /** Namespace of <ns>_scrape_collector_* and (unless buildInfoName is set) <ns>_build_info. */
  namespace: string;
  buildInfoName?: string;
  revision?: string;
  listenAddress: string;
  telemetryPath?: string;
  webConfig?: WebConfig;
  logger: Logger;
  collectorTimeoutMs?: number;
  shutdownTimeoutMs?: number;
  /** Time a client has to send a request's headers (default 10 s), and the whole request (default 60 s). */
  readHeaderTimeoutMs?: number;
  readTimeoutMs?: number;
  /** process_* and nodejs_* metrics (default true). */
  processMetrics?: boolean;
  /** Extra links for the landing page. */
  links?: LandingLink[];
}

export interface StartedAddress {
  host: string;
  port: number;
  url: string;
}

type Closer = () => Promise<void> | void;

function wantsOpenMetrics(accept: string | undefined): boolean {
  return accept?.includes('application/openmetrics-text') ?? false;
}

function openMetricsRegistry(): Registry {
  const r = new Registry<OpenMetricsContentType>();
  r.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  // Typed as the default Registry: collectors and metrics take it as any registry (rendering is the kit's).
  return r as unknown as Registry;
}

export class Exporter {
  readonly app: Express;
  // OpenMetrics-typed so prom-client keeps exemplars (instrument's HTTP duration histogram); the kit renders
  // both formats itself from getMetricsAsJSON().
  readonly registry = openMetricsRegistry();
  readonly collectors: CollectorRegistry;
  readonly health = new HealthChecks();
  readonly logger: Logger;
  readonly telemetryPath: string;
  private readonly closers: Closer[] = [];
  private readonly startedAt = Date.now();
  private server?: Server;
  private tls?: TlsListener;
  private ready = false;
  private shuttingDown?: Promise<void>;
  private inFlight = 0;
  private readonly drained: Array<() => void> = [];
  private finalized = false;
  private readonly rawRoutes: RawRoutes;
  private readonly refused: Counter<'route' | 'code'>;

  constructor(readonly options: ExporterOptions) {
    this.logger = options.logger;
    this.telemetryPath = options.telemetryPath ?? '/metrics';
    this.collectors = new CollectorRegistry(options.namespace, options.collectorTimeoutMs ?? 5000, this.logger);
    if (options.processMetrics !== false) {
      collectDefaultMetrics({ register: this.registry });
      // prom-client exports these gauges with a `_total` suffix, which promtool rejects for non-counters;
      // the same figures stay available as nodejs_active_{handles,requests,resources} by type.
      for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
        this.registry.removeSingleMetric(name);
      }
    }
    new Gauge({
      name: options.buildInfoName ?? `${options.namespace}_build_info`,
      help: `A metric with a constant '1' value labeled by version, revision and nodejs_version from which ${options.name} was built.`,
      labelNames: ['version', 'revision', 'nodejs_version'],
      registers: [this.registry],
    }).set({ version: options.version, revision: options.revision ?? 'unknown', nodejs_version: process.version }, 1);

    this.app = express();
    this.app.disable('x-powered-by');
    // No ETag: hashing a multi-megabyte scrape body on every request costs more than it could save.
    this.app.set('etag', false);
    this.app.set('trust proxy', false);
    const web = options.webConfig;
    const headers = Object.entries(web?.headers ?? {});
    let auth: BasicAuthenticator | undefined;
    if (web && web.basicAuthUsers.size > 0) {
      const refused = new Counter({
        name: `${options.namespace}_web_unauthorized_requests_total`,
        help: 'Requests refused by the web config\'s basic auth: reason="credential" (missing or wrong, 401), "rate_limited" (too many failures from the client, 429).',
        labelNames: ['reason'],
        registers: [this.registry],
      });
      for (const r of ['credential', 'rate_limited']) refused.inc({ reason: r }, 0);
      auth = new BasicAuthenticator(web.basicAuthUsers, { onRefused: (reason) => refused.inc({ reason }) });
    }
    // The web config's headers, then basic auth: the same for express and raw routes.
    const guard = (req: IncomingMessage, res: ServerResponse): Promise<boolean> | boolean => {
      for (const [h, v] of headers) res.setHeader(h, v);
      return auth ? auth.allow(req, res) : true;
    };
    this.refused = new Counter({
      name: `${options.namespace}_web_requests_refused_total`,
      help: 'Requests refused by the HTTP contract every Vigil process keeps, by route template and status code: code="404" (no route for the path, route="unmatched"), "405" (a route for the path but not for the method), "415" (a body of a media type the route does not read).',
      labelNames: ['route', 'code'],
      registers: [this.registry],
    });
    const track = (req: IncomingMessage, res: ServerResponse, path: string) => this.track(req as RawRequest, res, path, path);
    this.rawRoutes = new RawRoutes(track, guard, this.logger);
    this.app.use((req, res, next) => {
      // The handler runs in the request's span (its log lines carry the trace id).
      context.with(this.track(req, res, req.path), () => {
        const ok = guard(req, res);
        if (ok === true) next();
        else if (ok !== false) ok.then((pass) => pass && next(), next);
      });
    });

    this.app.get('/', (_req, res) => {
      res.type('html').send(
        landingPage(options.name, options.description, options.version, [
          { href: this.telemetryPath, text: 'Metrics' },
          { href: '/health', text: 'Health' },
          { href: '/ready', text: 'Readiness' },
          { href: '/live', text: 'Liveness' },
          ...(options.links ?? []),
        ]),
      );
    });
    // The telemetry path is a raw route: a scrape's cost is the render, not express's (HEAD as express serves it);
    // gzipped when the scraper accepts it (content-encoding.ts).
    const filterRefused = new Counter({
      name: `${options.namespace}_web_scrapes_refused_total`,
      help: 'Scrapes refused with a 400 for their collect[] or exclude[] parameters: a collector not there or not enabled, or both parameters at once.',
      registers: [this.registry],
    });
    const telemetry = async (req: IncomingMessage, res: ServerResponse) => {
      let only: ReadonlySet<string> | undefined;
      try {
        if (req.url?.includes('?')) only = scrapeFilter(req.url, this.collectors.names(), this.collectors.known);
      } catch (err) {
        if (!(err instanceof ScrapeFilterError)) throw err;
        filterRefused.inc();
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
        return void res.end(err.message);
      }
      const gzipped = acceptsGzip(req.headers['accept-encoding']);
      const { body, contentType } = await this.scrapeBody(req.headers.accept, gzipped, only);
      res.setHeader('Content-Type', contentType);
      res.setHeader('Vary', 'Accept, Accept-Encoding');
      if (gzipped) res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', body.reduce((n, b) => n + b.length, 0));
      if (body.length === 1) return void res.end(body[0]);
      // The pieces as they are, in one writev (corked), not copied into one buffer first.
      res.cork();
      for (const b of body) res.write(b);
      res.end();
    };
    this.rawRoutes.add('GET', this.telemetryPath, telemetry);
    this.rawRoutes.add('HEAD', this.telemetryPath, telemetry);
    this.app.get('/health', (_req, res, next) => {
      this.health
        .run(options.version, this.startedAt)
        .then((report) => res.status(report.status === 'unhealthy' ? 503 : 200).json(report))
        .catch(next);
    });
    this.app.get('/ready', (_req, res) => {
      if (this.ready && !this.shuttingDown) res.json({ status: 'ready' });
      else res.status(503).json({ status: this.shuttingDown ? 'shutting down' : 'starting' });
    });
    this.app.get('/live', (_req, res) => {
      res.json({ status: 'alive' });
    });
  }

  /**
   * Serves `method path` straight from node:http, ahead of express (see raw-routes.ts): for hot paths only.
   * The handler gets the request id, the child logger, the web config's headers and basic auth as express
   * routes do; it answers with node's ServerResponse (sendJson helps); a throw or rejection answers 500.
   */
  addRawRoute(method: string, path: string, handler: RawHandler): void {
    this.rawRoutes.add(method, path, handler);
  }

  /**
   * Answers a request no handler took (see http-contract.ts): 404, 405 with Allow when routes (express or raw)
   * take its path with other methods, 204 with Allow for OPTIONS; 404 and 405 counted by route. The kit's last
   * handler; a router with a fallback of its own (an API answering 404 only past its auth) ends with it too.
   */
  readonly unrouted: RequestHandler = (req, res) => {
    const path = req.originalUrl.split('?', 1)[0];
    const routes = routesForPath((this.app as unknown as { router: unknown }).router, path);
    const raw = this.rawRoutes.routeFor(path);
    if (raw) routes.push(raw);
    // A route that takes the method and passed the request on leaves it a 404.
    const methods = routes.some((r) => takesMethod(r, req.method)) ? [] : allowedMethods(routes);
    const status = answerUnrouted(req, res, path, methods);
    if (status === 404) this.refused.inc({ route: 'unmatched', code: '404' });
    else if (status === 405) this.refused.inc({ route: routes[0].template, code: '405' });
  };

  /**
   * express.json() behind the kit's Content-Type check: a POST, PUT or PATCH whose body is not
   * application/json is refused with 415 (Accept-Post naming the type on a POST), counted under its route
   * template, and handed on as an error (status 415, field "Content-Type") to the router's error handler.
   */
  jsonBody(options: { limit: string }): RequestHandler {
    const parse = express.json({ limit: options.limit });
    return (req, res, next) => {
      const refusal = checkMediaType(req, res, ['application/json']);
      if (!refusal) return void parse(req, res, next);
      this.refused.inc({ route: routeTemplate(req), code: '415' });
      next(refusal);
    };
  }

  /**
   * Request id, child logger, in-flight accounting, an access log line at debug level and the request's server
   * span (continuing the caller's W3C traceparent); returns the context the handler runs in (also
   * req.traceContext). `route` is the
   * route's template when known now (raw routes); express's matched route is read when the response finishes.
   */
  private track(req: RawRequest, res: ServerResponse, path: string, route?: string): Context {
    const method = req.method ?? 'GET';
    const { span, ctx } = startServerSpan(method, req.headers, { 'http.request.method': method, 'url.path': path });
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    // Its lines carry the server span's ids even where the active context was not handed on (see loggerInContext).
    req.log = loggerInContext(this.logger, ctx, { reqId: req.id });
    req.traceContext = ctx;
    res.setHeader('X-Request-Id', req.id);
    const start = performance.now();
    this.inFlight++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.inFlight--;
      const expressRoute = (req as Partial<Request>).route?.path as string | undefined;
      const template = route ?? (expressRoute !== undefined ? `${(req as Partial<Request>).baseUrl ?? ''}${expressRoute}` : undefined);
      if (span.isRecording()) {
        if (template !== undefined) {
          span.updateName(`${method} ${template}`);
          span.setAttribute('http.route', template);
        }
        span.setAttribute('http.response.status_code', res.statusCode);
        span.setAttribute('vigil.request_id', req.id);
        if (!res.writableFinished) span.setAttribute('vigil.client_closed', true);
        if (res.statusCode >= 500) failSpan(span, new Error(`HTTP ${res.statusCode}`));
      }
      span.end();
      // In the request's context: the access line carries the trace id whatever context emitted 'finish'.
      context.with(ctx, () =>
        req.log.debug({ method: req.method, path, status: res.statusCode, duration_seconds: (performance.now() - start) / 1000 }, 'request'),
      );
      if (this.inFlight === 0) this.drained.splice(0).forEach((fn) => fn());
    };
    res.on('finish', finish);
    res.on('close', finish);
    return ctx;
  }

  addCollector(c: Collector): void {
    this.collectors.add(c);
  }

  addCheck(name: string, fn: CheckFn, opts?: CheckOptions): void {
    this.health.add(name, fn, opts);
  }

  /** Registers a closer run at shutdown, in reverse order of registration. */
  onClose(fn: Closer): void {
    this.closers.push(fn);
  }

  setReady(ready: boolean): void {
    this.ready = ready;
  }

  /** The exposition body for an Accept header (OpenMetrics when asked for, text otherwise). */
  async scrape(accept?: string): Promise<{ body: string; contentType: string }> {
    const families = await this.families();
    if (wantsOpenMetrics(accept)) return { body: renderOpenMetrics(families) + '# EOF\n', contentType: OPENMETRICS_CONTENT_TYPE };
    return { body: renderText(families), contentType: TEXT_CONTENT_TYPE };
  }

  /**
   * The body the telemetry path sends, in pieces (joined, they are the body): bytes (cached blocks, SampleBlock,
   * are used encoded, the rest encoded once), gzipped if asked: with blocks, their pieces compressed when they
   * were rendered and the rest now (renderBody); without, the whole body at once on the thread pool.
   */
  async scrapeBody(accept: string | undefined, gzipped: boolean, only?: ReadonlySet<string>): Promise<{ body: Buffer[]; contentType: string }> {
    const families = await this.families(only);
    const openMetrics = wantsOpenMetrics(accept);
    const contentType = openMetrics ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE;
    if (!gzipped || hasBlocks(families)) return { body: renderBody(families, openMetrics, gzipped), contentType };
    const [bytes, ...more] = renderBody(families, openMetrics, false);
    return { body: [await gzipFast(more.length === 0 ? bytes : Buffer.concat([bytes, ...more]))], contentType };
  }

  /** The collectors' families (those in `only`, when a scrape filtered them), the registry's and the health checks'. */
  private async families(only?: ReadonlySet<string>): Promise<MetricFamily[]> {
    // prom-client's metrics are rendered by the kit's own formatter too: one code path for both formats,
    // and it is faster than registry.metrics() (see bench/src/kit-metrics.bench.ts).
    const [collected, own, health] = await Promise.all([
      this.collectors.collect(only),
      this.registry.getMetricsAsJSON(),
      // The checks run on each scrape, as /health runs them (each bounded by its own timeout).
      this.health.size > 0 ? this.health.run(this.options.version, this.startedAt) : undefined,
    ]);
    const families: MetricFamily[] = [...collected, ...promClientToFamilies(own)];
    if (health) families.push(...healthFamilies(this.options.namespace, health, this.health));
    return families;
  }

  private finalizeRoutes(): void {
    if (this.finalized) return;
    this.finalized = true;
    this.app.use(this.unrouted);
    this.app.use((err: Error & { status?: number; statusCode?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
      const status = err.status ?? err.statusCode ?? 500;
      if (status >= 500) req.log?.error({ err: err.message, stack: err.stack }, 'request failed');
      if (res.headersSent) {
        res.end();
        return;
      }
      res.status(status).json({ error: status >= 500 ? 'internal error' : err.message });
    });
  }

  async start(): Promise<StartedAddress> {
    this.finalizeRoutes();
    const addr = parseListenAddress(this.options.listenAddress);
    if (!addr) throw new Error(`--web.listen-address: cannot parse ${JSON.stringify(this.options.listenAddress)}`);
    const app = this.app as unknown as (req: IncomingMessage, res: ServerResponse) => void;
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      if (!this.rawRoutes.dispatch(req, res)) app(req, res);
    };
    const tlsSettings = this.options.webConfig?.tls;
    const timeouts: ReadTimeouts = { headerMs: this.options.readHeaderTimeoutMs ?? 10_000, requestMs: this.options.readTimeoutMs ?? 60_000 };
    const serverOptions = serverTimeoutOptions(timeouts);
    const listener = tlsSettings ? (this.tls = createTlsListener(tlsSettings, handler, serverOptions)).net : (this.server = createServer(serverOptions, handler));
    watchSlowClients([this.tls?.https ?? this.server!], this.registry, this.options.namespace, this.logger, timeouts);
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(addr.port, addr.host, () => {
        listener.off('error', reject);
        resolve();
      });
    });
    const info = listener.address() as AddressInfo;
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    const url = `${tlsSettings ? 'https' : 'http'}://${host === '[::]' || host === '0.0.0.0' ? 'localhost' : host}:${info.port}`;
    this.ready = true;
    this.logger.info({ address: `${host}:${info.port}`, tls: Boolean(tlsSettings), version: this.options.version }, 'listening');
    return { host: info.address, port: info.port, url };
  }

  /** Stops accepting, waits for in-flight requests (bounded), closes connections, runs closers. */
  shutdown(reason = 'shutdown'): Promise<void> {
    this.shuttingDown ??= this.doShutdown(reason);
    return this.shuttingDown;
  }

  private async doShutdown(reason: string): Promise<void> {
    this.logger.info({ reason, inFlight: this.inFlight }, 'shutting down');
    this.ready = false;
    const listener = this.tls?.net ?? this.server;
    const closed = listener ? new Promise<void>((resolve) => listener.close(() => resolve())) : Promise.resolve();
    this.server?.closeIdleConnections();
    this.tls?.https.closeIdleConnections();
    const timeoutMs = this.options.shutdownTimeoutMs ?? 10_000;
    if (this.inFlight > 0) {
      let timer: NodeJS.Timeout | undefined;
      const drained = new Promise<boolean>((resolve) => this.drained.push(() => resolve(true)));
      const expired = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const ok = await Promise.race([drained, expired]);
      clearTimeout(timer);
      if (!ok) this.logger.warn({ inFlight: this.inFlight, timeoutMs }, 'in-flight requests did not finish in time; closing connections');
    }
    this.server?.closeAllConnections();
    this.tls?.https.closeAllConnections();
    await closed;
    for (const closer of [...this.closers].reverse()) {
      try {
        await closer();
      } catch (err) {
        this.logger.error({ err: (err as Error).message }, 'closer failed');
      }
    }
    this.logger.info('stopped');
  }
}
