// The simulator's small HTTP control endpoint: list, start and stop incidents while it runs.
//   GET    /incidents            active and scheduled incidents, and the catalogue
//   POST   /incidents            {"name": "slippage-spike", "duration": "10m", "start": "0s"}, plus "venue" for
//                                 venue-outage or "strategy" for strategy-slowdown
//   DELETE /incidents/NAME       ends that incident now
//   GET    /health               poster statistics
// Bodies are application/json (415 otherwise); a known path with another method is a 405 with Allow, as in
// every Vigil process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerUnrouted, checkMediaType, parseDuration } from '@vigil/exporter-kit';
import {
  DEFAULT_INCIDENT_DURATION_MS,
  INCIDENT_DOCS,
  INCIDENT_NAMES,
  TARGETED_INCIDENTS,
  type Incident,
  type IncidentName,
  type IncidentSchedule,
} from './incidents.js';
import type { PosterStats } from './poster.js';

const MAX_BODY = 4096;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

class BadRequest extends Error {}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new BadRequest(`body larger than ${MAX_BODY} bytes`);
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new BadRequest('body is not valid JSON');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new BadRequest('expected a JSON object');
  return v as Record<string, unknown>;
}

function durationField(body: Record<string, unknown>, field: string, fallback: number): number {
  const v = body[field];
  if (v === undefined) return fallback;
  const ms = typeof v === 'string' ? parseDuration(v) : undefined;
  if (ms === undefined) throw new BadRequest(`${field}: expected a duration such as "10m", got ${JSON.stringify(v)}`);
  return ms;
}

interface ControlRoute {
  method: string;
  path: RegExp;
  handle: (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) => Promise<void> | void;
}

export function startControlServer(
  host: string,
  port: number,
  incidents: IncidentSchedule,
  stats: () => PosterStats,
  now: () => number = Date.now,
): Promise<{ server: Server; url: string }> {
  const routes: ControlRoute[] = [
    { method: 'GET', path: /^\/health$/, handle: (_req, res) => send(res, 200, { status: 'ok', ...stats() }) },
    { method: 'GET', path: /^\/incidents$/, handle: (_req, res) => send(res, 200, { incidents: incidents.list(now()), catalogue: INCIDENT_DOCS }) },
    {
      method: 'POST',
      path: /^\/incidents$/,
      handle: async (req, res) => {
        const body = await readJson(req);
        const name = body.name;
        if (typeof name !== 'string' || !(INCIDENT_NAMES as readonly string[]).includes(name)) {
          throw new BadRequest(`name: expected one of ${INCIDENT_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
        }
        for (const field of ['venue', 'strategy'] as const) {
          const v = body[field];
          if (v !== undefined && (typeof v !== 'string' || v === '' || TARGETED_INCIDENTS[name as IncidentName] !== field)) {
            const takers = Object.entries(TARGETED_INCIDENTS).flatMap(([n, f]) => (f === field ? [n] : []));
            throw new BadRequest(`${field}: only ${takers.join(', ')} take${takers.length === 1 ? 's' : ''} a ${field} name (a non-empty string)`);
          }
        }
        const duration = durationField(body, 'duration', DEFAULT_INCIDENT_DURATION_MS);
        if (duration <= 0) throw new BadRequest('duration: must be positive');
        const startsAt = now() + durationField(body, 'start', 0);
        const incident: Incident = {
          name: name as IncidentName,
          startsAt,
          endsAt: startsAt + duration,
          venue: body.venue as string | undefined,
          strategy: body.strategy as string | undefined,
        };
        incidents.add(incident);
        send(res, 201, { incident: incidents.list(now()).find((i) => i.name === name && i.startsAt === startsAt) });
      },
    },
    {
      method: 'DELETE',
      path: /^\/incidents\/([a-z-]+)$/,
      handle: (_req, res, stop) => {
        if (!(INCIDENT_NAMES as readonly string[]).includes(stop[1])) throw new BadRequest(`unknown incident ${JSON.stringify(stop[1])}`);
        send(res, 200, { stopped: incidents.stop(stop[1] as IncidentName, now()) });
      },
    },
  ];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://control').pathname;
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const onPath = routes.flatMap((r) => {
      const m = r.path.exec(path);
      return m ? [{ route: r, match: m }] : [];
    });
    const hit = onPath.find((r) => r.route.method === method);
    // The answers every Vigil process gives (the exporter kit's http-contract.ts): 404, 405 with Allow, OPTIONS 204, 415.
    if (!hit) return void answerUnrouted(req, res, path, onPath.map((r) => r.route.method));
    const refusal = checkMediaType(req, res, ['application/json']);
    if (refusal) return send(res, 415, { error: refusal.message, field: refusal.field });
    Promise.resolve()
      .then(() => hit.route.handle(req, res, hit.match))
      .catch((err) => send(res, err instanceof BadRequest ? 400 : 500, { error: (err as Error).message }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address() as AddressInfo;
      resolve({ server, url: `http://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}` });
    });
  });
}
