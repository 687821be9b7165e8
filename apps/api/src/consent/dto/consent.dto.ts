import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  CONSENT_FORMS,
  CONSENT_KINDS,
  RECORDED_CONSENT_FORMS,
  type ConsentForm,
  type ConsentKind,
  type RecordedConsentForm,
} from '#contracts';
import { MutationDto } from '../../plans/dto/plan.dto';

export class GiveConsentDto extends MutationDto {
  @ApiProperty({ enum: CONSENT_KINDS, description: "plan: to the plan being made; member_access: to one member seeing the plan's content" })
  @IsIn(CONSENT_KINDS)
  kind!: ConsentKind;

  @ApiPropertyOptional({ description: 'For member_access: the member' })
  @ValidateIf((o: GiveConsentDto) => o.kind === 'member_access')
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({ enum: CONSENT_FORMS, description: 'How the consent was given (default digital: in the app)' })
  @IsOptional()
  @IsIn(CONSENT_FORMS)
  form?: ConsentForm;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** Consent given orally or on paper, recorded by the coordinator (or the person or a guardian). */
export class RecordConsentDto extends MutationDto {
  @ApiProperty({ enum: RECORDED_CONSENT_FORMS, description: 'oral: said aloud and written down; paper: signed on paper' })
  @IsIn(RECORDED_CONSENT_FORMS)
  form!: RecordedConsentForm;

  @ApiProperty({ example: '2026-12-02', description: 'The day the consent was given (not in the future)' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'givenOn must be a date (YYYY-MM-DD)' })
  givenOn!: string;

  @ApiProperty({ description: 'Consent to the plan being made' })
  @IsBoolean()
  plan!: boolean;

  @ApiProperty({ type: [String], description: 'Relatives and professionals the person consented to seeing the plan' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberIds!: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
