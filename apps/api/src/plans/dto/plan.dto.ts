import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../accounts/dto/account.dto';
import { PLAN_STATUSES, type PlanStatus } from '#contracts';
import { IsPhone } from '../../input/phone';

export const TEXT_MAX = 20_000;
export const TITLE_MAX = 300;

/** A client mutation id: retried changes with the same id are applied once. */
export class MutationDto {
  @ApiPropertyOptional({ description: 'Makes a retried change idempotent' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/)
  clientMutationId?: string;
}

export class UpdateMutationDto extends MutationDto {
  @ApiProperty({ description: 'The plan revision this change was based on' })
  @IsInt()
  @Min(0)
  baseRevision!: number;
}

export class CreatePlanDto {
  @ApiProperty({ example: 'Emmas plan' })
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE_MAX)
  title!: string;

  @ApiProperty({ example: 'Emma Solberg' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  personName!: string;

  @ApiPropertyOptional({ description: 'The person, if they already have an account in this tenant' })
  @IsOptional()
  @IsUUID()
  personAccountId?: string;

  @ApiPropertyOptional({ description: 'Invite the person by e-mail when they have no account yet' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  personEmail?: string;

  @ApiPropertyOptional({
    description: "The person's phone (E.164; a Norwegian 8-digit number without +47) when they have no account yet",
    example: '+4791234567',
  })
  @IsOptional()
  @IsPhone()
  personPhone?: string;

  @ApiPropertyOptional({
    description:
      'The person has no phone or e-mail: consent will be recorded on paper. Without personAccountId, give personEmail, personPhone or this.',
  })
  @IsOptional()
  @IsBoolean()
  personNoContact?: boolean;

  @ApiPropertyOptional({ description: 'The coordinator; defaults to the creator when the creator is a coordinator' })
  @IsOptional()
  @IsUUID()
  coordinatorAccountId?: string;
}

const nullableDate = () => ValidateIf((_, v) => v !== null);

export class UpdatePlanDto extends UpdateMutationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(TITLE_MAX) title?: string;
  @ApiPropertyOptional({ description: '"Hva er viktig for deg?" in the person\'s own words' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  whatMatters?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) resources?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) needs?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) cooperation?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullableDate() @IsDateString({ strict: true }) periodStart?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullableDate() @IsDateString({ strict: true }) periodEnd?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullableDate() @IsDateString({ strict: true }) nextEvaluation?: string | null;
}

export class SetPlanStatusDto extends MutationDto {
  @ApiProperty({ enum: PLAN_STATUSES }) @IsIn(PLAN_STATUSES) status!: PlanStatus;
}

/** Paging for plan lists: the same bounds as every other list. */
export class PageDto extends PageQueryDto {}

export class EventsQueryDto {
  @ApiPropertyOptional({ default: 0, description: 'Events after this revision' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  since = 0;
  @ApiPropertyOptional({ default: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit = 500;
}
