/**
 * OpenID Connect login over HTTP: browser redirects in and out. Every route is public (the
 * person is not logged in yet); the rules live in OidcService.
 */
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { OidcConfigView } from '#contracts';
import { RequestOrigin, type Origin } from './actor';
import { OidcStartQueryDto } from './dto/oidc.dto';
import { OIDC_BINDING_COOKIE, OidcService } from './oidc.service';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  @Public()
  @Get('config')
  config(): OidcConfigView {
    return this.oidc.configView();
  }

  @Public()
  @Get('start')
  @ApiFoundResponse({ description: "Redirects to the identity provider's login." })
  async start(@Query() query: OidcStartQueryDto, @RequestOrigin() origin: Origin, @Res() res: Response): Promise<void> {
    const { location, browserBinding } = await this.oidc.start(query.returnTo, origin);
    res.cookie(OIDC_BINDING_COOKIE, browserBinding, this.oidc.bindingCookieOptions());
    res.setHeader('cache-control', 'no-store');
    res.redirect(302, location);
  }

  /** Takes the raw query: the provider may add parameters (iss, session_state) that a DTO would refuse. */
  @Public()
  @Get('callback')
  @ApiFoundResponse({ description: 'Redirects to /login/callback#tokens, or to /login?error=<code>.' })
  async callback(@Req() req: Request, @RequestOrigin() origin: Origin, @Res() res: Response): Promise<void> {
    const params = new URL(req.originalUrl, 'http://callback.invalid').searchParams;
    const { location, ended } = await this.oidc.callback(params, readCookie(req.headers.cookie, OIDC_BINDING_COOKIE), origin);
    if (ended) {
      const { maxAge: _maxAge, ...cookie } = this.oidc.bindingCookieOptions();
      res.clearCookie(OIDC_BINDING_COOKIE, cookie);
    }
    res.setHeader('cache-control', 'no-store');
    res.redirect(302, location);
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
