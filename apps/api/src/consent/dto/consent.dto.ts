import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { CONSENT_FORMS, CONSENT_KINDS, type ConsentForm, type ConsentKind } from '#contracts';
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
