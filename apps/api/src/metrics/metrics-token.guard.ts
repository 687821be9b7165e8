/** Guards GET /metrics with METRICS_TOKEN when that is set; a refusal is the standard 401 error body. */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../config/config';
import { Unauthenticated } from '../errors/domain-error';
import { scrapeDecision } from './scrape-token';

@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const decision = scrapeDecision(this.config.METRICS_TOKEN, req.headers.authorization);
    if (decision === 'missing') throw new Unauthenticated('unauthenticated', 'Send the metrics token: Authorization: Bearer <token>');
    if (decision === 'invalid') throw new Unauthenticated('token_invalid', 'The metrics token is not valid');
    return true;
  }
}
