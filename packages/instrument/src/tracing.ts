// The server span of every request of an express service (when startTracing found an endpoint): continues the
// caller's W3C traceparent, is named by the matched route template, records the status, and is the active
// span while the request is served, so log lines, outgoing calls (correlationHeaders) and the duration
// histogram's exemplar carry its trace.
import type { NextFunction, Request, Response } from 'express';
import { context, failSpan, startServerSpan } from '@vigil/core';
import { routeLabel } from './http-metrics.js';

export function tracingMiddleware() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const { span, ctx } = startServerSpan(req.method, req.headers, { 'http.request.method': req.method, 'url.path': req.path });
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      if (span.isRecording()) {
        const route = routeLabel(req);
        if (route !== 'unmatched') {
          span.updateName(`${req.method} ${route}`);
          span.setAttribute('http.route', route);
        }
        const status = res.writableFinished ? res.statusCode : 499;
        span.setAttribute('http.response.status_code', status);
        if (status >= 500) failSpan(span, new Error(`HTTP ${status}`));
      }
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(ctx, next);
  };
}
