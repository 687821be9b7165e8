import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PLAN_ROLES, type PlanRole } from '#contracts';
import { MutationDto, TEXT_MAX, UpdateMutationDto } from '../../plans/dto/plan.dto';

export class InviteMemberDto extends MutationDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: PLAN_ROLES }) @IsIn(PLAN_ROLES) role!: PlanRole;
  @ApiPropertyOptional({ example: 'Fysioterapi' }) @IsOptional() @IsString() @MaxLength(200) service?: string;
  @ApiPropertyOptional({ example: 'Fjordvik kommune' }) @IsOptional() @IsString() @MaxLength(200) organisation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) contribution?: string;
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
  @ApiProperty({ description: 'A new password (at least 10 characters), or your password if you already have an account' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}
