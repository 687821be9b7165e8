import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
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
} from 'class-validator';
import { GOAL_STATUSES, LIFE_AREAS, type GoalStatus, type LifeArea } from '#contracts';
import { MutationDto, TEXT_MAX, TITLE_MAX, UpdateMutationDto } from '../../plans/dto/plan.dto';

export class CreateGoalDto extends MutationDto {
  @ApiProperty({ example: 'Gå på butikken selv' }) @IsString() @MinLength(1) @MaxLength(TITLE_MAX) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) description?: string;
  @ApiPropertyOptional({ enum: LIFE_AREAS }) @IsOptional() @IsIn(LIFE_AREAS) lifeArea?: LifeArea;
  @ApiPropertyOptional({ enum: GOAL_STATUSES }) @IsOptional() @IsIn(GOAL_STATUSES) status?: GoalStatus;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsDateString({ strict: true }) targetDate?:
    string | null;
}

export class UpdateGoalDto extends UpdateMutationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(TITLE_MAX) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) description?: string;
  @ApiPropertyOptional({ enum: LIFE_AREAS }) @IsOptional() @IsIn(LIFE_AREAS) lifeArea?: LifeArea;
  @ApiPropertyOptional({ enum: GOAL_STATUSES }) @IsOptional() @IsIn(GOAL_STATUSES) status?: GoalStatus;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsDateString({ strict: true }) targetDate?:
    string | null;
}

export class ReorderDto extends MutationDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(1000) @ArrayUnique() @IsUUID('all', { each: true }) ids!: string[];
}
