/** Who is making this request, and from where: the input to every authorization and audit entry. */
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AssuranceLevel, AuthMethod, TenantRole } from '#contracts';

export interface Actor {
  accountId: string;
  tenantId: string;
  role: TenantRole;
  name: string;
  ip: string | null;
  userAgent: string | null;
  /** How this session was authenticated (from the access token); absent counts as the lowest level. */
  session?: ActorSession;
}

export interface ActorSession {
  /** The refresh-token family: one signed-in device. */
  id: string;
  method: AuthMethod;
  level: AssuranceLevel;
  /** What the account's role needs in its tenant to read plan content, when the token was issued. */
  needed: AssuranceLevel;
}

/** Where a request came from, for audit entries written before anyone is authenticated. */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

export function originOf(req: Request): Origin {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 300) ?? null };
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<Request & { user?: Actor }>();
  if (!req.user) throw new Error('CurrentActor used on a public route');
  return req.user;
});

export const RequestOrigin = createParamDecorator((_: unknown, ctx: ExecutionContext): Origin =>
  originOf(ctx.switchToHttp().getRequest<Request>()),
);
