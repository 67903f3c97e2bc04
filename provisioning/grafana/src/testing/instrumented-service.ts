// A small express service instrumented with @vigil/instrument's HTTP middleware, for the
// services-dashboard test: GET /orders/:id answers 200, POST /orders 201 or, with ?fail=1, 500; /metrics.
// Usage: node --import tsx instrumented-service.ts <port>
import express from 'express';
import { Registry } from 'prom-client';

import { httpMetrics } from '@vigil/instrument';

const registry = new Registry();
const app = express();
app.use(httpMetrics({ registry, service: 'trading-gateway', excludePaths: ['/metrics'] }).middleware);
app.get('/orders/:id', (req, res) => void res.json({ id: req.params.id }));
app.post('/orders', (req, res) => void res.status(req.query.fail ? 500 : 201).json({}));
app.get('/metrics', async (_req, res) => void res.type('text/plain').send(await registry.metrics()));
const server = app.listen(Number(process.argv[2]), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
