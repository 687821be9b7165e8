import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { TASK_STATUSES, type TaskStatus } from '#contracts';
import { MutationDto, TEXT_MAX, TITLE_MAX, UpdateMutationDto } from '../../plans/dto/plan.dto';

const nullable = () => ValidateIf((_, v) => v !== null);

export class CreateTaskDto extends MutationDto {
  @ApiProperty({ example: 'Gåtrening ute med fysioterapeut' }) @IsString() @MinLength(1) @MaxLength(TITLE_MAX) title!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsUUID() goalId?: string | null;
  @ApiPropertyOptional({ description: 'How it is carried out' }) @IsOptional() @IsString() @MaxLength(TEXT_MAX) how?: string;
  @ApiPropertyOptional({ example: '2 t/uke' }) @IsOptional() @IsString() @MaxLength(200) scope?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsUUID() responsibleMemberId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsDateString({ strict: true }) startDate?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsDateString({ strict: true }) dueDate?: string | null;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
}

export class UpdateTaskDto extends UpdateMutationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(TITLE_MAX) title?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsUUID() goalId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT_MAX) how?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) scope?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsUUID() responsibleMemberId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsDateString({ strict: true }) startDate?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @nullable() @IsDateString({ strict: true }) dueDate?: string | null;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
}
