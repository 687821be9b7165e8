import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
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
import type { CompletionInput, CourseInput } from '#contracts';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class CreateCourseDto implements CourseInput {
  @ApiProperty({ example: 'Grunnkurs for koordinatorer' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Months a completion stays valid; null or absent: never expires' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(240)
  validityMonths?: number | null;

  @ApiPropertyOptional({ default: true, description: 'Coordinators must hold a valid completion' })
  @IsOptional()
  @IsBoolean()
  requiredForCoordinators?: boolean;
}

export class UpdateCourseDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ nullable: true, description: 'Applies to completions recorded from now on' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(240)
  validityMonths?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  requiredForCoordinators?: boolean;

  @ApiPropertyOptional({ description: 'An archived course is no longer offered nor required' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class ListCoursesQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  includeArchived?: boolean;
}

export class RecordCompletionDto implements CompletionInput {
  @ApiProperty()
  @IsUUID()
  accountId!: string;

  @ApiProperty()
  @IsUUID()
  courseId!: string;

  @ApiProperty({ example: '2026-01-15' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'completedOn must be a date (YYYY-MM-DD)' })
  completedOn!: string;
}

export class ListCompletionsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  courseId?: string;
}

export class ListCoordinatorsQueryDto {
  @ApiPropertyOptional({ description: 'Only coordinators with a required course missing or expired' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  flagged?: boolean;
}
