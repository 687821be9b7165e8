/** The global guard: a valid access token on every route not marked @Public(). */
import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, Unauthenticated } from '../errors/domain-error';
import { IS_PUBLIC } from './public.decorator';

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown): T {
    if (err) throw err instanceof DomainError ? err : new Unauthenticated('token_invalid', 'The access token is not valid');
    if (user) return user;
    const name = (info as { name?: string; message?: string } | undefined)?.name;
    const message = (info as { message?: string } | undefined)?.message;
    if (name === 'TokenExpiredError') throw new Unauthenticated('token_expired', 'The access token has expired; refresh it');
    if (message === 'No auth token') throw new Unauthenticated();
    throw new Unauthenticated('token_invalid', 'The access token is not valid');
  }
}
