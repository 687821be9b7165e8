import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PLAN_ROLES, type PlanRole } from '#contracts';
import { IsPhone } from '../../input/phone';
import { MutationDto, TEXT_MAX, UpdateMutationDto } from '../../plans/dto/plan.dto';

/**
 * Staff (professional, coordinator) are picked from the municipality's directory by `accountId`;
 * the others are invited by `name` and a way to reach them, `email` or `phone` (PLAN_ROLE_ADMISSION
 * in libs/contracts).
 */
export class InviteMemberDto extends MutationDto {
  @ApiPropertyOptional({ description: 'For person, guardian, relative: the e-mail the one-time link goes to' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
  @ApiPropertyOptional({ description: 'With email: the invited person’s name' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional({ description: 'For professional, coordinator: a staff account from GET /api/directory/staff' })
  @IsOptional()
  @IsUUID()
  accountId?: string;
  @ApiProperty({ enum: PLAN_ROLES }) @IsIn(PLAN_ROLES) role!: PlanRole;
  @ApiPropertyOptional({ example: 'Fysioterapi' }) @IsOptional() @IsString() @MaxLength(200) service?: string;
  @ApiPropertyOptional({ example: 'Fjordvik kommune' }) @IsOptional() @IsString() @MaxLength(200) organisation?: string;
  @ApiPropertyOptional({
    description: 'E.164 (a Norwegian 8-digit number without +47); for person, guardian, relative it may replace the e-mail',
    example: '+4791234567',
  })
  @IsOptional()
  @IsPhone()
  phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) contribution?: string;
}

/** Several invitations in one submit: checked together before any is made (all or none refused). */
export class InviteMembersDto {
  @ApiProperty({ type: [InviteMemberDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => InviteMemberDto)
  members!: InviteMemberDto[];
}

export class UpdateMemberDto extends UpdateMutationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: PLAN_ROLES }) @IsOptional() @IsIn(PLAN_ROLES) role?: PlanRole;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) service?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) organisation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional({ description: 'What this member contributes' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  contribution?: string;
}

export class AcceptInvitationDto {
  @ApiPropertyOptional({ description: 'Your name, for a new account' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional({ description: 'Your e-mail, for a new account, when you were invited by phone' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
  @ApiProperty({ description: 'A new password (at least 10 characters), or your password if you already have an account' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

/** Koordinerende enhet records a verified guardianship (foresatt/verge) in a plan. */
export class RecordGuardianshipDto extends MutationDto {
  @ApiProperty({ description: "The guardian's e-mail: a member with it becomes guardian, else it gets a one-time link" })
  @IsEmail()
  @MaxLength(254)
  email!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ description: 'What was verified, e.g. "Foreldreansvar, sett fødselsattest 2026-11-30"; shown to the person' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  verification!: string;
}

export class CitizenQueryDto {
  @ApiProperty({ description: 'Part of the name (at least 2 characters)' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  q!: string;
  @ApiPropertyOptional({ default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit = 10;
}

export class DirectoryQueryDto {
  @ApiPropertyOptional({ description: 'Part of a name, service or organisation' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ description: 'The plan to add staff to (needed unless the caller may read the directory as koordinerende enhet)' })
  @IsOptional()
  @IsUUID()
  planId?: string;
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit = 20;
}
