import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { CONSENT_KINDS, type ConsentKind } from '#contracts';
import { MutationDto } from '../../plans/dto/plan.dto';

export class GiveConsentDto extends MutationDto {
  @ApiProperty({ enum: CONSENT_KINDS, description: "plan: to the plan being made; member_access: to one member seeing the plan's content" })
  @IsIn(CONSENT_KINDS)
  kind!: ConsentKind;

  @ApiPropertyOptional({ description: 'For member_access: the member' })
  @ValidateIf((o: GiveConsentDto) => o.kind === 'member_access')
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
