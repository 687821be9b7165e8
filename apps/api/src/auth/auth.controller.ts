import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { MeView, TokenPair } from '#contracts';
import { AccountsService } from '../accounts/accounts.service';
import { CurrentActor, RequestOrigin, type Actor, type Origin } from './actor';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto } from './dto/auth.dto';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @RequestOrigin() origin: Origin): Promise<TokenPair> {
    return this.auth.login(dto.email, dto.password, origin);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto, @RequestOrigin() origin: Origin): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken, origin);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(dto.refreshToken, actor);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.accounts.me(actor);
  }
}
