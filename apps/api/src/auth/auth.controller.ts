import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { AssurancePolicyView, MeView, PasskeyView, PasswordResetRequested, SessionView, TokenPair } from '#contracts';
import { AccountsService } from '../accounts/accounts.service';
import { CurrentActor, RequestOrigin, type Actor, type Origin } from './actor';
import { AuthService } from './auth.service';
import {
  ChangePasswordDto,
  LoginDto,
  PasskeyLoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterPasskeyDto,
  SetAssurancePolicyDto,
} from './dto/auth.dto';
import { PasskeysService } from './passkeys.service';
import { PasswordResetService } from './password-reset.service';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    private readonly resets: PasswordResetService,
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

  /** "Glemt passord?": the same answer whether or not the address has an account. */
  @Public()
  @Post('password-reset')
  @HttpCode(202)
  requestPasswordReset(@Body() dto: PasswordResetRequestDto, @RequestOrigin() origin: Origin): Promise<PasswordResetRequested> {
    return this.resets.request(dto.email, origin);
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  async confirmPasswordReset(@Body() dto: PasswordResetConfirmDto, @RequestOrigin() origin: Origin): Promise<void> {
    await this.resets.confirm(dto.token, dto.password, origin);
  }

  /** Changes one's own password; every other session ends, this device gets new tokens. */
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @RequestOrigin() origin: Origin): Promise<TokenPair> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, origin);
  }

  @ApiBearerAuth()
  @Get('sessions')
  sessions(@CurrentActor() actor: Actor): Promise<SessionView[]> {
    return this.auth.sessions(actor);
  }

  @ApiBearerAuth()
  @Delete('sessions/:id')
  @HttpCode(204)
  async endSession(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.auth.endSession(actor, id);
  }

  @ApiBearerAuth()
  @Post('logout-everywhere')
  @HttpCode(204)
  async logoutEverywhere(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logoutEverywhere(actor);
  }
}

/** Passkeys: register after a login, log in with one tap, list and remove. */
@ApiTags('auth')
@Controller('auth/passkeys')
export class PasskeysController {
  constructor(private readonly passkeys: PasskeysService) {}

  @ApiBearerAuth()
  @Get()
  list(@CurrentActor() actor: Actor): Promise<PasskeyView[]> {
    return this.passkeys.list(actor);
  }

  @ApiBearerAuth()
  @Post('registration-options')
  @HttpCode(200)
  registrationOptions(@CurrentActor() actor: Actor): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
    return this.passkeys.registrationOptions(actor);
  }

  @ApiBearerAuth()
  @Post()
  register(@CurrentActor() actor: Actor, @Body() dto: RegisterPasskeyDto): Promise<PasskeyView> {
    return this.passkeys.register(actor, dto.challengeId, dto.name, dto.credential as unknown as RegistrationResponseJSON);
  }

  @ApiBearerAuth()
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.passkeys.remove(actor, id);
  }

  @Public()
  @Post('login-options')
  @HttpCode(200)
  loginOptions(@RequestOrigin() origin: Origin): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
    return this.passkeys.authenticationOptions(origin);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: PasskeyLoginDto, @RequestOrigin() origin: Origin): Promise<TokenPair> {
    return this.passkeys.login(dto.challengeId, dto.credential as unknown as AuthenticationResponseJSON, origin);
  }
}

/** The tenant's assurance policy: what level each role needs to read plan content. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('tenant/assurance-policy')
export class AssurancePolicyController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  get(@CurrentActor() actor: Actor): Promise<AssurancePolicyView> {
    return this.accounts.assurancePolicy(actor);
  }

  @Put()
  set(@CurrentActor() actor: Actor, @Body() dto: SetAssurancePolicyDto): Promise<AssurancePolicyView> {
    return this.accounts.setAssurancePolicy(actor, dto.policy);
  }
}
