import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { EVALUATION_DECISIONS, GAS_RATINGS, type EvaluationDecision, type GasRating } from '#contracts';
import { MutationDto, TITLE_MAX } from '../../plans/dto/plan.dto';

/** Words about how a goal is going, in the person's own language: a few sentences. */
export const RATING_COMMENT_MAX = 2000;
const MAX_GOALS = 200;
const MAX_PARTICIPANTS = 100;

const nullable = () => ValidateIf((_, v) => v !== null);
const isoDate = () => IsDateString({ strict: true });

export class EvaluationItemDto {
  @ApiProperty() @IsUUID() goalId!: string;
  @ApiProperty({ enum: GAS_RATINGS, description: 'GAS: −2 much worse … 0 as expected … +2 much better than expected' })
  @IsIn(GAS_RATINGS)
  rating!: GasRating;
  @ApiProperty({ enum: EVALUATION_DECISIONS }) @IsIn(EVALUATION_DECISIONS) decision!: EvaluationDecision;
  @ApiPropertyOptional({ description: 'In the person’s own words and language' })
  @IsOptional()
  @IsString()
  @MaxLength(RATING_COMMENT_MAX)
  comment?: string;
  @ApiPropertyOptional({ description: "With decision 'change': the goal's new title" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE_MAX)
  title?: string;
  @ApiPropertyOptional({ nullable: true, description: "With decision 'change': the goal's new target date" })
  @IsOptional()
  @nullable()
  @isoDate()
  targetDate?: string | null;
}

export class EvaluationDto extends MutationDto {
  @ApiPropertyOptional({ description: 'The day of the evaluation; default today' }) @IsOptional() @isoDate() date?: string;
  @ApiPropertyOptional({ nullable: true, description: 'The meeting it was held in' }) @IsOptional() @nullable() @IsUUID() meetingId?:
    string | null;
  @ApiProperty({ type: [String], description: 'Member ids of who took part' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PARTICIPANTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  participantMemberIds!: string[];
  @ApiProperty({ type: [EvaluationItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_GOALS)
  @ValidateNested({ each: true })
  @Type(() => EvaluationItemDto)
  items!: EvaluationItemDto[];
  @ApiProperty({ nullable: true, description: 'The next evaluation' }) @nullable() @isoDate() nextEvaluation!: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @isoDate() periodStart?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @isoDate() periodEnd?: string | null;
}

export class DraftRatingDto extends MutationDto {
  @ApiProperty({ enum: GAS_RATINGS }) @IsIn(GAS_RATINGS) rating!: GasRating;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(RATING_COMMENT_MAX) comment?: string;
}

export class CheckinDto extends MutationDto {
  @ApiProperty() @IsUUID() goalId!: string;
  @ApiProperty({ enum: GAS_RATINGS }) @IsIn(GAS_RATINGS) rating!: GasRating;
}
