/** Maps every error, ours or the framework's, to the one error body: { statusCode, code, message, details? }. */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ErrorBody, ErrorCode } from '#contracts';
import { DomainError } from './domain-error';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** Express body-parser errors carry a `type`; map them to a clear 4xx. */
interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  message?: string;
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    return {
      statusCode: error.status,
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    };
  }
  if (error instanceof HttpException) {
    // Express body-parser errors arrive wrapped, with the original as the cause.
    const cause = (error as { cause?: BodyParserError }).cause;
    if (cause && typeof cause === 'object' && typeof cause.type === 'string') return toErrorBody(cause);
    const status = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'object' && response && 'code' in response) return { ...(response as ErrorBody), statusCode: status };
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    return {
      statusCode: status,
      code: CODE_BY_STATUS[status] ?? (status < 500 ? 'validation_failed' : 'internal_error'),
      message: Array.isArray(message) ? message.join('; ') : String(message),
    };
  }
  const bp = error as BodyParserError;
  if (bp && typeof bp === 'object' && typeof bp.type === 'string') {
    if (bp.type === 'entity.parse.failed')
      return { statusCode: 400, code: 'malformed_json', message: 'The request body is not valid JSON' };
    if (bp.type === 'entity.too.large') return { statusCode: 413, code: 'payload_too_large', message: 'The request body is too large' };
    const status = bp.status ?? bp.statusCode ?? 400;
    if (status < 500) return { statusCode: status, code: 'validation_failed', message: bp.message ?? 'Bad request' };
  }
  return { statusCode: 500, code: 'internal_error', message: 'Something went wrong on our side' };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const body = toErrorBody(error);
    if (body.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    // A refusal that says when to come back (429, 503) says it in the header too.
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && (body.statusCode === 429 || body.statusCode === 503))
      res.setHeader('Retry-After', String(retryAfter));
    res.status(body.statusCode).json(body);
  }
}
