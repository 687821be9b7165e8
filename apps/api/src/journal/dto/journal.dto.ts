import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { JOURNAL_TARGET_TYPES, type JournalTargetType } from '#contracts';
import { MutationDto, PageDto } from '../../plans/dto/plan.dto';

export const JOURNAL_BODY_MAX = 10_000;

export class CreateJournalEntryDto extends MutationDto {
  @ApiProperty({ example: 'Aina gikk til butikken med rullator i dag, uten pause. @Kari Nilsen' })
  @IsString()
  @MinLength(1)
  @MaxLength(JOURNAL_BODY_MAX)
  body!: string;

  @ApiPropertyOptional({ enum: JOURNAL_TARGET_TYPES, default: 'plan' })
  @IsOptional()
  @IsIn(JOURNAL_TARGET_TYPES)
  targetType?: JournalTargetType;

  @ApiPropertyOptional({ description: 'The goal, task or meeting of this plan the note is about' })
  @IsOptional()
  @IsUUID()
  targetId?: string;

  @ApiPropertyOptional({ description: 'The entry this comment answers' }) @IsOptional() @IsUUID() parentId?: string;
}

export class JournalQueryDto extends PageDto {
  @ApiPropertyOptional({ enum: JOURNAL_TARGET_TYPES }) @IsOptional() @IsIn(JOURNAL_TARGET_TYPES) targetType?: JournalTargetType;
  @ApiPropertyOptional() @IsOptional() @IsUUID() targetId?: string;
}
