// A demo trading gateway instrumented with this package, for the local stack: it serves order routes whose
// latency and error rate follow simple distributions, and a load loop calls it over real HTTP so the gateway
// SLOs, the service alerts and the services dashboard have live data without a real gateway.
import type { Express } from 'express';

export interface GatewayBehaviour {
  /** Median handling time in seconds (lognormal). */
  medianSeconds: number;
  /** Lognormal sigma of the handling time. */
  sigma: number;
  /** Share of requests answered 5xx. */
  errorRatio: number;
}

function lognormal(median: number, sigma: number, random: () => number): number {
  const u = 1 - random();
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * z);
}

/** Order routes of the demo gateway; behaviour is read on every request so it can be changed while running. */
export function addGatewayRoutes(app: Express, behaviour: () => GatewayBehaviour, random: () => number = Math.random): void {
  const handle = (ok: number) => (_req: unknown, res: { status: (n: number) => { json: (b: unknown) => void } }) => {
    const b = behaviour();
    const delayMs = Math.min(10_000, lognormal(b.medianSeconds, b.sigma, random) * 1000);
    setTimeout(() => {
      if (random() < b.errorRatio) res.status(503).json({ error: 'venue session unavailable' });
      else res.status(ok).json({ status: 'accepted' });
    }, delayMs);
  };
  app.post('/api/v1/orders', handle(201));
  app.get('/api/v1/orders/:id', handle(200));
  app.delete('/api/v1/orders/:id', handle(200));
}

/** Calls the gateway at `rate` requests per second until stopped; returns the stop function. */
export function startLoad(baseUrl: string, rate: number, random: () => number = Math.random): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    const n = Math.floor(rate / 10) + (random() < (rate % 10) / 10 ? 1 : 0);
    for (let i = 0; i < n; i++) {
      const id = `o-${Math.floor(random() * 1e9)}`;
      const pick = random();
      const req =
        pick < 0.6
          ? fetch(`${baseUrl}/api/v1/orders`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
          : fetch(`${baseUrl}/api/v1/orders/${id}`, { method: pick < 0.9 ? 'GET' : 'DELETE' });
      req.then((r) => r.arrayBuffer()).catch(() => undefined);
    }
  }, 100);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
