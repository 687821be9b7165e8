import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ASSURANCE_LEVELS, type AssuranceLevel, type AssurancePolicy, type LoginRequest } from '#contracts';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'kari.koordinator@demo.fellesplan.no' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the link in the e-mail.' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;

  @ApiProperty({ description: 'At least 10 characters.' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 10 characters.' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword!: string;
}

export class AssurancePolicyDto implements AssurancePolicy {
  @ApiProperty({ enum: ASSURANCE_LEVELS })
  @IsIn(ASSURANCE_LEVELS)
  systemkoordinator!: AssuranceLevel;

  @ApiProperty({ enum: ASSURANCE_LEVELS })
  @IsIn(ASSURANCE_LEVELS)
  coordinator!: AssuranceLevel;

  @ApiProperty({ enum: ASSURANCE_LEVELS })
  @IsIn(ASSURANCE_LEVELS)
  professional!: AssuranceLevel;

  @ApiProperty({ enum: ASSURANCE_LEVELS })
  @IsIn(ASSURANCE_LEVELS)
  citizen!: AssuranceLevel;
}

export class SetAssurancePolicyDto {
  @ApiProperty({ type: AssurancePolicyDto })
  @ValidateNested()
  @Type(() => AssurancePolicyDto)
  policy!: AssurancePolicyDto;
}

/** The credential the browser returns (@simplewebauthn/browser); its inner parts are checked by the WebAuthn verification. */
export class PasskeyCredentialDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1400)
  id!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1400)
  rawId!: string;

  @ApiProperty({ enum: ['public-key'] })
  @IsIn(['public-key'])
  type!: 'public-key';

  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject()
  response!: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  clientExtensionResults?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['platform', 'cross-platform'] })
  @IsOptional()
  @IsIn(['platform', 'cross-platform'])
  authenticatorAttachment?: 'platform' | 'cross-platform';
}

export class RegisterPasskeyDto {
  @ApiProperty()
  @IsUUID()
  challengeId!: string;

  @ApiProperty({ description: 'What the person calls the device, e.g. "Telefonen min".' })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  name!: string;

  @ApiProperty({ type: PasskeyCredentialDto })
  @ValidateNested()
  @Type(() => PasskeyCredentialDto)
  credential!: PasskeyCredentialDto;
}

export class PasskeyLoginDto {
  @ApiProperty()
  @IsUUID()
  challengeId!: string;

  @ApiProperty({ type: PasskeyCredentialDto })
  @ValidateNested()
  @Type(() => PasskeyCredentialDto)
  credential!: PasskeyCredentialDto;
}
