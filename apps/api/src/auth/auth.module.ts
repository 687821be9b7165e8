/** Authentication: password, passkey and OIDC login, forgotten passwords, sessions, access and refresh tokens, the global guard. */
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { AppConfig } from '../config/config';
import { AssurancePolicyController, AuthController, PasskeysController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { jwtKey } from './jwt-key';
import { JwtStrategy } from './jwt.strategy';
import { OidcLoginState } from './oidc-login-state.entity';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { PasskeysService } from './passkeys.service';
import { PasswordResetService } from './password-reset.service';
import { NotificationsModule } from '../notifications/notifications.module';
import { RefreshToken } from './refresh-token.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([RefreshToken, OidcLoginState]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A KeyObject, not the string: jsonwebtoken accepts both (jwt-key.ts); @nestjs/jwt's type says string.
      useFactory: (config: AppConfig) => ({ secret: jwtKey(config.JWT_SECRET) as unknown as string }),
    }),
    AccountsModule,
    NotificationsModule,
  ],
  controllers: [AuthController, PasskeysController, AssurancePolicyController, OidcController],
  providers: [AuthService, PasswordResetService, PasskeysService, OidcService, JwtStrategy, { provide: APP_GUARD, useClass: JwtAuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
