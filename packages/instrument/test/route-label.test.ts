// The `route` label under parameterised and nested router mounts: always the pattern, never the concrete path.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import express from 'express';
import { Registry } from 'prom-client';
import { httpMetrics, routeLabel } from '../src/index.js';

describe('route label under router mounts', () => {
  it('is the mount pattern plus the route pattern, at any depth', async () => {
    const registry = new Registry();
    const m = httpMetrics({ registry, service: 'accounts' });
    const app = express();
    app.use(m.middleware);
    app.use(express.json()); // a middleware layer that matches every path but is no mount
    const fills = express.Router({ mergeParams: true });
    fills.get('/fills/:fillId', (_req, res) => void res.json({}));
    const account = express.Router({ mergeParams: true });
    account.get('/orders/:orderId', (_req, res) => void res.json({}));
    account.get('/', (_req, res) => void res.json({}));
    account.use('/orders/:orderId', fills);
    const admin = express.Router();
    admin.get('/users/:user', (_req, res) => void res.json({}));
    // A mount that matches the same prefix first but does not hold the route: the walk must go past it.
    app.use('/:tenant/orders', express.Router());
    app.use('/accounts/:id', account);
    app.use('/admin/', admin);

    const server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/accounts/42/orders/o-1', '/accounts/43/orders/o-2', '/accounts/42', '/accounts/a%20b/orders/7/fills/f-9', '/admin/users/alice']) {
        assert.equal((await fetch(url + path)).status, 200, path);
      }
      const text = await registry.metrics();
      const routes = new Set([...text.matchAll(/http_requests_total\{[^}]*route="([^"]*)"/g)].map((x) => x[1]));
      assert.deepEqual([...routes].sort(), ['/accounts/:id', '/accounts/:id/orders/:orderId', '/accounts/:id/orders/:orderId/fills/:fillId', '/admin/users/:user']);
      assert.match(text, /route="\/accounts\/:id\/orders\/:orderId"[^\n]* 2\n/);
      for (const concrete of ['42', 'o-1', 'alice', 'f-9']) assert.ok(!text.includes(`${concrete}"`) && !text.includes(`${concrete}/`), `${concrete} leaked into a label`);
    } finally {
      server.close();
    }
  });

  it('shows a mount it cannot resolve as *, never the concrete prefix', () => {
    const req = { baseUrl: '/accounts/42', route: { path: '/orders' }, app: {} } as unknown as express.Request;
    assert.equal(routeLabel(req), '*/orders');
  });
});
