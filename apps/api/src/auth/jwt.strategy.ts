import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../config/config';
import { originOf, type Actor } from './actor';
import { AuthService, type AccessTokenPayload } from './auth.service';
import { jwtKey } from './jwt-key';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject (jwt-key.ts): passport-jwt hands it to jsonwebtoken as it is.
      secretOrKey: jwtKey(config.JWT_SECRET) as unknown as string,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  /** The signature is checked by passport-jwt; here the account must still exist and be enabled. */
  async validate(req: Request, payload: AccessTokenPayload): Promise<Actor> {
    return this.auth.actorFor(payload, originOf(req));
  }
}
