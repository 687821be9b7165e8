/** Times every HTTP request the api routes, labelled by method and status class only (never the URL). */
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { methodLabel, statusClass } from './http-labels';
import { MetricsService } from './metrics.service';

const timed = Symbol('fellesplan.httpTimed');

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const marked = req as Request & { [timed]?: true };
    // A request can match more than one mount of the middleware: time it once.
    if (!marked[timed]) {
      marked[timed] = true;
      const end = this.metrics.httpRequestDuration.startTimer();
      res.once('finish', () => end({ method: methodLabel(req.method), status_class: statusClass(res.statusCode) }));
    }
    next();
  }
}
